/// The deadlines of one directive's steps for each lead unit, resolving `step ID` anchors.
struct StepSchedule {
    /// A deadline of a step for one unit, before unit succession and extensions.
    struct Dated {
        let period: Period?
        let window: ClosedRange<CivilDate>?
        let deadline: Deadline
    }

    let planner: Planner
    let directive: Directive
    let progress: Progress
    /// Given by `Planner.explain`: each deadline computed is traced into it.
    let tracer: ScheduleTracer?
    private var oneOffMemo: [String: Dated?] = [:]
    private var recurringMemo: [String: Bool] = [:]
    /// Occurrences of recurring steps that count from no other step: the same for every unit.
    private var occurrenceMemo: [String: [Dated]] = [:]

    init(planner: Planner, directive: Directive, progress: Progress, tracer: ScheduleTracer? = nil) {
        self.planner = planner
        self.directive = directive
        self.progress = progress
        self.tracer = tracer
    }

    var calculator: DeadlineCalculator { planner.calculator }

    /// The step's obligations due in `dates`, for the lead units `leads` admits (all by default).
    mutating func obligations(of step: Step, due dates: ClosedRange<CivilDate>, leads: ((String) -> Bool)? = nil) -> [Obligation] {
        var result: [Obligation] = []
        var seen = Set<String>()
        let lead = planner.org.expansion(of: step.lead)
        for assigned in lead.ids where leads?(assigned) ?? true {
            let term = lead.term(of: assigned)
            for dated in deadlines(of: step, unit: assigned, near: dates) where owes(assigned, dated, term) {
                let holder = planner.org.holder(of: assigned, on: dated.deadline.dueDate)
                let unit = holder?.id ?? assigned
                let key = Obligation.key(directive: directive.number, step: step.id, unit: unit, period: dated.period)
                var deadline = dated.deadline
                let extended = progress.extensions[key]
                if let newDue = extended {
                    deadline = Deadline(nominal: newDue, dueDate: newDue,
                                        targetDate: planner.calendar.workingDay(onOrBefore: newDue))
                }
                guard dates.contains(deadline.dueDate), seen.insert(key).inserted else { continue }
                result.append(Obligation(key: key, directive: directive.number, step: step.id, unit: unit,
                                         assignedUnit: assigned, hasHolder: holder != nil, period: dated.period,
                                         window: dated.window, deadline: deadline, extended: extended != nil))
            }
        }
        return result
    }

    func policy(_ step: Step) -> RestDayPolicy { step.onRestDay ?? directive.onRestDay }

    /// Whether `unit` owes a deadline: only the periods (or the one-off due date) within its
    /// validity, and within the `term` for which the step's group lists it, are its own
    /// (`Unit.owes`, `Term.owes`).
    func owes(_ unit: String, _ dated: Dated, _ term: Term?) -> Bool {
        let due = dated.deadline.dueDate
        guard term?.owes(periodStart: dated.period?.start, due: due) ?? true else { return false }
        return planner.org[unit]?.owes(periodStart: dated.period?.start, due: due) ?? true
    }

    /// Whether a step repeats: its own expression recurs, or it counts from a step that does.
    mutating func isRecurring(_ step: Step, depth: Int = 0) -> Bool {
        if let known = recurringMemo[step.id] { return known }
        var recurring = step.due.isRecurring
        if !recurring, let anchorID = step.due.anchor?.stepID, let anchor = directive.step(anchorID),
           depth < directive.steps.count {
            recurring = isRecurring(anchor, depth: depth + 1)
        }
        recurringMemo[step.id] = recurring
        return recurring
    }

    /// The step's deadlines for `unit`: for a recurring step, those due in or near `dates`;
    /// for a one-off step, its single deadline whatever `dates` (callers filter).
    mutating func deadlines(of step: Step, unit: String, near dates: ClosedRange<CivilDate>, depth: Int = 0) -> [Dated] {
        guard depth <= directive.steps.count else { return [] }  // a cycle: the loader reports it
        if !isRecurring(step) {
            let memoKey = "\(step.id)\u{1F}\(unit)"
            if let known = oneOffMemo[memoKey] { return known.map { [$0] } ?? [] }
            let dated = anchored(step, unit: unit, near: dates, depth: depth).first
            oneOffMemo[memoKey] = .some(dated)
            return dated.map { [$0] } ?? []
        }
        if step.due.isRecurring {
            let memoKey = "\(step.id)\u{1F}\(dates.lowerBound)\u{1F}\(dates.upperBound)"
            if let known = occurrenceMemo[memoKey] { return known }
            var result: [Dated] = []
            // An occurrence's due date trails its nominal date by at most a run of days off.
            let last = dates.upperBound.adding(days: 16)
            for occurrence in calculator.occurrences(of: step.due, policy: policy(step), issued: directive.issued,
                                                     from: step.from, until: step.until, startingAt: dates.lowerBound) {
                if occurrence.deadline.nominal > last { break }
                result.append(Dated(period: occurrence.period, window: occurrence.window, deadline: occurrence.deadline))
                if let tracer {
                    let trace = DeadlineTrace()
                    _ = calculator.occurrence(of: step.due, period: occurrence.period, policy: policy(step), trace: trace)
                    tracer.store(trace, step: step.id, unit: nil, period: occurrence.period)
                }
            }
            occurrenceMemo[memoKey] = result
            return result
        }
        return anchored(step, unit: unit, near: dates, depth: depth)
    }

