#if canImport(Glibc)
import CLinux
import Glibc
#endif
import Foundation

/// Steps of the system's real-time clock, from the kernel (a timerfd cancelled on clock set, as
/// systemd's timers do), on a thread of its own blocked on one file descriptor.
public enum ClockSteps {
    /// Calls `stepped` whenever the system's real-time clock is set (NTP step, manual change,
    /// resume from suspend). Returns false when timerfd is not available.
    @discardableResult
    public static func watch(stepped: @escaping @Sendable () -> Void) -> Bool {
        #if canImport(Glibc)
        let fd = timerfd_create(CLOCK_REALTIME, Int32(TFD_CLOEXEC))
        guard fd >= 0 else { return false }
        @Sendable func arm() -> Bool {
            // An absolute expiry far in the future: it only ever fires by being cancelled.
            var spec = itimerspec(it_interval: timespec(tv_sec: 0, tv_nsec: 0),
                                  it_value: timespec(tv_sec: Int(Int32.max), tv_nsec: 0))
            let flags = Int32(TFD_TIMER_ABSTIME) | Int32(TFD_TIMER_CANCEL_ON_SET)
            return timerfd_settime(fd, flags, &spec, nil) == 0
        }
        guard arm() else {
            close(fd)
            return false
        }
        let thread = Thread {
            var expirations: UInt64 = 0
            while true {
                let count = read(fd, &expirations, MemoryLayout<UInt64>.size)
                if count < 0 && errno == ECANCELED {
                    stepped()
                    guard arm() else { return }
                    continue
                }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return }
            }
        }
        thread.name = "dondoc-clock-watch"
        thread.start()
        return true
        #else
        return false
        #endif
    }
}
