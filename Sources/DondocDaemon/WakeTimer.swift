#if canImport(Glibc)
import CLinux
import Glibc
#endif
import Foundation

/// A one-shot timer on a timerfd (CLOCK_MONOTONIC), read by a thread of its own. Unlike
/// `Task.sleep`, which goes through libdispatch's global queues (and so starts their pool
/// monitor, a one-second timer; see `ThreadExecutor`), it wakes the process exactly once, when it
/// fires: an idle daemon stays asleep.
final class WakeTimer: Sendable {
    private let fd: Int32

    /// Throws `Daemon.StartError` when the kernel gives no timerfd (out of file descriptors).
    init(fired: @escaping @Sendable () -> Void) throws {
        #if canImport(Glibc)
        let fd = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_CLOEXEC))
        guard fd >= 0 else {
            throw Daemon.StartError(description: "cannot create the wake-up timer: \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        let thread = Thread {
            var expirations: UInt64 = 0
            while true {
                let count = read(fd, &expirations, MemoryLayout<UInt64>.size)
                if count == MemoryLayout<UInt64>.size {
                    fired()
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
        thread.name = "dondoc-wake-timer"
        thread.start()
        #else
        throw Daemon.StartError(description: "the wake-up timer needs Linux's timerfd")
        #endif
    }

    /// Fires once after `duration` (at once for zero or less), replacing any earlier arming.
    func arm(after duration: Duration) {
        #if canImport(Glibc)
        let (seconds, attoseconds) = duration.components
        var spec = itimerspec()
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) {
            spec.it_value = timespec(tv_sec: 0, tv_nsec: 1)
        } else {
            spec.it_value = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        }
        timerfd_settime(fd, 0, &spec, nil)
        #endif
    }
}
