import Foundation

/// Hands messages to a sendmail-compatible program, as DESIGN §4 says:
/// `SENDMAIL [ARGS…] -i -f FROM -- RCPT…` with the message on standard input; exit status 0
/// means accepted. Works with postfix's and exim's `sendmail`, and with `msmtp -C rcfile`.
public struct Sendmail: Hashable, Sendable {
    /// The program's path.
    public var program: String
    /// Arguments that come before dondoc's own (`-C /etc/dondoc/msmtprc` for msmtp).
    public var arguments: [String]
    /// How long the program may take; then it (and its process group) gets SIGTERM…
    public var timeout: Duration
    /// …and SIGKILL this much later if it is still there.
    public var killGrace: Duration

    public static let defaultTimeout: Duration = .seconds(60)

    public init(program: String, arguments: [String] = [], timeout: Duration = Sendmail.defaultTimeout, killGrace: Duration = .seconds(2)) {
        self.program = program
        self.arguments = arguments
        self.timeout = timeout
        self.killGrace = killGrace
    }

    /// The config's `sendmail:` value, split on white space: `/usr/bin/msmtp -C /etc/dondoc/msmtprc`.
    /// (No quoting: a path with spaces cannot be configured this way.) `nil` when it is blank.
    public init?(commandLine: String, timeout: Duration = Sendmail.defaultTimeout) {
        let words = commandLine.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard let program = words.first else { return nil }
        self.init(program: program, arguments: Array(words.dropFirst()), timeout: timeout)
    }

    /// The argument vector after the program for a hand-over.
    public func commandArguments(from: String, to recipients: [String]) -> [String] {
        arguments + ["-i", "-f", from, "--"] + recipients
    }

    /// Hands a composed message over. Never throws: every way it can go wrong is a `.failed`.
    ///
    /// Runs the program on a thread of its own and suspends until it exits or is killed, so it
    /// takes at most about `timeout` + `killGrace`. It ignores task cancellation on purpose: a message in
    /// flight is finished (DESIGN §5, SIGTERM), and the timeout bounds it.
    public func send(_ message: ComposedMessage) async -> SendResult {
        await send(message.bytes, from: message.envelopeFrom, to: message.recipients)
    }

    /// Hands `bytes` over for `recipients`. `from` may be `Name <addr>`: the envelope sender is
    /// the bare address.
    public func send(_ bytes: [UInt8], from: String, to recipients: [String]) async -> SendResult {
        await withCheckedContinuation { (continuation: CheckedContinuation<SendResult, Never>) in
            let thread = Thread {
                continuation.resume(returning: self.sendBlocking(bytes, from: from, to: recipients))
            }
            thread.name = "dondoc-sendmail"
            thread.start()
        }
    }

    /// The same, blocking the calling thread.
    public func sendBlocking(_ bytes: [UInt8], from: String, to recipients: [String]) -> SendResult {
        let sender: MailAddress
        do {
            sender = try MailAddress(parsing: from)
        } catch {
            return .failed(SendFailure(reason: .invalid("bad sender: \(error)")))
        }
        guard !recipients.isEmpty else {
            return .failed(SendFailure(reason: .invalid("no recipients")))
        }
        if let bad = recipients.first(where: { !MailAddress.isValid(address: $0) }) {
            return .failed(SendFailure(reason: .invalid("bad recipient \"\(bad)\"")))
        }
        let outcome = ChildProcess.run(
            executable: program, arguments: commandArguments(from: sender.address, to: recipients),
            input: bytes, timeout: timeout, killGrace: killGrace)
        let stderr = String(decoding: outcome.stderr, as: UTF8.self).trimmingSpaces()
        switch outcome.termination {
        case .exit(0):
            return .accepted
        case .exit(let status):
            return .failed(SendFailure(reason: .exit(status), stderr: stderr))
        case .signal(let signal):
            return .failed(SendFailure(reason: .signal(signal), stderr: stderr))
        case .timedOut:
            return .failed(SendFailure(reason: .timeout(timeout), stderr: stderr))
        case .launchFailed(let why):
            return .failed(SendFailure(reason: .launch("\(program): \(why)"), stderr: stderr))
        }
    }
}
