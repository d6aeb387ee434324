/// What became of a hand-over to sendmail.
public enum SendResult: Hashable, Sendable {
    /// sendmail exited 0: the message is the MTA's now. Mark its keys sent.
    case accepted
    case failed(SendFailure)

    public var isAccepted: Bool { self == .accepted }

    public var failure: SendFailure? {
        if case .failed(let failure) = self { return failure }
        return nil
    }
}

/// Why sendmail did not take a message, and whether trying again may help.
///
/// `retryable` only classifies (for logs and metrics, like Alertmanager's `recoverable`): the
/// daemon never drops a notification and retries either way (DESIGN §3).
public struct SendFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// The program ran and exited with a non-zero status (sysexits.h codes in practice).
        case exit(Int32)
        /// The program was killed by a signal it did not get from us.
        case signal(Int32)
        /// The program outlived the timeout and was killed.
        case timeout(Duration)
        /// The program could not be started (missing, not executable, …).
        case launch(String)
        /// The hand-over was not attempted: an argument that cannot be passed safely.
        case invalid(String)
    }

    public let reason: Reason
    /// What the program wrote to standard error (trimmed, at most 64 KiB).
    public let stderr: String

    public init(reason: Reason, stderr: String = "") {
        self.reason = reason
        self.stderr = stderr
    }

    /// The exit status, when the program exited by itself.
    public var exitStatus: Int32? {
        if case .exit(let status) = reason { return status }
        return nil
    }

    /// `false` only when the MTA refused this message or recipient for good: EX_DATAERR (65),
    /// EX_NOUSER (67), EX_NOHOST (68) — msmtp's answer to a 5xx reply, e.g. — and for arguments
    /// that can never be passed. Everything else may pass later: EX_TEMPFAIL (75), EX_UNAVAILABLE
    /// (69), EX_SOFTWARE (70), EX_OSERR (71), EX_IOERR (74), other codes, signals, timeouts, a
    /// program that could not be started.
    public var retryable: Bool {
        switch reason {
        case .exit(let status): ![65, 67, 68].contains(status)
        case .signal, .timeout, .launch: true
        case .invalid: false
        }
    }

    /// The sysexits.h name of an exit status (`EX_TEMPFAIL`), when it has one.
    public static func sysexitName(_ status: Int32) -> String? {
        let names = [
            64: "EX_USAGE", 65: "EX_DATAERR", 66: "EX_NOINPUT", 67: "EX_NOUSER", 68: "EX_NOHOST",
            69: "EX_UNAVAILABLE", 70: "EX_SOFTWARE", 71: "EX_OSERR", 72: "EX_OSFILE", 73: "EX_CANTCREAT",
            74: "EX_IOERR", 75: "EX_TEMPFAIL", 76: "EX_PROTOCOL", 77: "EX_NOPERM", 78: "EX_CONFIG",
        ]
        return names[Int(status)]
    }

    public var description: String {
        var text: String
        switch reason {
        case .exit(let status):
            text = "sendmail exited with status \(status)" + (SendFailure.sysexitName(status).map { " (\($0))" } ?? "")
        case .signal(let signal):
            text = "sendmail was killed by signal \(signal)"
        case .timeout(let limit):
            text = "sendmail did not finish within \(limit) and was killed"
        case .launch(let why):
            text = "sendmail could not be started: \(why)"
        case .invalid(let why):
            text = "message not handed over: \(why)"
        }
        text += retryable ? " [temporary]" : " [permanent]"
        if !stderr.isEmpty { text += ": " + stderr.split(whereSeparator: \.isNewline).joined(separator: " | ") }
        return text
    }
}
