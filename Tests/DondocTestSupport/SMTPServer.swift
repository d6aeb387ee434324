import Foundation

/// `smtp_server.py` on 127.0.0.1 (a port the kernel picks), storing what it accepts in a Maildir,
/// and an msmtp configuration that sends to it.
public final class SMTPServer {
    public let port: Int
    public let directory: URL
    public var maildir: URL { directory.appendingPathComponent("Maildir") }
    private let process: Process
    private let stdin: Pipe

    /// A message as a mail client reads it back (`mail_inspect.py maildir`).
    public struct Delivered: Decodable {
        public let subject: String?
        public let from_name: String?
        public let from_addr: String?
        public let to: String?
        public let message_id: String?
        public let date: String?
        public let date_iso: String?
        public let keys: String?
        public let content_type: String
        public let charset: String?
        public let cte: String?
        public let envelope_from: String?
        public let envelope_to: String?
        public let body: String
        public let defects: [String]
        public let header_lines: [String]
        public let raw_b64: String

        /// The file as stored, less the two `X-Envelope-*` lines the server puts first.
        public var receivedBytes: [UInt8] {
            let raw = [UInt8](Data(base64Encoded: raw_b64) ?? Data())
            var lines = 0
            var index = 0
            while lines < 2, index < raw.count {
                if raw[index] == 10 { lines += 1 }
                index += 1
            }
            return Array(raw[index...])
        }
    }

    /// Starts a server; `rejecting` recipients get 550, `tempfailAll` answers MAIL FROM with 451.
    public init(rejecting: [String] = [], tempfailAll: Bool = false) throws {
        let python = try TestTools.python()
        directory = try TestTools.temporaryDirectory()
        var arguments = [
            TestTools.supportDirectory.appendingPathComponent("smtp_server.py").path,
            "--maildir", directory.appendingPathComponent("Maildir").path,
        ]
        if !rejecting.isEmpty { arguments += ["--reject-rcpt", rejecting.joined(separator: ",")] }
        if tempfailAll { arguments.append("--tempfail-all") }
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        var line = Data()
        while !line.contains(10) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw TestTools.Failed(description: "smtp_server.py did not start: \(text) \(errors)")
        }
        self.port = port
    }

    /// Stops the server (closing its standard input ends it) and waits for it.
    public func stop() {
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// An msmtp configuration for this server: no TLS, no authentication.
    public func msmtprc(from: String) throws -> String {
        let url = directory.appendingPathComponent("msmtprc")
        let text = """
            defaults
            auth off
            tls off
            timeout 10
            account dondoc
            host 127.0.0.1
            port \(port)
            from \(from)
            account default : dondoc

            """
        try text.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        return url.path
    }

    /// Every message stored so far.
    public func messages() throws -> [Delivered] {
        let json = try TestTools.python("mail_inspect.py", ["maildir", maildir.path])
        return try JSONDecoder().decode([Delivered].self, from: json)
    }
}
