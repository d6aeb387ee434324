import DondocCore
import Foundation
import Yams

/// The daemon's configuration (`dondoc.yaml`, DESIGN §1.1). Every key has a default, so
/// `workflows: Workflows` alone is a working config.
public struct DaemonConfig: Sendable, Equatable {
    public var workflows: String
    public var state: String
    public var timezone: String
    /// Minutes after local midnight.
    public var sendAt: Int
    public var mailFrom: String
    /// The sendmail-compatible program, possibly with leading arguments (`/usr/bin/msmtp -C /etc/dondoc/msmtprc`).
    public var sendmail: String
    public var journal: Bool
    /// A folder with `subject.mustache` / `body.mustache` overriding the built-in templates.
    public var templates: String?
    /// How far back, in days, catch-up after downtime reaches (never before the first start).
    public var catchUpDays: Int

    public static let defaultPath = "/etc/dondoc/dondoc.yaml"

    public init(workflows: String = "/etc/dondoc/workflows", state: String = "/var/lib/dondoc/state.sqlite",
                timezone: String = "Asia/Ho_Chi_Minh", sendAt: Int = 8 * 60,
                mailFrom: String = "Hệ thống đôn đốc <dondoc@localhost>", sendmail: String = "/usr/sbin/sendmail",
                journal: Bool = true, templates: String? = nil, catchUpDays: Int = 30) {
        self.workflows = workflows
        self.state = state
        self.timezone = timezone
        self.sendAt = sendAt
        self.mailFrom = mailFrom
        self.sendmail = sendmail
        self.journal = journal
        self.templates = templates
        self.catchUpDays = catchUpDays
    }
}

public enum ConfigLoader {
    static let keys = ["workflows", "state", "timezone", "send-at", "mail", "journal", "templates", "catch-up-days"]

    /// Reads the config; relative paths are relative to the file's folder. `nil` config when
    /// it has errors (all of them in the diagnostics).
    public static func load(path: String) -> (config: DaemonConfig?, diagnostics: [Diagnostic]) {
        let bag = DiagnosticBag()
        guard WorkflowFiles.exists(path) else {
            bag.error(SourceLocation(file: path, line: 1, column: 1), "no config file here (give one with --config)")
            return (nil, bag.diagnostics)
        }
        guard let document = WorkflowFiles.document(at: path, bag: bag),
              let top = MappingReader(document.rootNode, subject: "the config file", allowed: keys, document: document, bag: bag)
        else { return (nil, bag.diagnostics) }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        func resolve(_ value: String) -> String {
            value.hasPrefix("/") || value.contains("://") ? value : WorkflowFiles.join(base, value)
        }
        var config = DaemonConfig()
        if let text = top.text("workflows") { config.workflows = resolve(text.value) }
        if let text = top.text("state") {
            if text.value.hasPrefix("postgres://") || text.value.hasPrefix("postgresql://") {
                bag.error(text.location, "a PostgreSQL state store is not available yet: give a SQLite file path")
            }
            config.state = resolve(text.value)
        }
        if let text = top.text("timezone") {
            if text.value != "Asia/Ho_Chi_Minh" && text.value != "Asia/Saigon" {
                bag.error(text.location, "timezone '\(text.value)': dondoc computes the Vietnamese civil-service calendar, which is Asia/Ho_Chi_Minh")
            }
            config.timezone = text.value
        }
        if let text = top.text("send-at") {
            if let minutes = LocalDateTime.parseClockTime(text.value) {
                config.sendAt = minutes
            } else {
                bag.error(text.location, "'send-at' must be a time HH:MM, found '\(text.value)'")
            }
        }
        if let text = top.text("templates") { config.templates = resolve(text.value) }
        if let text = top.text("journal") {
            switch text.value.lowercased() {
            case "true", "yes", "on": config.journal = true
            case "false", "no", "off": config.journal = false
            default: bag.error(text.location, "'journal' must be true or false, found '\(text.value)'")
            }
        }
        if let text = top.text("catch-up-days") {
            if let days = Int(text.value), (0...3660).contains(days) {
                config.catchUpDays = days
            } else {
                bag.error(text.location, "'catch-up-days' must be a number of days from 0 to 3660, found '\(text.value)'")
            }
        }
        if let node = top.value("mail"),
           let mail = MappingReader(node, subject: "'mail'", allowed: ["from", "sendmail"], document: document, bag: bag) {
            if let text = mail.text("from") {
                if text.value.contains("@") { config.mailFrom = text.value } else {
                    bag.error(text.location, "'from' must be an address such as 'Hệ thống đôn đốc <dondoc@example.gov.vn>', found '\(text.value)'")
                }
            }
            if let text = mail.text("sendmail") {
                let program = text.value.split(separator: " ").first.map(String.init) ?? ""
                if !program.hasPrefix("/") {
                    bag.error(text.location, "'sendmail' must be an absolute path to a program, found '\(text.value)'")
                }
                config.sendmail = text.value
            }
        }
        let failed = bag.diagnostics.contains { $0.severity == .error }
        return (failed ? nil : config, bag.diagnostics)
    }
}
