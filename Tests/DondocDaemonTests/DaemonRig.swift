import DondocTestSupport
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A `dondoc run` with real parts around it: a copy of the bundled workflows, a real SMTP
/// server on loopback reached through msmtp, a real NOTIFY_SOCKET, a real SQLite store.
final class DaemonRig {
    let directory: URL
    let smtp: SMTPServer
    let notify: NotifySocket
    var workflows: URL { directory.appendingPathComponent("workflows") }
    var state: URL { directory.appendingPathComponent("state.sqlite") }
    var config: URL { directory.appendingPathComponent("dondoc.yaml") }
    var logFile: URL { directory.appendingPathComponent("daemon.log") }
    private(set) var process: Process?
    /// Every datagram received, drained continuously: systemd reads its socket at once, and a
    /// full socket would block the daemon's sd_notify.
    private let datagrams = Datagrams()
    private var reader: Thread?

    final class Datagrams: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [(pid: pid_t?, text: String)] = []
        private var open = true
        func append(_ item: (pid_t?, String)) { lock.withLock { items.append(item) } }
        func snapshot() -> [(pid: pid_t?, text: String)] { lock.withLock { items } }
        var isOpen: Bool { lock.withLock { open } }
        func close() { lock.withLock { open = false } }
    }

    /// A sendmail that fails with EX_TEMPFAIL (75) until `mailOutageEnds()`, then hands over to msmtp.
    var outageFlag: URL { directory.appendingPathComponent("mail-is-back") }

    func mailOutageEnds() throws {
        try Data().write(to: outageFlag)
    }

    init(catchUpDays: Int = 30, mailOutage: Bool = false) throws {
        directory = try TestTools.temporaryDirectory()
        smtp = try SMTPServer()
        notify = try NotifySocket(abstract: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: DondocProcess.workflows), to: workflows)
        let rc = try smtp.msmtprc(from: "dondoc@example.gov.vn")
        var sendmail = "/usr/bin/msmtp -C \(rc)"
        if mailOutage {
            let script = directory.appendingPathComponent("sendmail-with-outage")
            try "#!/bin/sh\n[ -f '\(outageFlag.path)' ] || { echo 'mail server unreachable' >&2; exit 75; }\nexec /usr/bin/msmtp -C '\(rc)' \"$@\"\n"
                .write(to: script, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
            sendmail = script.path
        }
        try """
            workflows: workflows
            state: state.sqlite
            send-at: "08:00"
            catch-up-days: \(catchUpDays)
            mail:
              from: "Hệ thống đôn đốc <dondoc@example.gov.vn>"
              sendmail: \(sendmail)
            """.write(to: config, atomically: true, encoding: .utf8)
    }

    deinit {
        datagrams.close()
        if let process, process.isRunning { kill(process.processIdentifier, SIGKILL) }
        smtp.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts the daemon on a simulated clock and waits for READY=1.
    func start(clockStart: String, rate: Double, environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = try #require(DondocProcess.binary)
        process.arguments = ["run", "--config", config.path, "--clock-start", clockStart, "--clock-rate", "\(rate)"]
        var env = ProcessInfo.processInfo.environment
        env["NOTIFY_SOCKET"] = notify.address
        env.removeValue(forKey: "JOURNAL_STREAM")
        env.removeValue(forKey: "WATCHDOG_USEC")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        try log.seekToEnd()
        process.standardError = log
        process.standardOutput = log
        if reader == nil {
            let (socket, sink) = (notify, datagrams)
            let thread = Thread {
                while sink.isOpen {
                    if let datagram = socket.receiveAny(timeout: .milliseconds(200)) {
                        sink.append((datagram.senderPID, datagram.text))
                    }
                }
            }
            thread.start()
            reader = thread
        }
        try process.run()
        self.process = process
        _ = try #require(waitForDatagram { $0.contains("READY=1") }, "no READY=1; log:\n\(self.log)")
    }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// The first datagram from the running daemon satisfying `matches`, not seen before, within `timeout`.
    func waitForDatagram(timeout: Duration = .seconds(30), _ matches: (String) -> Bool) -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let all = datagrams.snapshot()
            for index in consumed..<all.count {
                let item = all[index]
                if item.pid == process?.processIdentifier, matches(item.text) {
                    consumed = index + 1
                    return item.text
                }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    private var consumed = 0

    /// Sends a signal and, for SIGTERM and SIGKILL, waits for the process to end.
    @discardableResult
    func signal(_ number: Int32) -> Int32? {
        guard let process else { return nil }
        kill(process.processIdentifier, number)
        guard number == SIGTERM || number == SIGKILL else { return nil }
        process.waitUntilExit()
        self.process = nil
        return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
    }

    /// Waits (up to `timeout`) for a condition on what the SMTP server has received.
    func waitForMail(timeout: Duration = .seconds(60), _ condition: ([SMTPServer.Delivered]) -> Bool) throws -> [SMTPServer.Delivered] {
        let deadline = ContinuousClock.now + timeout
        var messages = try smtp.messages()
        while !condition(messages) && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            messages = try smtp.messages()
        }
        return messages
    }

    /// Runs another dondoc command against the same config.
    func dondoc(_ arguments: [String]) throws -> DondocProcess.Result {
        try DondocProcess.run(arguments + ["--config", config.path])
    }

    /// What `simulate` says goes out in a window: (notification key, address) pairs.
    func expectedDeliveries(from: String, to: String) throws -> Set<String> {
        let result = try DondocProcess.run(["simulate", workflows.path, "--from", from, "--to", to, "--format", "json"])
        var pairs = Set<String>()
        for line in try DondocProcess.jsonLines(result.stdout) {
            let key = line["notification"] as? String ?? ""
            for address in (line["to"] as? [String] ?? []) + (line["cc"] as? [String] ?? []) {
                pairs.insert("\(key) \(address.lowercased())")
            }
        }
        return pairs
    }
}

extension SMTPServer.Delivered {
    /// The keys of `X-Dondoc-Keys`, unfolded.
    var keyList: [String] {
        (keys ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// (notification key, address) pairs this message carried.
    var pairs: [String] {
        let address = (envelope_to ?? to ?? "").lowercased()
        return keyList.map { "\($0) \(address)" }
    }
}
