import Foundation

/// Runs work on a thread with a large stack, and waits for it.
///
/// Yams composes documents recursively, and libyaml lets a document nest 1,000 levels deep:
/// more than the stack of a secondary thread (512 KiB) holds. Tearing down such a tree is
/// recursive too, so the work must also drop any deep tree before it returns.
enum LargeStack {
    static let size = 64 << 20

    static func run<T>(_ work: @escaping () -> T) -> T {
        let box = ResultBox(work)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.run()
            done.signal()
        }
        thread.stackSize = size
        thread.start()
        done.wait()
        return box.take()
    }
}

/// Hands a closure to another thread and its result back; the semaphore orders the accesses.
private final class ResultBox<T>: @unchecked Sendable {
    private var work: (() -> T)?
    private var result: T?

    init(_ work: @escaping () -> T) { self.work = work }

    func run() {
        result = work?()
        work = nil
    }

    func take() -> T {
        defer { result = nil }
        return result!
    }
}
