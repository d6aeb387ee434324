import DondocLoader
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
    private(set) var process: Process?
    /// Every datagram received, drained continuously: systemd reads its socket at once, and a
    /// full socket would block the daemon's sd_notify.
    private let datagrams = Observed<Datagram>()
    private var reader: Thread?
    private let reading = ReaderSwitch()
    /// Each line the daemon writes to standard output or error, over all its starts.
    let logLines = Observed<String>()
    /// The end of the current start's output: set when its pipe reaches end of file.
    private var outputEnded = Observed<Bool>()

    struct Datagram: Sendable {
        let pid: pid_t?
        let text: String
    }

    final class ReaderSwitch: @unchecked Sendable {
        private let lock = NSLock()
        private var open = true
        var isOpen: Bool { lock.withLock { open } }
        func close() { lock.withLock { open = false } }
    }

    /// A sendmail that fails with EX_TEMPFAIL (75) until `mailOutageEnds()`, then hands over to msmtp.
    var outageFlag: URL { directory.appendingPathComponent("mail-is-back") }

    func mailOutageEnds() throws {
        try Data().write(to: outageFlag)
    }

    /// Where `dondoc web` listens when the rig is made `withWeb`: a free port on loopback.
    private(set) var webPort: Int?
    var baseURL: String { "http://127.0.0.1:\(webPort ?? 0)" }
    private(set) var webProcess: Process?
    /// Each line `dondoc web` writes to standard output or error.
    let webLog = Observed<String>()

    /// How many of the probe's sendmail ran at once at most (`init(probe: true)`).
    var mostSendmailsAtOnce: Int? {
        (try? String(contentsOf: directory.appendingPathComponent("probe/max"), encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Whether this rig made the folder and the SMTP server (and removes them when it goes).
    private let owner: Bool

    /// Another node of `other`'s installation: the same config, workflows and SMTP server, a
    /// process and NOTIFY_SOCKET of its own (DESIGN §7: replicas on one PostgreSQL store).
    init(sharing other: DaemonRig) throws {
        directory = other.directory
        smtp = other.smtp
        notify = try NotifySocket(abstract: true)
        webPort = other.webPort
        owner = false
    }

    /// `state`: what the config's `state:` says (a file in the rig's folder, or a PostgreSQL URL).
    /// `parallel`: `mail.parallel` (its default if nil). `probe`: a sendmail that records in
    /// `probe` how many run at once (`running`, its highest in `max`); the first two wait (at most
    /// 20 s) for a third to start, so that hand-overs side by side are seen whatever the machine's
    /// speed.
    init(catchUpDays: Int = 30, mailOutage: Bool = false, withWeb: Bool = false, state: String = "state.sqlite",
         parallel: Int? = nil, probe: Bool = false) throws {
        owner = true
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
        if probe {
            let probe = directory.appendingPathComponent("probe")
            try FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
            let script = directory.appendingPathComponent("sendmail-probe")
            try """
                #!/bin/sh
                d='\(probe.path)'
                ( flock 9; n=$(($(cat "$d/running" 2>/dev/null || echo 0) + 1)); echo $n > "$d/running"
                  [ $n -gt "$(cat "$d/max" 2>/dev/null || echo 0)" ] && echo $n > "$d/max"; echo x >> "$d/started" ) 9>"$d/lock"
                i=0
                while [ "$(wc -l < "$d/started")" -lt 3 ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
                \(sendmail) "$@"; rc=$?
                ( flock 9; echo $(($(cat "$d/running") - 1)) > "$d/running" ) 9>"$d/lock"
                exit $rc

                """.write(to: script, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
            sendmail = script.path
        }
        try """
            workflows: workflows
            state: \(state)
            send-at: "08:00"
            catch-up-days: \(catchUpDays)
            mail:
              from: "Hệ thống đôn đốc <dondoc@example.gov.vn>"
              sendmail: \(sendmail)\(parallel.map { "\n  parallel: \($0)" } ?? "")
            """.write(to: config, atomically: true, encoding: .utf8)
        if withWeb {
            let port = try TestTools.freeLoopbackPort()
            webPort = port
            let http = "\nhttp:\n  listen: 127.0.0.1:\(port)\n  base-url: http://127.0.0.1:\(port)\n"
            try (String(contentsOf: config, encoding: .utf8) + http).write(to: config, atomically: true, encoding: .utf8)
        }
    }

    /// Starts `dondoc web` on a simulated clock and waits for its READY=1.
    func startWeb(clockStart: String, rate: Double = 1, anchor: Double? = nil) async throws {
        let process = Process()
        process.executableURL = try #require(DondocProcess.binary)
        process.arguments = ["web", "--config", config.path] + Self.clockArguments(clockStart, rate: rate, anchor: anchor)
        var env = ProcessInfo.processInfo.environment
        env["NOTIFY_SOCKET"] = notify.address
        env.removeValue(forKey: "JOURNAL_STREAM")
        process.environment = env
        let output = Pipe()
        process.standardError = output
        process.standardOutput = output
        startReadingDatagrams()
        try process.run()
        webProcess = process
        let (lines, log) = (LineReader(output.fileHandleForReading), webLog)
        Thread { while let line = lines.next() { log.append(line) } }.start()
        let pid = process.processIdentifier
        _ = try #require(await waitForDatagram(from: pid) { $0.contains("READY=1") },
                         "dondoc web sent no READY=1; its log:\n\(webLog.all.joined(separator: "\n"))")
    }

    deinit {
        reading.close()
        if let process, process.isRunning { kill(process.processIdentifier, SIGKILL) }
        if let webProcess, webProcess.isRunning { kill(webProcess.processIdentifier, SIGKILL) }
        guard owner else { return }
        smtp.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts the daemon on a simulated clock and waits for READY=1.
    /// `anchor`: a real instant (Unix seconds) at which the clock reads `clockStart`, so that
    /// nodes started at different moments share one clock (`--clock-anchor`).
    func start(clockStart: String, rate: Double, anchor: Double? = nil, environment: [String: String] = [:]) async throws {
        let process = Process()
        process.executableURL = try #require(DondocProcess.binary)
        process.arguments = ["run", "--config", config.path] + Self.clockArguments(clockStart, rate: rate, anchor: anchor)
        var env = ProcessInfo.processInfo.environment
        env["NOTIFY_SOCKET"] = notify.address
        env.removeValue(forKey: "JOURNAL_STREAM")
        env.removeValue(forKey: "WATCHDOG_USEC")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe()
        process.standardError = output
        process.standardOutput = output
        startReadingDatagrams()
        try process.run()
        self.process = process
        let (lines, ended, log) = (LineReader(output.fileHandleForReading), Observed<Bool>(), logLines)
        outputEnded = ended
        Thread {
            while let line = lines.next() { log.append(line) }
            ended.append(true)
        }.start()
        _ = try #require(await waitForDatagram { $0.contains("READY=1") }, "no READY=1; log:\n\(self.log)")
    }

    /// Drains the NOTIFY_SOCKET on a thread of its own, from the first process started on.
    private func startReadingDatagrams() {
        guard reader == nil else { return }
        let (socket, sink, switch_) = (notify, datagrams, reading)
        let thread = Thread {
            while switch_.isOpen {
                if let datagram = socket.receiveAny(timeout: .milliseconds(200)) {
                    sink.append(Datagram(pid: datagram.senderPID, text: datagram.text))
                }
            }
        }
        thread.start()
        reader = thread
    }

    static func clockArguments(_ start: String, rate: Double, anchor: Double?) -> [String] {
        ["--clock-start", start, "--clock-rate", "\(rate)"] + (anchor.map { ["--clock-anchor", "\($0)"] } ?? [])
    }

    /// The last `STATUS=` the running daemon sent, if any.
    var latestStatus: String? {
        let pid = process?.processIdentifier
        return datagrams.all.last { $0.pid == pid && $0.text.contains("STATUS=") }?.text
            .split(separator: "\n").first { $0.hasPrefix("STATUS=") }.map { String($0.dropFirst("STATUS=".count)) }
    }

    /// The running daemon's pid, if any.
    var pid: pid_t? { process?.processIdentifier }

    /// What the daemon has written to standard output and error so far.
    var log: String { logLines.all.joined(separator: "\n") }

    /// The first datagram from the running daemon satisfying `matches`, not seen before, within `timeout`.
    func waitForDatagram(timeout: Duration = .seconds(30), from sender: pid_t? = nil,
                         _ matches: @escaping @Sendable (String) -> Bool) async -> String? {
        let (pid, from) = (sender ?? process?.processIdentifier, consumed)
        let match: @Sendable (Datagram) -> Bool = { $0.pid == pid && matches($0.text) }
        guard let all = await datagrams.wait(timeout: timeout, until: { $0.dropFirst(from).contains(where: match) }),
              let index = all.indices.dropFirst(from).first(where: { match(all[$0]) })
        else { return nil }
        consumed = index + 1
        return all[index].text
    }

    private var consumed = 0

    /// Waits (up to `timeout`) for the `count`-th line of the daemon's output containing `text`.
    func waitForLog(_ text: String, count: Int = 1, timeout: Duration = .seconds(60)) async -> Bool {
        await logLines.wait(for: text, count: count, timeout: timeout)
    }

    /// Sends a signal and, for SIGTERM and SIGKILL, waits for the process to end and for the
    /// last of its output.
    @discardableResult
    func signal(_ number: Int32) async throws -> Int32? {
        guard let process else { return nil }
        kill(process.processIdentifier, number)
        guard number == SIGTERM || number == SIGKILL else { return nil }
        try await offThePool { process.waitUntilExit() }
        _ = await outputEnded.wait { !$0.isEmpty }
        self.process = nil
        return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
    }

    /// Waits (up to `timeout`) for a condition on what the SMTP server has received.
    func waitForMail(timeout: Duration = .seconds(60), _ condition: @escaping @Sendable ([SMTPServer.Delivered]) -> Bool) async throws -> [SMTPServer.Delivered] {
        try await smtp.messages(timeout: timeout, until: condition)
    }

    /// Runs another dondoc command against the same config.
    func dondoc(_ arguments: [String]) async throws -> DondocProcess.Result {
        try await DondocProcess.run(arguments + ["--config", config.path])
    }

    /// What `simulate` says goes out in a window: (notification key, address) pairs.
    func expectedDeliveries(from: String, to: String) async throws -> Set<String> {
        let result = try await DondocProcess.run(["simulate", workflows.path, "--from", from, "--to", to, "--format", "json"])
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

/// What a crash drill proves from the mail received (DESIGN §3): every notification expected
/// arrived; no message arrived more often than the crashes could explain (those in flight at each,
/// up to `inFlight`: `mail.parallel`, its default unless set);
/// no notification came in two different messages; nothing arrived that `simulate` would not send
/// up to the furthest any process's clock got. Returns the duplicate messages.
@discardableResult
func expectDrillMail(_ messages: [SMTPServer.Delivered], expected: Set<String>, allowed: Set<String>, crashes: Int, seed: UInt64,
                     inFlight: Int = MailConfig.defaultParallel) -> Int {
    let received = messages.flatMap(\.pairs)
    let missing = expected.subtracting(received)
    #expect(missing.isEmpty, "seed \(seed): \(missing.count) notification(s) lost after \(crashes) crash(es), e.g. \(missing.sorted().prefix(3))")
    var copies: [String: Int] = [:]
    for message in messages { copies[message.message_id ?? "", default: 0] += 1 }
    let extra = copies.values.reduce(0) { $0 + ($1 - 1) }
    #expect(extra <= crashes * inFlight, "seed \(seed): \(extra) duplicate message(s) after \(crashes) crash(es)")
    var distinct: [String: [String]] = [:]
    for message in messages { distinct[message.message_id ?? ""] = message.pairs }
    let once = distinct.values.flatMap { $0 }
    #expect(once.count == Set(once).count, "seed \(seed): a notification in two messages")
    #expect(Set(received).isSubset(of: allowed), "seed \(seed): \(Set(received).subtracting(allowed).sorted().prefix(3)) not in simulate's")
    return extra
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

extension DaemonRig {
    /// The obligation of 33/CT-TTg that alone is due at 08:00 on 24/12/2026 (the Ministry of Home
    /// Affairs' summary), so that the daemon's next wake shows whether it still counts on it.
    static let loneObligation = "33/CT-TTg#tong-hop-bao-cao@bo-noi-vu/2026"

    /// A completion recorded by another process while the daemon runs, without a race against
    /// the clock: the daemon runs on 23/12 at noon, its next wake the lone reminder of 24/12 08:00;
    /// `dondoc done` is recorded, and the daemon's next wake moves past 24/12 (it saw the commit and
    /// counts on the obligation no more). Restarted on 28/12 at 09:00, its catch-up sends what fell
    /// due since 23/12 noon — all but the done obligation's — and its next wake follows.
    /// `recordDone` records the completion of the key it is given (default: `dondoc done`).
    func aCompletionWhileRunningStopsTheReminders(recordDone: ((String) async throws -> Void)? = nil) async throws {
        let key = Self.loneObligation
        try await start(clockStart: "2026-12-23T12:00:00+07:00", rate: 1)
        #expect(await waitForDatagram { $0.contains("active: ") && $0.contains("next wake 2026-12-24T08:00") } != nil, "log:\n\(log)")
        if let recordDone {
            try await recordDone(key)
        } else {
            let done = try await dondoc(["done", key, "--by", "Văn thư", "--at", "2026-12-23T11:00:00+07:00"])
            #expect(done.status == 0, "\(done.stderr)")
        }
        let moved = await waitForDatagram { $0.contains("next wake ") && !$0.contains("next wake 2026-12-24T08:00") }
        #expect(moved?.contains("next wake 2026-12-28T08:00") == true, "\(moved ?? "no new STATUS"); log:\n\(log)")
        #expect(try await signal(SIGTERM) == 0)
        #expect(try smtp.messages().isEmpty)

        try await start(clockStart: "2026-12-28T09:00:00+07:00", rate: 1)
        let expected = try await expectedDeliveries(from: "2026-12-23T12:00", to: "2026-12-28T08:00")
        #expect(expected.contains { $0.hasPrefix(key + "!") } && expected.contains { !$0.hasPrefix(key + "!") })
        // STATUS after the catch-up's pass: everything it sends has reached the SMTP server.
        #expect(await waitForDatagram { $0.contains("next wake 2026-12-29T08:00") } != nil, "log:\n\(log)")
        let sent = Set(try smtp.messages().flatMap(\.pairs))
        #expect(sent == expected.filter { !$0.hasPrefix(key + "!") }, "log:\n\(log)")
        #expect(try await signal(SIGTERM) == 0)
    }
}
