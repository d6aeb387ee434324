import DondocCore

/// An installation's configuration (`dondoc.yaml`, DESIGN §1.1, §6.1), shared by the daemon, the
/// staff commands and the web. Every key has a default, so `workflows: Workflows` alone is a
/// working config. `ConfigLoader` reads it, a section at a time.
public struct InstallationConfig: Sendable, Equatable {
    public static let defaultPath = "/etc/dondoc/dondoc.yaml"

    /// The file it was read from (messages name it); the default path for a config built in code.
    public var file: String
    public var workflows: String
    /// The state store: a SQLite file, or a PostgreSQL URL (`postgresql://…`, DESIGN §7).
    public var state: String
    /// `state-password-file:`: a file holding the PostgreSQL password (never the password itself).
    public var statePasswordFile: String?
    public var timezone: String
    /// Minutes after local midnight.
    public var sendAt: Int
    public var mail: MailConfig
    public var http: HTTPConfig
    public var journal: Bool
    /// A folder with `subject.mustache` / `body.mustache` overriding the built-in templates.
    public var templates: String?
    /// How far back, in days, catch-up after downtime reaches (never before the first start).
    public var catchUpDays: Int
    /// Where each key that the file gives was written (`state`, `mail.from`, `http.base-url`, …),
    /// for messages about its value.
    public var keyLocations: [String: SourceLocation]

    public init(file: String = InstallationConfig.defaultPath, workflows: String = "/etc/dondoc/workflows",
                state: String = "/var/lib/dondoc/state.sqlite", timezone: String = "Asia/Ho_Chi_Minh",
                sendAt: Int = 8 * 60, mail: MailConfig = MailConfig(), http: HTTPConfig = HTTPConfig(),
                journal: Bool = true, templates: String? = nil, catchUpDays: Int = 30,
                keyLocations: [String: SourceLocation] = [:]) {
        self.file = file
        self.workflows = workflows
        self.state = state
        self.timezone = timezone
        self.sendAt = sendAt
        self.mail = mail
        self.http = http
        self.journal = journal
        self.templates = templates
        self.catchUpDays = catchUpDays
        self.keyLocations = keyLocations
    }

    /// Where a key is set, for a message: `file:line:col` of its value, or the file when the key
    /// is left to its default.
    public func whereSet(_ key: String) -> String {
        keyLocations[key]?.description ?? "\(file) (not set there: the default)"
    }
}

/// `mail:` — how digests are handed over.
public struct MailConfig: Sendable, Equatable {
    public var from: String
    /// The sendmail-compatible program, possibly with leading arguments (`/usr/bin/msmtp -C /etc/dondoc/msmtprc`).
    public var sendmail: String
    /// How many sendmail processes run at once when many digests fall due together (one digest
    /// per address; each still claimed before and marked after its own hand-over).
    public var parallel: Int

    public static let parallelRange = 1...32
    /// A few at once by default: a yearly report's reminder to every commune (about 3,300
    /// digests at one instant) leaves within a minute through msmtp, where one at a time takes
    /// three; and at most this many are in flight at a crash.
    public static let defaultParallel = 4

    public init(from: String = "Hệ thống đôn đốc <dondoc@localhost>", sendmail: String = "/usr/sbin/sendmail", parallel: Int = MailConfig.defaultParallel) {
        self.from = from
        self.sendmail = sendmail
        self.parallel = parallel
    }
}

/// `http:` — the web surface (`dondoc web`, DESIGN §6.1).
public struct HTTPConfig: Sendable, Equatable {
    public var listen: ListenAddress
    /// What staff reach, without a trailing slash; without it no links are sent and `dondoc web`
    /// does not start.
    public var baseURL: String?
    /// How long a link in an email stays valid, in days.
    public var linkDays: Int

    public init(listen: ListenAddress = ListenAddress(host: "127.0.0.1", port: 8080), baseURL: String? = nil,
                linkDays: Int = 45) {
        self.listen = listen
        self.baseURL = baseURL
        self.linkDays = linkDays
    }
}

/// `HOST:PORT`, `[IPv6]:PORT`.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `nil` unless the text is a host (name, IPv4, or IPv6 in brackets) and a port from 1 to 65535.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (1...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else { return nil }
            host = String(host.dropFirst().dropLast())
            guard host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
        } else {
            guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
        }
        self.init(host: host, port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
