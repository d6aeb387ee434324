#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What is at the store's path, found with plain `stat`/`read` before SQLite opens it.
///
/// SQLite may write to a file it opens read-write (GRDB's WAL setup commits a transaction), so a
/// file is handed to SQLite only once it is known to be an SQLite database; anything else is
/// refused here, untouched.
enum StoreFile: Equatable {
    /// Nothing at the path, and its directory exists.
    case absent
    /// A regular file of zero bytes: no data, treated like `absent`.
    case empty
    /// A regular file that starts with a complete SQLite header.
    case database
    /// An empty file beside a write-ahead log that is not: what another process setting the store
    /// up leaves for an instant, or a damaged store if it lasts.
    case halfMade

    static func halfMadeError(_ path: String) -> StoreError {
        StoreError(code: .corrupt, path: path, message: "is empty, but its write-ahead log \(path)-wal is not; both left untouched")
    }

    /// The 16 bytes every SQLite 3 database starts with.
    static let magic: [UInt8] = Array("SQLite format 3\u{0}".utf8)
    /// The size of the database header (https://www.sqlite.org/fileformat.html).
    static let headerSize = 100

    static func inspect(_ path: String) throws -> StoreFile {
        guard !path.isEmpty else {
            throw StoreError(code: .notFound, path: path, message: "no path given for the state store")
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            let failure = errno
            guard failure == ENOENT else { throw unreadable(path, errno: failure) }
            try checkDirectory(of: path)
            return .absent
        }
        switch info.st_mode & fileTypeMask {
        case directoryType:
            throw StoreError(code: .unreadable, path: path, message: "is a directory, not a file")
        case regularType:
            break
        default:
            throw StoreError(code: .unreadable, path: path, message: "is not a regular file")
        }
        let header = try readHeader(path)
        if header.isEmpty && info.st_size == 0 {
            // SQLite would discard a log beside an empty database file: refuse instead, unless
            // another process is setting the store up this moment (`halfMade`, see `open`).
            var log = stat()
            if stat(path + "-wal", &log) == 0 && log.st_size > 0 { return .halfMade }
            return .empty
        }
        guard header.starts(with: magic) else {
            throw StoreError(
                code: .notADatabase, path: path,
                message: "the file does not start with the SQLite header; left untouched")
        }
        guard header.count == headerSize else {
            throw StoreError(
                code: .corrupt, path: path,
                message: "truncated to \(header.count) bytes, shorter than the SQLite header; left untouched. \(StoreError.recoveryAdvice)")
        }
        return .database
    }

    /// The first `headerSize` bytes (fewer if the file is shorter).
    private static func readHeader(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw unreadable(path, errno: errno) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: headerSize)
        var count = 0
        while count < headerSize {
            let n = buffer.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress! + count, headerSize - count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw unreadable(path, errno: errno)
            }
            if n == 0 { break }
            count += n
        }
        return Array(buffer[..<count])
    }

    /// For a path with nothing there: its directory must exist for the store to be created.
    private static func checkDirectory(of path: String) throws {
        let directory = parent(of: path)
        var info = stat()
        guard stat(directory, &info) == 0 else {
            let failure = errno
            if failure == ENOENT {
                throw StoreError(
                    code: .notFound, path: path,
                    message: "directory \(directory) does not exist (create it, e.g. with systemd's StateDirectory=)")
            }
            throw unreadable(path, errno: failure)
        }
        guard info.st_mode & fileTypeMask == directoryType else {
            throw StoreError(code: .unreadable, path: path, message: "\(directory) is not a directory")
        }
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = path[..<slash]
        return directory.isEmpty ? "/" : String(directory)
    }

    private static func unreadable(_ path: String, errno code: Int32) -> StoreError {
        let reason: String
        switch code {
        case EACCES, EPERM: reason = "permission denied"
        case ENOTDIR: reason = "a component of the path is not a directory"
        case ELOOP: reason = "too many symbolic links"
        case ENAMETOOLONG: reason = "the path is too long"
        default: reason = String(cString: strerror(code))
        }
        return StoreError(code: .unreadable, path: path, message: "cannot be read: \(reason)")
    }

    private static let fileTypeMask: mode_t = 0o170000
    private static let directoryType: mode_t = 0o040000
    private static let regularType: mode_t = 0o100000
}
