/// Turns directives, the org chart, the calendar and what staff recorded into obligations and
/// the notifications due in a window. Pure: `now` and windows are parameters.
public struct Planner: Sendable {
    public let directives: [Directive]
    public let org: OrgChart
    public let calculator: DeadlineCalculator
    /// Minutes after local midnight at which notifications go out (`send-at`).
    public let sendAt: Int

    public init(directives: [Directive], org: OrgChart, calendar: WorkCalendar, sendAt: Int = 8 * 60) {
        self.directives = directives
        self.org = org
        self.calculator = DeadlineCalculator(calendar: calendar)
        self.sendAt = sendAt
    }

    public var calendar: WorkCalendar { calculator.calendar }

    // MARK: - Obligations

    /// Every obligation whose due date lies in `dates`, ordered by due date, then by directive
    /// number, then as the directive lists steps and lead units, then by period.
    public func obligations(due dates: ClosedRange<CivilDate>, progress: Progress = .none) -> [Obligation] {
        var result: [Obligation] = []
        for directive in directives.sorted(by: { $0.number < $1.number }) {
            var schedule = StepSchedule(planner: self, directive: directive, progress: progress)
            for step in directive.steps {
                result += schedule.obligations(of: step, due: dates)
            }
        }
        // Sort (day, position) pairs rather than the obligations: moving and comparing large
        // values is what a million obligations would spend their time on.
        var order = result.indices.map { (result[$0].deadline.dueDate.julianDay, $0) }
        order.sort { $0 < $1 }
        return order.map { result[$0.1] }
    }

    // MARK: - Notifications

    /// Every notification due at an instant in `window`, for obligations with no completion recorded,
    /// ordered as `Notification.precedes` says.
    public func notifications(in window: ClosedRange<LocalDateTime>, progress: Progress = .none) -> [Notification] {
        let lead = directives.map(\.maxReminderLead).max() ?? 0
        let lag = directives.map(\.maxEscalationLag).max() ?? 0
        // A reminder precedes its due date and an escalation follows it: widen the due window
        // by the longest offsets, in calendar days with room for the longest run of days off.
        let dates = window.lowerBound.date.adding(days: -lag)...window.upperBound.date.adding(days: lead)
        var result: [Notification] = []
        // (time, kind, obligation's place in due-date-then-key order, rule's place): sorting
        // these integers instead of the notifications keeps a year of a million obligations fast.
        var order: [(Int, Int, Int, Int, Int)] = []
        let byNumber = Dictionary(directives.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        for (ordinal, obligation) in obligations(due: dates, progress: progress).enumerated() {
            guard let directive = byNumber[obligation.directive], let step = directive.step(obligation.step) else { continue }
            for (ruleIndex, notification) in notifications(for: obligation, directive: directive, step: step).enumerated()
            where window.contains(notification.at) && !progress.isDone(obligation.key) {
                order.append((notification.at.minutesSinceEpoch, notification.kind.rank, ordinal, ruleIndex, result.count))
                result.append(notification)
            }
        }
        order.sort { ($0.0, $0.1, $0.2, $0.3) < ($1.0, $1.1, $1.2, $1.3) }
        return order.map { result[$0.4] }
    }

    /// All reminders and escalations of one obligation, whatever their time.
    public func notifications(for obligation: Obligation, directive: Directive, step: Step) -> [Notification] {
        let deadline = obligation.deadline
        let lead = recipient(role: "lead", unit: obligation.unit, on: deadline.dueDate)
        let support = org.expand(step.support).map { recipient(role: "support", unit: $0, on: deadline.dueDate) }
        var result: [Notification] = []
        for rule in step.reminders ?? directive.reminders {
            let day: CivilDate
            switch rule.offset {
            case .workingDays(let n): day = calendar.adding(workingDays: -n, to: deadline.targetDate)
            case .days(let n): day = calendar.workingDay(onOrBefore: deadline.targetDate.adding(days: -n))
            }
            result.append(Notification(at: LocalDateTime(date: day, minuteOfDay: sendAt), kind: .reminder,
                                       rule: rule.label, ruleID: rule.offset.id, obligation: obligation, to: [lead], cc: support))
        }
        for rule in step.escalation ?? directive.escalation {
            let day: CivilDate
            switch rule.offset {
            case .workingDays(let n): day = calendar.adding(workingDays: n, to: deadline.dueDate)
            case .days(let n): day = calendar.workingDay(onOrAfter: deadline.dueDate.adding(days: n))
            }
            let to = rule.targets.compactMap { escalationRecipient($0, obligation: obligation, directive: directive, step: step) }
            result.append(Notification(at: LocalDateTime(date: day, minuteOfDay: sendAt), kind: .escalation,
                                       rule: rule.label, ruleID: rule.offset.id, obligation: obligation, to: uniqued(to), cc: [lead]))
        }
        return result
    }

    func recipient(role: String, unit id: String, on date: CivilDate) -> Recipient {
        let unit = org.holder(of: id, on: date) ?? org[id]
        return Recipient(role: role, unit: unit?.id ?? id, email: unit.flatMap { address(of: $0) })
    }

    /// A unit's address, or its nearest ancestor's when it has none of its own.
    func address(of unit: Unit) -> String? {
        var current: Unit? = unit
        var hops = 0
        while let u = current, hops <= org.units.count {
            if let email = u.email { return email }
            current = u.parent.flatMap { org[$0] }
            hops += 1
        }
        return nil
    }

    func escalationRecipient(_ target: EscalationTarget, obligation: Obligation, directive: Directive, step: Step) -> Recipient? {
        let date = obligation.deadline.dueDate
        switch target {
        case .head:
            guard let unit = org[obligation.unit] else { return nil }
            return Recipient(role: "head", unit: unit.id, email: unit.head?.email ?? address(of: unit))
        case .parent:
            guard let parent = org[obligation.unit]?.parent else { return nil }
            return recipient(role: "parent", unit: parent, on: date)
        case .monitor:
            return directive.monitor.map { recipient(role: "monitor", unit: $0, on: date) }
        case .reportTo:
            return step.reportTo.map { recipient(role: "report-to", unit: $0, on: date) }
        case .issuer:
            return recipient(role: "issuer", unit: directive.issuer, on: date)
        case .unit(let id):
            return recipient(role: "unit", unit: id, on: date)
        }
    }

    func uniqued(_ recipients: [Recipient]) -> [Recipient] {
        var seen = Set<String>()
        return recipients.filter { seen.insert("\($0.unit) \($0.email ?? "")").inserted }
    }
}

extension ReminderRule.Offset {
    /// At most how many calendar days this offset spans: working days, with room for Tết.
    var calendarDaysBound: Int {
        switch self {
        case .workingDays(let n): DueExpression.DurationUnit.workingDays.calendarDaysBound(n)
        case .days(let n): n + 16
        }
    }
}

extension Directive {
    var maxReminderLead: Int {
        (reminders + steps.flatMap { $0.reminders ?? [] }).map(\.offset.calendarDaysBound).max() ?? 16
    }

    var maxEscalationLag: Int {
        (escalation + steps.flatMap { $0.escalation ?? [] }).map(\.offset.calendarDaysBound).max() ?? 16
    }
}
