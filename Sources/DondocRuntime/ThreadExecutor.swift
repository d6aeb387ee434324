import Foundation

/// A task executor that runs every job on one thread of its own, and sleeps on a condition
/// variable while there is nothing to run.
///
/// Why: on Linux, Swift concurrency's default executor runs jobs on libdispatch's global queues,
/// and the first worker thread of those queues starts libdispatch's pool monitor, a timer that
/// wakes the process every second for as long as it lives. A daemon that does nothing most of the
/// day must not wake up sixty times a minute; its work is sequential anyway (one loop, one
/// message at a time), so one thread does it. Blocking calls (SQLite, the sendmail child) run
/// on threads of their own or briefly on this one.
public final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
    // Guarded by `condition`.
    private let condition = NSCondition()
    private var pending: [UnownedJob] = []

    /// Starts the thread. The executor lives as long as the process (its thread holds it).
    public init(name: String) {
        let thread = Thread { self.drain() }
        thread.name = name
        // Swift's own default stack for concurrency worker threads is 512 KiB–8 MiB; the loader
        // recurses over YAML nodes, so give it room.
        thread.stackSize = 8 << 20
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        pending.append(job)
        condition.signal()
        condition.unlock()
    }

    private func drain() {
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while pending.isEmpty { condition.wait() }
            swap(&batch, &pending)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
