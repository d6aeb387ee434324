import DondocCore

/// The deadlines of a directive draft's steps, as the checks need them: unit-independent
/// (no completions, no extensions), resolving `step ID` anchors, giving up on anything unclear.
struct StepDeadlines {
    let directive: DirectiveDraft
    let calculator: DeadlineCalculator

    func policy(_ step: StepDraft) -> RestDayPolicy { step.onRestDay ?? directive.onRestDay }

    /// A one-off step's due date; `nil` for recurring steps, `step ID done` anchors, cycles.
    func dueDate(of step: StepDraft, depth: Int = 0) -> CivilDate? {
        guard let due = step.due?.value, !due.isRecurring, let issued = directive.issued?.value,
              depth <= directive.steps.count else { return nil }
        let nominal: CivilDate?
        switch due {
        case .after(let n, let unit, .step(let id)):
            guard let anchor = directive.step(id), let date = dueDate(of: anchor, depth: depth + 1),
                  StepDeadlines.withinComputedYears(date, n, unit) else { return nil }
            nominal = calculator.count(n, unit, from: date)
        case .after(_, _, .stepDone):
            return nil
        case .after(let n, let unit, .issued):
            guard StepDeadlines.withinComputedYears(issued, n, unit) else { return nil }
            nominal = calculator.count(n, unit, from: issued)
        default:
            nominal = calculator.nominal(of: due, anchor: issued)
        }
        guard let nominal, WorkCalendar.tabulatedYears.contains(nominal.year) else { return nil }
        return calculator.deadline(nominal: nominal, policy: policy(step)).dueDate
    }

    /// Whether counting `n` units from `date` stays within the years the calendar tabulates
    /// (beyond them every day is computed on demand: too slow for a check, and no plan is that long).
    static func withinComputedYears(_ date: CivilDate, _ n: Int, _ unit: DueExpression.DurationUnit) -> Bool {
        WorkCalendar.tabulatedYears.contains(date.year)
            && WorkCalendar.tabulatedYears.contains(date.adding(days: unit.calendarDaysBound(n)).year)
    }

    /// The occurrences of a recurring step from `start` on, within its bounds.
    func occurrences(of step: StepDraft, from start: CivilDate) -> OccurrenceSequence? {
        guard let due = step.due?.value, due.isRecurring, WorkCalendar.tabulatedYears.contains(start.year) else { return nil }
        return calculator.occurrences(of: due, policy: policy(step), issued: directive.issued?.value,
                                      from: step.from?.value, until: step.until?.value, startingAt: start)
    }

    /// A step's first due date: a one-off step's only one, a recurring step's first after issue.
    func firstDueDate(of step: StepDraft) -> CivilDate? {
        if let date = dueDate(of: step) { return date }
        guard let start = step.from?.value.first ?? directive.issued?.value else { return nil }
        var sequence = occurrences(of: step, from: start)
        return sequence?.next()?.deadline.dueDate
    }

    /// The due date of a step in the period (of the step's own length) that contains `date`:
    /// a one-off step's only one, a recurring step's occurrence due within that period.
    func dueDate(of step: StepDraft, near date: CivilDate) -> (date: CivilDate, period: Period?)? {
        if let due = step.due?.value, !due.isRecurring { return dueDate(of: step).map { ($0, nil) } }
        guard let due = step.due?.value, let kind = DeadlineCalculator.periodKind(of: due) else { return nil }
        let period = kind.sameLength(containing: date)
        guard var sequence = occurrences(of: step, from: period.start), let occurrence = sequence.next(),
              occurrence.deadline.dueDate <= period.end else { return nil }
        return (occurrence.deadline.dueDate, occurrence.period)
    }

    /// Whether `unit` owes any of the step's deadlines (`Unit.owes`); `nil` when they cannot be
    /// told here (`step ID` anchors, dates beyond the computed years).
    func owesAny(_ step: StepDraft, unit: Unit) -> Bool? {
        guard unit.validFrom != nil || unit.validUntil != nil, let due = step.due?.value else { return true }
        guard due.isRecurring else { return dueDate(of: step).map { unit.owes(periodStart: nil, due: $0) } }
        guard let start = unit.validFrom ?? step.from?.value.first ?? directive.issued?.value,
              var sequence = occurrences(of: step, from: start) else { return nil }
        for _ in 0..<10_000 {
            guard let occurrence = sequence.next() else { return false }
            if unit.owes(periodStart: occurrence.period.start, due: occurrence.deadline.dueDate) { return true }
            if let until = unit.validUntil, occurrence.period.start > until { return false }
        }
        return nil
    }
}
