import Foundation

/// Runs work on a thread with a large stack, and waits for it.
///
/// Yams composes documents recursively, and libyaml lets a document nest 1,000 levels deep:
/// more than the stack of a secondary thread (512 KiB) holds. Tearing down such a tree is
/// recursive too, so the work must also drop any deep tree before it returns.
enum LargeStack {
    static let size = 64 << 20

    static func run<T>(_ work: @escaping () -> T) -> T {
        if Thread.current.threadDictionary[flag] != nil { return work() }
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

    /// Marks a thread whose stack is already large: `run` then works in place.
    private static let flag = "dondoc.large-stack"

    /// Calls `body` for every index of `0..<count` on up to `workers` threads with large stacks
    /// (each takes the next index as it finishes one), and waits for all of them.
    static func parallel(count: Int, workers: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let next = IndexCounter()
        let done = DispatchGroup()
        for _ in 0..<max(1, min(workers, count)) {
            done.enter()
            let thread = Thread {
                Thread.current.threadDictionary[flag] = true
                while let index = next.take(below: count) { body(index) }
                done.leave()
            }
            thread.stackSize = size
            thread.start()
        }
        done.wait()
    }
}

/// The next index to hand out, shared by the workers of `LargeStack.parallel`.
private final class IndexCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < count else { return nil }
        defer { value += 1 }
        return value
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
