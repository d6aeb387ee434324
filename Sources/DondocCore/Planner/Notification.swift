/// Someone a notification is addressed to.
public struct Recipient: Hashable, Sendable {
    /// Why they receive it: `lead`, `support`, or the escalation target (`head`, `monitor`, …).
    public let role: String
    public let unit: String
    /// `nil` when the org chart has no address for them: `dondoc check` warns about it.
    public let email: String?
    /// The unit the files name, when it had ceased to exist on the due date and `unit` is
    /// the successor that took its place.
    public let insteadOf: String?

    public init(role: String, unit: String, email: String?, insteadOf: String? = nil) {
        self.role = role
        self.unit = unit
        self.email = email
        self.insteadOf = insteadOf
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
    /// The rule in short, for the key: `3wd`, `1d`, `0` (on due).
    public let ruleID: String
    /// Shared by the obligation's notifications rather than copied into each.
    @usableFromInline let shared: SharedObligation
    public let to: [Recipient]
    public let cc: [Recipient]

    /// Inlinable, so that reading one field of it does not copy all of it.
    @inlinable public var obligation: Obligation { shared.value }

    init(at: LocalDateTime, kind: Kind, rule: String, ruleID: String, obligation: SharedObligation,
         to: [Recipient], cc: [Recipient]) {
        self.at = at
        self.kind = kind
        self.rule = rule
        self.ruleID = ruleID
        self.shared = obligation
        self.to = to
        self.cc = cc
    }

    init(at: LocalDateTime, kind: Kind, rule: String, ruleID: String, obligation: Obligation,
         to: [Recipient], cc: [Recipient]) {
        self.init(at: at, kind: kind, rule: rule, ruleID: ruleID, obligation: SharedObligation(obligation), to: to, cc: cc)
    }

    /// The notification's key: the obligation key and the rule, e.g.
    /// `33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026!reminder:3wd`. Stable across runs: the send
    /// log and `X-Dondoc-Keys` use it.
    public var key: String { "\(obligation.key)!\(kind.rawValue):\(ruleID)" }

    /// The obligation part of a notification key (what precedes its last `!`); `nil` when the
    /// text is not a notification key.
    public static func obligationKey(ofNotificationKey key: String) -> String? {
        guard let bang = key.lastIndex(of: "!") else { return nil }
        let obligation = String(key[..<bang])
        return Obligation.parse(key: obligation) == nil ? nil : obligation
    }

    /// Whether `a` goes out before `b`: by time, then reminders before escalations. Within
    /// that, `Planner` keeps the order of obligations (by due date, then as the files list them).
    public static func precedes(_ a: Notification, _ b: Notification) -> Bool {
        (a.at, a.kind.rank) < (b.at, b.kind.rank)
    }
}

/// One obligation held once for all its notifications (equal when the obligations are).
@usableFromInline final class SharedObligation: Hashable, Sendable {
    @usableFromInline let value: Obligation

    init(_ value: Obligation) { self.value = value }

    @usableFromInline static func == (a: SharedObligation, b: SharedObligation) -> Bool { a === b || a.value == b.value }

    @usableFromInline func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
