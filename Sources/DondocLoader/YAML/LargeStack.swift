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

    /// `transform` of every element, in order, worked out on up to `workers` threads with large
    /// stacks (each takes the next element as it finishes one).
    static func map<T: Sendable, R: Sendable>(_ items: [T], workers: Int, _ transform: @escaping @Sendable (T) -> R) -> [R] {
        guard !items.isEmpty else { return [] }
        let slots = Slots<R>(count: items.count)
        let done = DispatchGroup()
        for _ in 0..<max(1, min(workers, items.count)) {
            done.enter()
            let thread = Thread {
                Thread.current.threadDictionary[flag] = true
                while let index = slots.next() { slots.set(index, transform(items[index])) }
                done.leave()
            }
            thread.stackSize = size
            thread.start()
        }
        done.wait()
        return slots.all
    }
}

/// The results of `LargeStack.map`, and the next index to hand out, shared by its workers.
private final class Slots<R>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [R?]
    private var handedOut = 0

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard handedOut < results.count else { return nil }
        defer { handedOut += 1 }
        return handedOut
    }

    func set(_ index: Int, _ result: R) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    /// Once every worker has finished.
    var all: [R] {
        lock.lock()
        defer { lock.unlock() }
        return results.map { $0! }
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
