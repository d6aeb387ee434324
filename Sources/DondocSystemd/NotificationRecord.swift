/// The journal entry for one dondoc notification (DESIGN §3), so that
/// `journalctl -u dondoc DONDOC_UNIT=so-noi-vu-hai-phong` finds every reminder and escalation for a
/// unit. Pure: it builds fields from plain strings; ``Journal/send(_:)`` writes them.
///
/// ```swift
/// let record = NotificationRecord(
///     kind: .reminder, key: n.key, directive: "33/CT-TTg", step: "bao-cao-nam",
///     unit: "ubnd-hai-phong", period: "2026", due: "2026-12-14")
/// Journal.send(record.fields)
/// ```
public struct NotificationRecord: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case reminder, escalation

        /// The fixed `MESSAGE_ID` of the kind (`journalctl MESSAGE_ID=…`, catalog entries).
        /// Generated once with `systemd-id128 new`; never change them.
        public var messageID: String {
            switch self {
            case .reminder: return "6185c012de224819a0fd7e1438656d99"
            case .escalation: return "8eb2ee5c7b064a7f9d73db3708123b1b"
            }
        }

        /// syslog priority: reminders are notices (5), escalations warnings (4).
        public var priority: Int {
            switch self {
            case .reminder: return 5
            case .escalation: return 4
            }
        }
    }

    public var kind: Kind
    /// The notification's key, as in the send log and `X-Dondoc-Keys`
    /// (`33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026!reminder:3wd`).
    public var key: String
    public var directive: String
    public var step: String
    /// The unit the obligation belongs to (the lead unit).
    public var unit: String
    /// The period label (`2026`, `2026-Q1`); empty for a one-off step.
    public var period: String
    /// The due date, `YYYY-MM-DD`.
    public var due: String
    /// The step's title, quoted in `MESSAGE` when given.
    public var title: String?
    /// The rule as written (`3 working days before`), as `DONDOC_RULE` when given.
    public var rule: String?
    /// The unit ids the notification goes to, as `DONDOC_TO` (comma-separated) when not empty.
    public var recipients: [String]

    public init(
        kind: Kind,
        key: String,
        directive: String,
        step: String,
        unit: String,
        period: String = "",
        due: String,
        title: String? = nil,
        rule: String? = nil,
        recipients: [String] = []
    ) {
        self.kind = kind
        self.key = key
        self.directive = directive
        self.step = step
        self.unit = unit
        self.period = period
        self.due = due
        self.title = title
        self.rule = rule
        self.recipients = recipients
    }

    /// The entry's fields, ready for ``Journal/send(_:)``. `DONDOC_PERIOD` is always present
    /// (empty for a one-off step) so that every entry has the same fields.
    public var fields: [(String, String)] {
        var fields: [(String, String)] = [
            ("MESSAGE", message),
            ("MESSAGE_ID", kind.messageID),
            ("PRIORITY", String(kind.priority)),
            ("SYSLOG_IDENTIFIER", "dondoc"),
            ("DONDOC_KIND", kind.rawValue),
            ("DONDOC_KEY", key),
            ("DONDOC_DIRECTIVE", directive),
            ("DONDOC_STEP", step),
            ("DONDOC_UNIT", unit),
            ("DONDOC_PERIOD", period),
            ("DONDOC_DUE", due),
        ]
        if let rule, !rule.isEmpty { fields.append(("DONDOC_RULE", rule)) }
        if !recipients.isEmpty { fields.append(("DONDOC_TO", recipients.joined(separator: ","))) }
        return fields
    }

    /// One line in Vietnamese, e.g.
    /// `Nhắc hạn: ubnd-hai-phong — 33/CT-TTg, bước bao-cao-nam, kỳ 2026 «Báo cáo…» — hạn 14/12/2026`.
    public var message: String {
        var text = kind == .reminder ? "Nhắc hạn: " : "Quá hạn: "
        text += "\(unit) — \(directive), bước \(step)"
        if !period.isEmpty { text += ", kỳ \(period)" }
        if let title, !title.isEmpty { text += " «\(title)»" }
        text += kind == .reminder ? " — hạn \(Self.vietnameseDate(due))" : " — đã quá hạn \(Self.vietnameseDate(due))"
        if !recipients.isEmpty { text += "; gửi: \(recipients.joined(separator: ", "))" }
        return Self.oneLine(text)
    }

    /// `2026-12-14` → `14/12/2026`, the way Vietnamese documents write dates; anything else as is.
    static func vietnameseDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && Int($0) != nil })
        else { return iso }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.drop(while: { $0 == " " || $0 == "\t" }) }
            .joined(separator: " ")
    }
}
