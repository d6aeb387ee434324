import Foundation

/// `smtp_server.py` on 127.0.0.1 (a port the kernel picks), storing what it accepts in a Maildir,
/// and an msmtp configuration that sends to it.
public final class SMTPServer: @unchecked Sendable {
    public let port: Int
    public let directory: URL
    public var maildir: URL { directory.appendingPathComponent("Maildir") }
    private let process: Process
    private let stdin: Pipe
    /// The name of each message stored, as the server reports it.
    public let stored = Observed<String>()

    /// A message as a mail client reads it back (`mail_inspect.py maildir`).
    public struct Delivered: Decodable, Sendable {
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
        let lines = LineReader(stdout.fileHandleForReading)
        let text = lines.next() ?? ""
        guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw TestTools.Failed(description: "smtp_server.py did not start: \(text) \(errors)")
        }
        self.port = port
        let stored = self.stored
        let reader = Thread {
            while let line = lines.next() {
                if line.hasPrefix("STORED ") { stored.append(String(line.dropFirst(7))) }
            }
        }
        reader.name = "dondoc-test-smtp-reader"
        reader.start()
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

    /// Waits (up to `timeout`) until what the server has stored satisfies `condition`, reading
    /// the Maildir again after each message stored; returns what it holds then, satisfied or not.
    public func messages(timeout: Duration = .seconds(60), until condition: @escaping @Sendable ([Delivered]) -> Bool) async throws -> [Delivered] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let seen = stored.all.count
            let messages = try await offThePool { try self.messages() }
            if condition(messages) { return messages }
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero, await stored.wait(timeout: left, until: { $0.count > seen }) != nil else {
                return try await offThePool { try self.messages() }
            }
        }
    }
}

/// Lines of a pipe, read as they come.
public final class LineReader: @unchecked Sendable {
    private let handle: FileHandle
    private var buffer = Data()

    public init(_ handle: FileHandle) { self.handle = handle }

    /// The next line without its newline; nil at the end of the stream.
    public func next() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                return String(decoding: line, as: UTF8.self)
            }
            let chunk = handle.availableData
            if chunk.isEmpty {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = Data() }
                return String(decoding: buffer, as: UTF8.self)
            }
            buffer += chunk
        }
    }
}
