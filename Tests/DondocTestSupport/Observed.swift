import Foundation

/// What a test observes of the parts it runs — lines a daemon logs, datagrams on a
/// NOTIFY_SOCKET, messages an SMTP server stores — appended by the threads that read them, and
/// awaited without blocking a thread.
///
/// Tests run on Swift concurrency's cooperative pool, which has one thread per core: a helper
/// that blocks one of them (a condition variable, a sleep in a polling loop) can starve the
/// code under test, and on a two-core machine it does. `wait` suspends instead: a waiter is
/// resumed by the `append` that satisfies it, or by its timeout, which fires on a dispatch queue
/// of its own. A timeout only bounds how long a broken test hangs; no test measures it.
public final class Observed<Item: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Item] = []
    private var waiters: [UInt64: Waiter] = [:]
    private var nextWaiter: UInt64 = 0

    private struct Waiter {
        let satisfied: ([Item]) -> Bool
        let continuation: CheckedContinuation<[Item]?, Never>
    }

    public init() {}

    /// Everything observed so far, in order.
    public var all: [Item] { lock.withLock { items } }

    public func append(_ item: Item) {
        let ready: [CheckedContinuation<[Item]?, Never>]
        let snapshot: [Item]
        lock.lock()
        items.append(item)
        snapshot = items
        let done = waiters.filter { $0.value.satisfied(snapshot) }
        for id in done.keys { waiters[id] = nil }
        ready = done.values.map(\.continuation)
        lock.unlock()
        for continuation in ready { continuation.resume(returning: snapshot) }
    }

    /// Suspends until what has been observed satisfies `condition` (checked at once, then after
    /// every append), and returns it; nil when `timeout` passes first.
    public func wait(timeout: Duration = .seconds(60), until condition: @escaping @Sendable ([Item]) -> Bool) async -> [Item]? {
        await withCheckedContinuation { (continuation: CheckedContinuation<[Item]?, Never>) in
            lock.lock()
            if condition(items) {
                let snapshot = items
                lock.unlock()
                continuation.resume(returning: snapshot)
                return
            }
            let id = nextWaiter
            nextWaiter += 1
            waiters[id] = Waiter(satisfied: condition, continuation: continuation)
            lock.unlock()
            let (seconds, attoseconds) = timeout.components
            let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
            testTimeouts.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [self] in
                let expired = lock.withLock { waiters.removeValue(forKey: id) }
                expired?.continuation.resume(returning: nil)
            }
        }
    }
}

/// Where waits time out: a serial dispatch queue, not the cooperative pool.
private let testTimeouts = DispatchQueue(label: "dondoc-test-timeouts")

extension Observed where Item == String {
    /// Waits for the `count`-th item containing `text`.
    public func wait(for text: String, count: Int = 1, timeout: Duration = .seconds(60)) async -> Bool {
        await wait(timeout: timeout) { items in items.lazy.filter { $0.contains(text) }.count >= count } != nil
    }
}

/// Runs blocking work — waiting for a child process, reading a pipe to its end — on a thread of
/// its own, and suspends the calling task until it is done, so that no thread of the
/// cooperative pool is held meanwhile.
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try work() })
        }
        thread.name = "dondoc-test-blocking"
        thread.start()
    }
}
