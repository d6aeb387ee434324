import DondocCore

/// A lead unit that ceases to exist (`valid-until`) while a period it owes is still to fall
/// due, with no successor chain to a unit that exists then: that obligation would have no holder.
/// And a lead unit valid for none of a step's periods: it owes nothing there, which is most
/// likely a wrong date or a unit listed in the wrong group.
enum SuccessorChecks {
    static func run(_ context: ValidationContext) {
        for directive in context.directives {
            let deadlines = StepDeadlines(directive: directive, calculator: context.calculator)
            for step in directive.steps where step.due != nil {
                var reported = Set<String>()
                for lead in step.lead {
                    let expansion = context.org.expansion(of: [lead.value])
                    for id in expansion.ids where !reported.contains(id) {
                        guard let unit = context.org[id] else { continue }
                        let term = expansion.term(of: id)
                        if deadlines.owesAny(step, unit: unit.serving(term)) == false {
                            reported.insert(id)
                            let at = memberLocation(of: id, in: lead, context: context) ?? lead.location
                            let listed = term.map { "; " + describe($0, "listed") } ?? ""
                            context.bag.warning(.leadOwesNothing, at,
                                "unit '\(id)' (\(describe(Term(from: unit.validFrom, until: unit.validUntil), "valid"))\(listed)) is valid for none of the periods of step '\(step.id?.value ?? "?")' of \(directive.name): it owes nothing there")
                            continue
                        }
                        guard let until = unit.validUntil,
                              let after = firstOwedDeadline(of: step, after: until, deadlines: deadlines),
                              context.org.holder(of: id, on: after) == nil else { continue }
                        reported.insert(id)
                        context.bag.warning(.ceasedLead, lead.location,
                            "lead unit '\(id)' ceased to exist after \(until) and no successor takes over: obligations after \(until) have no holder")
                    }
                }
            }
        }
    }

    /// A due date later than `date` of a period that starts by `date` (what a unit ceasing on
    /// `date` still owes), if the step has one.
    private static func firstOwedDeadline(of step: StepDraft, after date: CivilDate, deadlines: StepDeadlines) -> CivilDate? {
        if let due = step.due?.value, !due.isRecurring { return nil }  // one-off: owed only within validity
        var occurrences = deadlines.occurrences(of: step, from: date.adding(days: 1))
        guard let next = occurrences?.next(), next.period.start <= date else { return nil }
        return next.deadline.dueDate
    }

    /// Where the group that `lead` names (directly or through nested groups) lists `unit`.
    private static func memberLocation(of unit: String, in lead: Located<String>, context: ValidationContext) -> SourceLocation? {
        guard let name = OrgChart.groupName(lead.value), let groups = context.units?.groups else { return nil }
        var visited = Set<String>()
        func find(_ group: String) -> SourceLocation? {
            guard visited.insert(group).inserted, let members = groups.first(where: { $0.name == group })?.members else { return nil }
            if let direct = members.first(where: { $0.value == unit }) { return direct.location }
            for member in members {
                if let nested = OrgChart.groupName(member.value), let found = find(nested) { return found }
            }
            return nil
        }
        return find(name)
    }

    private static func describe(_ term: Term, _ word: String) -> String {
        switch (term.from, term.until) {
        case let (from?, until?): "\(word) \(from)..\(until)"
        case let (from?, nil): "\(word) from \(from)"
        case let (nil, until?): "\(word) until \(until)"
        case (nil, nil): "always \(word)"
        }
    }
}
