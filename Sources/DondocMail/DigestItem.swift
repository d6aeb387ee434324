import DondocCore

/// One notification as one address receives it: plain facts, ready for a template.
///
/// Mail looks nothing up: titles and names come from the caller (`Digest.group`'s closures),
/// everything else from the `Notification` itself.
public struct DigestItem: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case reminder, escalation
    }

    /// `33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026!reminder:3wd`: what the send log records.
    public var notificationKey: String
    /// `33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026`: what `dondoc done` and `dondoc extend` take.
    public var obligationKey: String
    public var kind: Kind
    /// Why this address receives it: `lead`, `support`, `head`, `parent`, `monitor`, `report-to`,
    /// `issuer` or `unit` (an escalation to a named unit).
    public var role: String
    /// `true` when the address is only copied (`cc`): support units on reminders, the lead unit
    /// on escalations.
    public var isCopy: Bool
    /// The unit whose address this is (the recipient, not necessarily the obligation's unit).
    public var recipientUnit: String
    public var recipientUnitName: String

    public var directiveNumber: String
    public var directiveTitle: String
    public var stepID: String
    public var stepTitle: String
    /// The unit that holds the obligation.
    public var unitID: String
    public var unitName: String
    /// `2026`, `2026-Q1`, …; `nil` for one-off steps.
    public var period: String?
    /// The last day on which the obligation is on time.
    public var dueDate: CivilDate
    /// The instant it becomes overdue (the day after `dueDate`, 00:00 local).
    public var dueAt: LocalDateTime
    /// The last working day on or before the nominal date: what reminders aim at.
    public var targetDate: CivilDate
    /// The rule as written: `3 working days before`, `5 working days after due`.
    public var rule: String
    /// When the planner scheduled this notification (earlier than the digest's instant on catch-up).
    public var scheduledAt: LocalDateTime
    /// An extension (gia hạn) replaced the computed deadline.
    public var extended: Bool

    public init(
        notificationKey: String, obligationKey: String, kind: Kind, role: String, isCopy: Bool,
        recipientUnit: String, recipientUnitName: String,
        directiveNumber: String, directiveTitle: String, stepID: String, stepTitle: String,
        unitID: String, unitName: String, period: String?,
        dueDate: CivilDate, dueAt: LocalDateTime, targetDate: CivilDate,
        rule: String, scheduledAt: LocalDateTime, extended: Bool = false
    ) {
        self.notificationKey = notificationKey
        self.obligationKey = obligationKey
        self.kind = kind
        self.role = role
        self.isCopy = isCopy
        self.recipientUnit = recipientUnit
        self.recipientUnitName = recipientUnitName
        self.directiveNumber = directiveNumber
        self.directiveTitle = directiveTitle
        self.stepID = stepID
        self.stepTitle = stepTitle
        self.unitID = unitID
        self.unitName = unitName
        self.period = period
        self.dueDate = dueDate
        self.dueAt = dueAt
        self.targetDate = targetDate
        self.rule = rule
        self.scheduledAt = scheduledAt
        self.extended = extended
    }

    /// Calendar days from `instant`'s date to the due date: positive while there is time left,
    /// 0 on the due date itself, negative once overdue.
    public func daysLeft(at instant: LocalDateTime) -> Int {
        instant.date.days(to: dueDate)
    }

    /// Whether the obligation is overdue at `instant` (at or after `dueAt`).
    public func isOverdue(at instant: LocalDateTime) -> Bool { instant >= dueAt }

    /// Calendar days overdue at `instant` (0 when not overdue): 1 on the day after the due date.
    public func daysOverdue(at instant: LocalDateTime) -> Int {
        isOverdue(at: instant) ? max(1, dueDate.days(to: instant.date)) : 0
    }

    /// The order of items in a digest: directive, step, unit, period, then reminders before
    /// escalations, then the key (which makes it total).
    static func precedes(_ a: DigestItem, _ b: DigestItem) -> Bool {
        let ka = (a.directiveNumber, a.stepID, a.unitID, a.period ?? "", a.kind == .reminder ? 0 : 1)
        let kb = (b.directiveNumber, b.stepID, b.unitID, b.period ?? "", b.kind == .reminder ? 0 : 1)
        if ka != kb { return ka < kb }
        return a.notificationKey < b.notificationKey
    }
}

/// What Mail cannot know by itself about a notification: the titles from the workflow files.
public struct ItemContext: Hashable, Sendable {
    public var directiveTitle: String
    public var stepTitle: String

    public init(directiveTitle: String, stepTitle: String) {
        self.directiveTitle = directiveTitle
        self.stepTitle = stepTitle
    }
}
