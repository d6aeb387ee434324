import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real `NOTIFY_SOCKET`: an AF_UNIX datagram socket, as systemd binds one, that records each
/// datagram with the sender's pid (SO_PASSCRED). `address` is what goes into `NOTIFY_SOCKET`:
/// a path, or `@name` for the abstract namespace.
public final class NotifySocket: @unchecked Sendable {
    public let fd: Int32
    public let address: String
    private let directory: String?

    public struct Datagram {
        public let text: String
        public let senderPID: pid_t?
    }

    public init(abstract: Bool = false) throws {
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        let pathBytes: [UInt8]
        if abstract {
            let name = "dondoc-test-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            address = "@" + name
            pathBytes = [0] + Array(name.utf8)
            directory = nil
        } else {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-notify-\(UUID().uuidString.prefix(8))").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            address = dir + "/notify.sock"
            pathBytes = Array(address.utf8)
            directory = dir
        }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: addr.sun_path)
        precondition(pathBytes.count < capacity, "socket path too long")
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count)
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard rc == 0 else {
            let code = errno
            close(fd)
            throw POSIXError(.init(rawValue: code) ?? .EIO)
        }
    }

    deinit {
        close(fd)
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// The next datagram sent by this process (others are skipped: a child another test spawns
    /// meanwhile inherits `NOTIFY_SOCKET`), or nil after the 2 s receive timeout.
    public func receive() -> Datagram? {
        while let datagram = receiveAny() {
            if datagram.senderPID == getpid() { return datagram }
        }
        return nil
    }

    /// The next datagram from anyone, or nil after the 2 s receive timeout (or `timeout`).
    public func receiveAny(timeout: Duration? = nil) -> Datagram? {
        if let timeout {
            let (seconds, attos) = timeout.components
            var tv = timeval(tv_sec: Int(seconds), tv_usec: Int(attos / 1_000_000_000_000))
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        }
        defer {
            var tv = timeval(tv_sec: 2, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        }
        var data = [UInt8](repeating: 0, count: 4096)
        // struct cmsghdr (16 bytes on 64-bit) followed by struct ucred (pid, uid, gid), 8-aligned.
        let headerSize = MemoryLayout<cmsghdr>.size
        var control = [UInt8](repeating: 0, count: headerSize + 16)
        let count: Int = data.withUnsafeMutableBytes { dataBuffer in
            control.withUnsafeMutableBytes { controlBuffer in
                var iov = iovec(iov_base: dataBuffer.baseAddress, iov_len: dataBuffer.count)
                return withUnsafeMutablePointer(to: &iov) { iovPointer in
                    var message = msghdr()
                    message.msg_iov = iovPointer
                    message.msg_iovlen = 1
                    message.msg_control = controlBuffer.baseAddress
                    message.msg_controllen = controlBuffer.count
                    return recvmsg(fd, &message, 0)
                }
            }
        }
        guard count >= 0 else { return nil }
        var pid: pid_t?
        let header = control.withUnsafeBytes { $0.loadUnaligned(as: cmsghdr.self) }
        if header.cmsg_level == SOL_SOCKET, header.cmsg_type == 2 /* SCM_CREDENTIALS */, header.cmsg_len >= headerSize + 12 {
            pid = control.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: headerSize, as: pid_t.self) }
        }
        return Datagram(text: String(decoding: data[..<count], as: UTF8.self), senderPID: pid)
    }
}
