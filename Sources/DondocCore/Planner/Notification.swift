/// Someone a notification is addressed to.
public struct Recipient: Hashable, Sendable {
    /// Why they receive it: `lead`, `support`, or the escalation target (`head`, `monitor`, …).
    public let role: String
    public let unit: String
    /// `nil` when the org chart has no address for them: `dondoc check` warns about it.
    public let email: String?

    public init(role: String, unit: String, email: String?) {
        self.role = role
        self.unit = unit
        self.email = email
    }
}

/// A reminder before a deadline or an escalation after it (DESIGN §3).
public struct Notification: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case reminder, escalation

        /// Reminders before escalations at the same instant.
        var rank: Int { self == .reminder ? 0 : 1 }
    }

    public let at: LocalDateTime
    public let kind: Kind
    /// The rule as written: `3 working days before`, `1 working day after due`.
    public let rule: String
    public let obligation: Obligation
    public let to: [Recipient]
    public let cc: [Recipient]

    /// The notification's key: the obligation key and the rule, e.g.
    /// `33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026!reminder:3wd`. Stable across runs: the send
    /// log and `X-Dondoc-Keys` use it.
    public var key: String { "\(obligation.key)!\(kind.rawValue):\(Notification.compact(rule))" }

    /// `3 working days before` → `3wd`; `on due` → `0`; `2 days after due` → `2d`.
    static func compact(_ rule: String) -> String {
        let words = rule.split(separator: " ")
        guard let n = words.first, n.allSatisfy(\.isASCIIDigit) else { return "0" }
        return words.count > 1 && words[1] == "working" ? "\(n)wd" : "\(n)d"
    }
}
