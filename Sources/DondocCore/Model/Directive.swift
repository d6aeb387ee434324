/// The phase of the implementation cycle a step belongs to.
public enum Phase: String, Sendable, CaseIterable {
    case dissemination, planning
    case interimReview = "interim-review"
    case finalReview = "final-review"
    case report, task
}

/// What happens when a deadline falls on a rest day (DESIGN §2.4).
public enum RestDayPolicy: String, Sendable, CaseIterable {
    /// Civil Code 2015 Art. 148(5): the period ends at the end of the next working day.
    case extend
    /// The deadline moves back to the previous working day.
    case previous
    /// The deadline stays on the rest day.
    case keep
}

/// A reminder offset, counted back from `target_date` (DESIGN §3).
public struct ReminderRule: Hashable, Sendable {
    public enum Offset: Hashable, Sendable {
        case workingDays(Int)
        case days(Int)

        /// Short and stable, for notification keys: `3wd`, `2d`, `0` (on due).
        public var id: String {
            switch self {
            case .workingDays(0), .days(0): "0"
            case .workingDays(let n): "\(n)wd"
            case .days(let n): "\(n)d"
            }
        }
    }
    public var offset: Offset
    public init(_ offset: Offset) { self.offset = offset }

    /// Stable text: `3 working days before`, `on due`. Part of a notification's key.
    public var label: String {
        switch offset {
        case .workingDays(0), .days(0): return "on due"
        case .workingDays(let n): return "\(n) working day\(n == 1 ? "" : "s") before"
        case .days(let n): return "\(n) day\(n == 1 ? "" : "s") before"
        }
    }
}

/// Who an escalation goes to.
public enum EscalationTarget: Hashable, Sendable, CustomStringConvertible {
    case head, parent, monitor, reportTo, issuer
    case unit(String)

    public var description: String {
        switch self {
        case .head: "head"
        case .parent: "parent"
        case .monitor: "monitor"
        case .reportTo: "report-to"
        case .issuer: "issuer"
        case .unit(let id): id
        }
    }
}

/// An escalation offset, counted forward after `due_at`, and its addressees.
public struct EscalationRule: Hashable, Sendable {
    public var offset: ReminderRule.Offset
    public var targets: [EscalationTarget]
    public init(offset: ReminderRule.Offset, targets: [EscalationTarget]) {
        self.offset = offset
        self.targets = targets
    }

    /// Stable text: `1 working day after due`. Part of a notification's key.
    public var label: String {
        switch offset {
        case .workingDays(let n): return "\(n) working day\(n == 1 ? "" : "s") after due"
        case .days(let n): return "\(n) day\(n == 1 ? "" : "s") after due"
        }
    }
}

/// One duty of a directive (DESIGN §1.3).
public struct Step: Sendable {
    public var id: String
    public var phase: Phase
    public var title: String
    /// As written: unit ids and `group:NAME`.
    public var lead: [String]
    public var support: [String]
    /// The units the result goes to (unit ids): "báo cáo … với cấp ủy và gửi về Ban Dân vận" names two.
    public var reportTo: [String]
    public var due: DueExpression
    public var from: PeriodBound?
    public var until: PeriodBound?
    public var reminders: [ReminderRule]?
    public var escalation: [EscalationRule]?
    public var onRestDay: RestDayPolicy?
    public var note: String?

    public init(
        id: String, phase: Phase, title: String, lead: [String], support: [String] = [],
        reportTo: [String] = [], due: DueExpression, from: PeriodBound? = nil, until: PeriodBound? = nil,
        reminders: [ReminderRule]? = nil, escalation: [EscalationRule]? = nil,
        onRestDay: RestDayPolicy? = nil, note: String? = nil
    ) {
        self.id = id
        self.phase = phase
        self.title = title
        self.lead = lead
        self.support = support
        self.reportTo = reportTo
        self.due = due
        self.from = from
        self.until = until
        self.reminders = reminders
        self.escalation = escalation
        self.onRestDay = onRestDay
        self.note = note
    }
}

/// A directive and its implementation cycle (DESIGN §1.3).
public struct Directive: Sendable {
    public var number: String
    public var title: String
    public var issuer: String
    public var issued: CivilDate
    public var implements: String?
    public var monitor: String?
    public var onRestDay: RestDayPolicy
    public var reminders: [ReminderRule]
    public var escalation: [EscalationRule]
    public var steps: [Step]
    public var note: String?

    public static let defaultReminders: [ReminderRule] = [
        ReminderRule(.workingDays(3)), ReminderRule(.workingDays(1)), ReminderRule(.workingDays(0)),
    ]
    public static let defaultEscalation: [EscalationRule] = [
        EscalationRule(offset: .workingDays(1), targets: [.head]),
        EscalationRule(offset: .workingDays(5), targets: [.monitor]),
    ]

    public init(
        number: String, title: String, issuer: String, issued: CivilDate, implements: String? = nil,
        monitor: String? = nil, onRestDay: RestDayPolicy = .extend,
        reminders: [ReminderRule] = Directive.defaultReminders,
        escalation: [EscalationRule] = Directive.defaultEscalation, steps: [Step] = [], note: String? = nil
    ) {
        self.number = Directive.normalize(number: number)
        self.title = title
        self.issuer = issuer
        self.issued = issued
        self.implements = implements.map(Directive.normalize(number:))
        self.monitor = monitor
        self.onRestDay = onRestDay
        self.reminders = reminders
        self.escalation = escalation
        self.steps = steps
        self.note = note
    }

    /// `02 - ĐA/TU` → `02-ĐA/TU`: OCR and typists add spaces around `-` and `/`;
    /// other runs of white space become one space.
    public static func normalize(number: String) -> String {
        // A number of printable ASCII without spaces (nearly all) is its own normal form.
        if number.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return number }
        let words = number.split(whereSeparator: { $0.isWhitespace })
        var result = ""
        for word in words {
            if let last = result.last, last != "-" && last != "/" && word.first != "-" && word.first != "/" {
                result += " "
            }
            result += word
        }
        return result
    }

    public func step(_ id: String) -> Step? { steps.first { $0.id == id } }
}
