import DondocCore

/// A lead unit that ceases to exist (`valid-until`) while the step still has deadlines, with
/// no successor chain to a unit that exists then: those obligations would have no holder.
enum SuccessorChecks {
    static func run(_ context: ValidationContext) {
        for directive in context.directives {
            let deadlines = StepDeadlines(directive: directive, calculator: context.calculator)
            for step in directive.steps where step.due != nil {
                var reported = Set<String>()
                for lead in step.lead {
                    for id in context.org.expand([lead.value]) where !reported.contains(id) {
                        guard let unit = context.org[id], let until = unit.validUntil,
                              let after = firstDeadline(of: step, after: until, deadlines: deadlines),
                              context.org.holder(of: id, on: after) == nil else { continue }
                        reported.insert(id)
                        context.bag.warning(lead.location,
                            "lead unit '\(id)' ceased to exist after \(until) and no successor takes over: obligations after \(until) have no holder")
                    }
                }
            }
        }
    }

    /// A due date of the step later than `date`, if it has one.
    private static func firstDeadline(of step: StepDraft, after date: CivilDate, deadlines: StepDeadlines) -> CivilDate? {
        if let due = step.due?.value, !due.isRecurring {
            return deadlines.dueDate(of: step).flatMap { $0 > date ? $0 : nil }
        }
        var occurrences = deadlines.occurrences(of: step, from: date.adding(days: 1))
        return occurrences?.next()?.deadline.dueDate
    }
}
