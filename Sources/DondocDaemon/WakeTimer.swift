#if canImport(Glibc)
import CLinux
import Glibc
#endif
import Foundation

/// A one-shot timer on a timerfd (CLOCK_MONOTONIC), read by a thread of its own. Unlike
/// `Task.sleep`, whose timer libdispatch re-arms every second on Linux, it wakes the process
/// exactly once, when it fires: an idle daemon stays asleep.
final class WakeTimer: Sendable {
    private let fd: Int32

    /// `nil` when timerfd is not available.
    init?(fired: @escaping @Sendable () -> Void) {
        #if canImport(Glibc)
        let fd = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_CLOEXEC))
        guard fd >= 0 else { return nil }
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
        return nil
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
