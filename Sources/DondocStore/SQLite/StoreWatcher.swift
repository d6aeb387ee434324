#if canImport(Glibc)
import CLinux
import Glibc
#endif
import Foundation

/// Wake-ups from the kernel instead of polling: a change to the store's files (inotify), on a
/// thread of its own blocked on one file descriptor.
enum StoreWatcher {
    /// How long the files must stay quiet after a write before the second look.
    static let settleMilliseconds: Int32 = 50

    /// Calls `changed` whenever a file in the state store's folder whose name starts with the
    /// store's file name is written (`state.sqlite`, `-wal`, `-shm`): `dondoc done` from another
    /// process, or this one's own writes (`SQLiteStateStore.changes()` tells them apart), and
    /// once more when the files have been quiet for `settleMilliseconds` after a write.
    /// Returns false when inotify is not available.
    @discardableResult
    static func watch(path: String, changed: @escaping @Sendable () -> Void) -> Bool {
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
                guard relevant else { continue }
                changed()
                // A commit's last file write can precede its visibility (SQLite publishes a WAL
                // commit in the shared-memory index, which inotify does not see): once the files
                // are quiet for a moment, look once more. Only after a write: idle, nothing wakes.
                var quiet = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if poll(&quiet, 1, StoreWatcher.settleMilliseconds) == 0 { changed() }
            }
        }
        thread.name = "dondoc-store-watch"
        thread.start()
        return true
        #else
        return false
        #endif
    }
}
