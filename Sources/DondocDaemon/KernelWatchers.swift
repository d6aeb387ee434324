#if canImport(Glibc)
import CLinux
import Glibc
#endif
import Foundation

/// Wake-ups from the kernel instead of polling: a change to the state store's files
/// (inotify) and a step of the system clock (a timerfd cancelled on clock set, as systemd's
/// timers do). Each watcher blocks a thread of its own on one file descriptor.
enum KernelWatchers {
    /// Calls `changed` whenever a file in the state store's folder whose name starts with the
    /// store's file name is written (`state.sqlite`, `-wal`, `-shm`): `dondoc done` from another
    /// process. Returns false when inotify is not available.
    @discardableResult
    static func watchStore(path: String, changed: @escaping @Sendable () -> Void) -> Bool {
        #if canImport(Glibc)
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let prefix = url.lastPathComponent
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { return false }
        let mask = UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE)
        guard inotify_add_watch(fd, directory, mask) >= 0 else {
            close(fd)
            return false
        }
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return }
                var offset = 0
                var relevant = false
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let (length, name) = buffer.withUnsafeBytes { raw -> (Int, String) in
                        let event = raw.load(fromByteOffset: offset, as: inotify_event.self)
                        let nameStart = offset + MemoryLayout<inotify_event>.size
                        let nameBytes = raw[nameStart..<min(count, nameStart + Int(event.len))].prefix { $0 != 0 }
                        return (Int(event.len), String(decoding: nameBytes, as: UTF8.self))
                    }
                    if name.hasPrefix(prefix) { relevant = true }
                    offset += MemoryLayout<inotify_event>.size + length
                }
                if relevant { changed() }
            }
        }
        thread.name = "dondoc-store-watch"
        thread.start()
        return true
        #else
        return false
        #endif
    }

    /// Calls `stepped` whenever the system's real-time clock is set (NTP step, manual change,
    /// resume from suspend). Returns false when timerfd is not available.
    @discardableResult
    static func watchClockSteps(stepped: @escaping @Sendable () -> Void) -> Bool {
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
