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
        placed(due: dates, progress: progress).obligations.map(\.obligation.value)
    }

    /// The obligations of `obligations(due:progress:)` within `scope` only, in the same order:
    /// one unit's page or one key's lookup costs that unit's deadlines, not the installation's.
    public func obligations(due dates: ClosedRange<CivilDate>, progress: Progress = .none, scope: PlanScope) -> [Obligation] {
        placed(due: dates, progress: progress, scope: scope).obligations.map(\.obligation.value)
    }

    /// An obligation with where it comes from: `directive` indexes the directives by number.
    struct Placed {
        let obligation: SharedObligation
        let directive: Int
        let step: Int
    }

    /// The obligations of `obligations(due:)`, each held once, and the directives by number.
    func placed(due dates: ClosedRange<CivilDate>, progress: Progress, scope: PlanScope = .all)
        -> (obligations: [Placed], directives: [Directive]) {
        let byNumber = directives.sorted(by: { $0.number < $1.number })
        var result: [Placed] = []
        // Lead units whose keys may meet the scope's: two leads make the same key when their
        // successor chains meet, and the first listed keeps it, so every lead whose chain meets
        // a scoped unit's chain is planned (the caller's filter then keeps the scope's own).
        let leads = scope.units.map { wanted in
            let chains = Set(wanted.flatMap { org.successorChain(of: $0) })
            return { (assigned: String) in org.mayPass(assigned, to: chains) }
        }
        for (d, directive) in byNumber.enumerated() where scope.directive.map({ $0 == directive.number }) ?? true {
            var schedule = StepSchedule(planner: self, directive: directive, progress: progress)
            for (s, step) in directive.steps.enumerated() where scope.step.map({ $0 == step.id }) ?? true {
                for obligation in schedule.obligations(of: step, due: dates, leads: leads) {
                    result.append(Placed(obligation: SharedObligation(obligation), directive: d, step: s))
                }
            }
        }
        // Sort (day, position) pairs rather than the obligations: moving and comparing large
        // values is what a million obligations would spend their time on.
        var order = result.indices.map { (result[$0].obligation.value.deadline.dueDate.julianDay, $0) }
        order.sort { $0 < $1 }
        return (order.map { result[$0.1] }, byNumber)
    }

    // MARK: - Notifications

    /// Every notification due at an instant in `window`, for obligations not done by then,
    /// ordered as `Notification.precedes` says (see `stream(in:progress:)`).
    public func notifications(in window: ClosedRange<LocalDateTime>, progress: Progress = .none) -> [Notification] {
        Array(stream(in: window, progress: progress))
    }

    /// The notifications of `notifications(in:progress:)`, in the same order, made as they are
    /// taken: what falls due first costs only the obligations near it.
    public func stream(in window: ClosedRange<LocalDateTime>, progress: Progress = .none) -> NotificationStream {
        NotificationStream(planner: self, window: window, progress: progress)
    }

    /// The longest reminder lead and escalation lag of any step, in calendar days.
    var reach: (lead: Int, lag: Int) {
        (directives.map(\.maxReminderLead).max() ?? 0, directives.map(\.maxEscalationLag).max() ?? 0)
    }

    /// All reminders and escalations of one obligation, whatever their time.
    public func notifications(for obligation: Obligation, directive: Directive, step: Step) -> [Notification] {
        notifications(for: SharedObligation(obligation), directive: directive, step: step,
                      rules: StepRules(directive: directive, step: step, org: org))
    }

    /// All reminders and escalations of one obligation, in the order of `rules`.
    func notifications(for shared: SharedObligation, directive: Directive, step: Step, rules: StepRules) -> [Notification] {
        let obligation = shared.value
        let deadline = obligation.deadline
        let lead = [recipient(role: "lead", unit: obligation.unit, on: deadline.dueDate)]
        let support = rules.support.map { recipient(role: "support", unit: $0, on: deadline.dueDate) }
        return rules.rules.map { rule in
            let day: CivilDate
            switch (rule.kind, rule.offset) {
            case (.reminder, .workingDays(let n)): day = calendar.adding(workingDays: -n, to: deadline.targetDate)
            case (.reminder, .days(let n)): day = calendar.workingDay(onOrBefore: deadline.targetDate.adding(days: -n))
            case (.escalation, .workingDays(let n)): day = calendar.adding(workingDays: n, to: deadline.dueDate)
            case (.escalation, .days(let n)): day = calendar.workingDay(onOrAfter: deadline.dueDate.adding(days: n))
            }
            let at = LocalDateTime(date: day, minuteOfDay: sendAt)
            guard rule.kind == .escalation else {
                return Notification(at: at, kind: .reminder, rule: rule.label, ruleID: rule.id, obligation: shared, to: lead, cc: support)
            }
            let to = rule.targets.flatMap { escalationRecipients($0, obligation: obligation, directive: directive, step: step) }
            return Notification(at: at, kind: .escalation, rule: rule.label, ruleID: rule.id, obligation: shared,
                                to: uniqued(to), cc: lead)
        }
    }

    func recipient(role: String, unit id: String, on date: CivilDate) -> Recipient {
        let unit = org.holder(of: id, on: date) ?? org[id]
        let held = unit?.id ?? id
        return Recipient(role: role, unit: held, email: unit.flatMap { address(of: $0) }, insteadOf: held == id ? nil : id)
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

    /// Whom an escalation target names for the obligation: none, one, or (`report-to` with a
    /// list) several.
    func escalationRecipients(_ target: EscalationTarget, obligation: Obligation, directive: Directive, step: Step) -> [Recipient] {
        let date = obligation.deadline.dueDate
        switch target {
        case .head:
            guard let unit = org[obligation.unit] else { return [] }
            return [Recipient(role: "head", unit: unit.id, email: unit.head?.email ?? address(of: unit))]
        case .parent:
            guard let parent = org[obligation.unit]?.parent else { return [] }
            return [recipient(role: "parent", unit: parent, on: date)]
        case .monitor:
            return directive.monitor.map { [recipient(role: "monitor", unit: $0, on: date)] } ?? []
        case .reportTo:
            return step.reportTo.map { recipient(role: "report-to", unit: $0, on: date) }
        case .issuer:
            return [recipient(role: "issuer", unit: directive.issuer, on: date)]
        case .unit(let id):
            return [recipient(role: "unit", unit: id, on: date)]
        }
    }

    func uniqued(_ recipients: [Recipient]) -> [Recipient] {
        guard recipients.count > 1 else { return recipients }
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
