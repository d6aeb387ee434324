import DondocCore
import Foundation
import Yams

/// Reads `dondoc.yaml`: the top-level keys, then each section (`mail`, `http`) with its own
/// reader; every problem as `file:line:col`.
public enum ConfigLoader {
    static let keys = ["workflows", "state", "state-password-file", "timezone", "send-at", "mail", "http", "journal", "templates", "catch-up-days"]

    /// Every key a file can set, as `InstallationConfig.keyLocations` names them: `state`,
    /// `mail.from`, `http.base-url`, …
    public static let settableKeys = keys.filter { $0 != "mail" && $0 != "http" }
        + MailConfig.keys.map { "mail." + $0 } + HTTPConfig.keys.map { "http." + $0 }

    /// Reads the config; relative paths are relative to the file's folder. `nil` config when
    /// it has errors (all of them in the diagnostics).
    public static func load(path: String) -> (config: InstallationConfig?, diagnostics: [Diagnostic]) {
        let bag = DiagnosticBag()
        guard WorkflowFiles.exists(path) else {
            bag.error(.noConfig, SourceLocation(file: path, line: 1, column: 1), "no config file here (give one with --config)")
            return (nil, bag.diagnostics)
        }
        guard let document = WorkflowFiles.document(at: path, bag: bag),
              let top = MappingReader(document.rootNode, subject: "the config file", allowed: keys, document: document, bag: bag)
        else { return (nil, bag.diagnostics) }
        let section = ConfigSection(reader: top, prefix: "", base: URL(fileURLWithPath: path).deletingLastPathComponent().path,
                                    document: document, bag: bag)
        var config = InstallationConfig(file: path)
        section.readTopLevel(into: &config)
        if let node = top.value("mail"), let mail = section.nested(node, "mail", allowed: MailConfig.keys) {
            mail.read(into: &config.mail, locations: &config.keyLocations)
        }
        if let node = top.value("http"), let http = section.nested(node, "http", allowed: HTTPConfig.keys) {
            http.read(into: &config.http, locations: &config.keyLocations)
        }
        let failed = bag.diagnostics.contains { $0.severity == .error }
        return (failed ? nil : config, bag.diagnostics)
    }
}

/// One mapping of the config file, its keys read with the file's diagnostics.
struct ConfigSection {
    let reader: MappingReader
    /// `""` at the top, `mail.` in the `mail:` section: how `keyLocations` names its keys.
    let prefix: String
    /// The config file's folder, which relative paths are relative to.
    let base: String
    let document: YAMLDocument
    let bag: DiagnosticBag

    func nested(_ node: Node, _ name: String, allowed: [String]) -> ConfigSection? {
        MappingReader(node, subject: "'\(name)'", allowed: allowed, document: document, bag: bag).map {
            ConfigSection(reader: $0, prefix: prefix + name + ".", base: base, document: document, bag: bag)
        }
    }

    /// The key's text, its place noted in `locations`.
    func text(_ key: String, locations: inout [String: SourceLocation]) -> Located<String>? {
        guard let text = reader.text(key) else { return nil }
        locations[prefix + key] = text.location
        return text
    }

    func path(_ value: String) -> String {
        value.hasPrefix("/") || value.contains("://") ? value : WorkflowFiles.join(base, value)
    }

    func error(_ code: DiagnosticCode, _ text: Located<String>, _ message: String) { bag.error(code, text.location, message) }

    /// A whole number of days in `range`, or an error naming the key.
    func days(_ text: Located<String>, key: String, in range: ClosedRange<Int>) -> Int? {
        number(text, key: key, of: "days", in: range)
    }

    /// A whole number (of `unit`) in `range`, or an error naming the key.
    func number(_ text: Located<String>, key: String, of unit: String, in range: ClosedRange<Int>) -> Int? {
        if let number = Int(text.value), range.contains(number) { return number }
        error(.configValue, text, "'\(key)' must be a number of \(unit) from \(range.lowerBound) to \(range.upperBound), found '\(text.value)'")
        return nil
    }
}

extension ConfigSection {
    /// `workflows`, `state`, `timezone`, `send-at`, `journal`, `templates`, `catch-up-days`.
    func readTopLevel(into config: inout InstallationConfig) {
        if let text = text("workflows", locations: &config.keyLocations) { config.workflows = path(text.value) }
        if let text = text("state", locations: &config.keyLocations) { config.state = readState(text) }
        if let text = text("state-password-file", locations: &config.keyLocations) { config.statePasswordFile = path(text.value) }
        if let text = text("timezone", locations: &config.keyLocations) {
            if text.value != "Asia/Ho_Chi_Minh" && text.value != "Asia/Saigon" {
                error(.configValue, text, "timezone '\(text.value)': dondoc computes the Vietnamese civil-service calendar, which is Asia/Ho_Chi_Minh")
            }
            config.timezone = text.value
        }
        if let text = text("send-at", locations: &config.keyLocations) {
            if let minutes = LocalDateTime.parseClockTime(text.value) {
                config.sendAt = minutes
            } else {
                error(.configValue, text, "'send-at' must be a time HH:MM, found '\(text.value)'")
            }
        }
        if let text = text("templates", locations: &config.keyLocations) { config.templates = path(text.value) }
        if let text = text("journal", locations: &config.keyLocations) {
            switch text.value.lowercased() {
            case "true", "yes", "on": config.journal = true
            case "false", "no", "off": config.journal = false
            default: error(.configValue, text, "'journal' must be true or false, found '\(text.value)'")
            }
        }
        if let text = text("catch-up-days", locations: &config.keyLocations),
           let days = days(text, key: "catch-up-days", in: 0...3660) {
            config.catchUpDays = days
        }
    }

    /// `state:` — where the store is: a SQLite file, or a PostgreSQL URL (DESIGN §7) without a
    /// password: the config file is no place for one.
    func readState(_ text: Located<String>) -> String {
        if text.value.hasPrefix("postgres://") || text.value.hasPrefix("postgresql://") {
            if let components = URLComponents(string: text.value) {
                if components.password != nil {
                    error(.configValue, text, "'state' holds a password: remove it from the URL and give it in 'state-password-file', the credential state-password or PGPASSFILE")
                }
            } else {
                error(.configValue, text, "'state' is not a PostgreSQL URL: give postgresql://USER@HOST:PORT/DATABASE or postgresql:///DATABASE?host=/SOCKET/DIR")
            }
            return text.value
        }
        return path(text.value)
    }
}
