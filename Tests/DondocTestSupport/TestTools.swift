import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real programs the mail tests drive, and how to run them. A missing one is a test
/// failure that says what to install — never a silent skip.
public enum TestTools {
    public struct Missing: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    public struct Failed: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// This folder: the Python helpers live beside this file.
    public static let supportDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    public static let msmtp = "/usr/bin/msmtp"

    /// A python3 that can import aiosmtpd: `$DONDOC_TEST_PYTHON`, `python3` on PATH, `/usr/bin/python3`.
    public static let pythonPath: String? = {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["DONDOC_TEST_PYTHON"] { candidates.append(explicit) }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append("\(dir)/python3")
        }
        candidates.append("/usr/bin/python3")
        return candidates.first { path in
            FileManager.default.isExecutableFile(atPath: path)
                && (try? run(path, ["-c", "import aiosmtpd, email.policy"]).status) == 0
        }
    }()

    public static func python() throws -> String {
        guard let pythonPath else {
            throw Missing(description: """
                python3 with aiosmtpd is required for the mail tests (a real SMTP server on loopback): \
                install with `apt-get install -y python3 python3-pip && pip install aiosmtpd` \
                (or `apt-get install -y python3-aiosmtpd`); DONDOC_TEST_PYTHON may name the interpreter
                """)
        }
        return pythonPath
    }

    /// The same python3, which must also import `module` (a failure says how to install it).
    public static func pythonWith(module: String, install: String) throws -> String {
        let python = try python()
        guard (try? run(python, ["-c", "import \(module)"]).status) == 0 else {
            throw Missing(description: "python3 module \(module) is required for this test: \(install)")
        }
        return python
    }

    /// A TCP port on 127.0.0.1 that nothing listens on now (the kernel's choice).
    public static func freeLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failed(description: "socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Failed(description: "bind 127.0.0.1:0: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    public static func requireMsmtp() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: msmtp) else {
            throw Missing(description: "msmtp is required for the mail tests: install with `apt-get install -y msmtp`")
        }
        return msmtp
    }

    /// Runs a program to completion: its exit status, standard output and standard error.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], input: Data = Data()) throws -> (status: Int32, stdout: Data, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        let errFile = try temporaryDirectory().appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        let stderr = try FileHandle(forWritingTo: errFile)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try stderr.close()
        let errors = (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: errFile.deletingLastPathComponent())
        return (process.terminationStatus, output, errors)
    }

    /// Runs one of the Python helpers beside this file; fails on a non-zero exit.
    public static func python(_ script: String, _ arguments: [String], input: Data = Data()) throws -> Data {
        let result = try run(try python(), [supportDirectory.appendingPathComponent(script).path] + arguments, input: input)
        guard result.status == 0 else {
            throw Failed(description: "\(script) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// A fresh directory under the system's temporary directory.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