    /// Deadlines of a step whose expression is one-off, counting from its anchor.
    mutating func anchored(_ step: Step, unit: String, near dates: ClosedRange<CivilDate>, depth: Int) -> [Dated] {
        guard case .after(let n, let durationUnit, let anchor) = step.due else {
            let trace = tracer.map { _ in DeadlineTrace() }
            guard let nominal = calculator.nominal(of: step.due, anchor: directive.issued, trace: trace) else { return [] }
            let deadline = calculator.deadline(nominal: nominal, policy: policy(step), trace: trace)
            if let trace { tracer?.store(trace, step: step.id, unit: unit, period: nil) }
            return [Dated(period: nil, window: nil, deadline: deadline)]
        }
        let lag = durationUnit.calendarDaysBound(n)
        var anchors: [AnchorDate] = []
        switch anchor {
        case .issued:
            anchors = [AnchorDate(period: nil, window: nil, date: directive.issued, units: [])]
        case .step(let id), .stepDone(let id):
            guard let anchorStep = directive.step(id) else { return [] }
            // Completions may come long after the due date: look further back for them.
            let back = anchor == .step(id) ? lag : lag + 3 * 366
            let near = dates.lowerBound.adding(days: -back)...dates.upperBound
            anchors = anchorDates(anchorStep, unit: unit, near: near, done: anchor != .step(id), depth: depth)
        }
        return anchors.map { found in
            let trace = tracer.map { _ in DeadlineTrace() }
            if let trace {
                switch anchor {
                case .issued: trace.record(.anchor(.issued(found.date)))
                case .step(let id): trace.record(.anchor(.stepDue(step: id, units: found.units, date: found.date)))
                case .stepDone(let id): trace.record(.anchor(.stepDone(step: id, units: found.units, date: found.date)))
                }
            }
            let nominal = calculator.count(n, durationUnit, from: found.date, trace: trace)
            let deadline = calculator.deadline(nominal: nominal, policy: policy(step), trace: trace)
            if let trace { tracer?.store(trace, step: step.id, unit: unit, period: found.period) }
            return Dated(period: found.period, window: found.window, deadline: deadline)
        }
    }

    /// The date an anchored step counts from in one period, and (when tracing) each unit's
    /// date it was taken from.
    struct AnchorDate {
        let period: Period?
        let window: ClosedRange<CivilDate>?
        let date: CivilDate
        let units: [DeadlineTrace.AnchorUnit]
    }

    /// Per period, the date an anchored step counts from: the anchor step's due date (or
    /// completion) for the same unit, or — when that step is not the unit's — the latest over
    /// all its units (a consolidated report waits for every report it consolidates).
    mutating func anchorDates(_ anchorStep: Step, unit: String, near: ClosedRange<CivilDate>, done: Bool, depth: Int)
        -> [AnchorDate] {
        let lead = planner.org.expansion(of: anchorStep.lead)
        let units = lead.ids.contains(unit) ? [unit] : lead.ids
        var byPeriod: [String: (Period?, ClosedRange<CivilDate>?, CivilDate?)] = [:]
        var sources: [String: [DeadlineTrace.AnchorUnit]] = [:]
        var order: [String] = []
        for anchorUnit in units {
            let term = lead.term(of: anchorUnit)
            for dated in deadlines(of: anchorStep, unit: anchorUnit, near: near, depth: depth + 1)
            where owes(anchorUnit, dated, term) {
                let label = dated.period?.description ?? ""
                var date: CivilDate? = dated.deadline.dueDate
                if done || tracer != nil {
                    let holder = planner.org.holder(of: anchorUnit, on: dated.deadline.dueDate)?.id ?? anchorUnit
                    let key = Obligation.key(directive: directive.number, step: anchorStep.id, unit: holder, period: dated.period)
                    if done { date = progress.completions[key]?.date }
                    if tracer != nil { sources[label, default: []].append(DeadlineTrace.AnchorUnit(unit: anchorUnit, key: key, date: date)) }
                }
                if let existing = byPeriod[label] {
                    let merged: CivilDate? = (existing.2 == nil || date == nil) ? nil : max(existing.2!, date!)
                    byPeriod[label] = (existing.0, existing.1, merged)
                } else {
                    byPeriod[label] = (dated.period, dated.window, date)
                    order.append(label)
                }
            }
        }
        return order.compactMap { label in
            guard let (period, window, date) = byPeriod[label], let date else { return nil }
            return AnchorDate(period: period, window: window, date: date, units: sources[label] ?? [])
        }
    }
}

/// The traces of the deadlines one `StepSchedule` computed, by step, unit and period (a
/// recurring step's occurrences are the same for every unit: stored without one).
final class ScheduleTracer {
    private var traces: [String: DeadlineTrace] = [:]

    private static func key(step: String, unit: String?, period: Period?) -> String {
        "\(step)\u{1F}\(unit ?? "")\u{1F}\(period?.description ?? "")"
    }

    func store(_ trace: DeadlineTrace, step: String, unit: String?, period: Period?) {
        traces[ScheduleTracer.key(step: step, unit: unit, period: period)] = trace
    }

    func trace(step: String, unit: String, period: Period?) -> DeadlineTrace? {
        traces[ScheduleTracer.key(step: step, unit: unit, period: period)]
            ?? traces[ScheduleTracer.key(step: step, unit: nil, period: period)]
    }
}
