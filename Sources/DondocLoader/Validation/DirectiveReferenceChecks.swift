import DondocCore

/// The unit and group names a directive file uses: issuer, monitor, lead, support, report-to
/// and escalation targets must name units (or groups, where groups are allowed) that loaded.
enum DirectiveReferenceChecks {
    static func run(_ context: ValidationContext) {
        guard let references = context.references else { return }
        let bag = context.bag
        for directive in context.directives {
            if let issuer = directive.issuer { references.check(unit: issuer, role: "issuer", bag: bag) }
            if let monitor = directive.monitor { references.check(unit: monitor, role: "monitor", bag: bag) }
            checkTargets(directive.escalation ?? [], references: references, bag: bag)
            for step in directive.steps {
                for lead in step.lead { references.check(unitOrGroup: lead, role: "lead", bag: bag) }
                for support in step.support { references.check(unitOrGroup: support, role: "support", bag: bag) }
                for reportTo in step.reportTo { references.check(unit: reportTo, role: "report-to", bag: bag) }
                checkTargets(step.escalation ?? [], references: references, bag: bag)
            }
        }
    }

    private static func checkTargets(_ entries: [EscalationEntry], references: UnitReferences, bag: DiagnosticBag) {
        for entry in entries {
            for target in entry.targets {
                guard case .unit(let id) = target.value, references.problem(unit: id, role: "escalation") != nil else { continue }
                if references.units.invalid[id] != nil, let problem = references.problem(unit: id, role: "escalation") {
                    problem.report(at: target.location, in: bag)
                } else if let word = Suggestion.closest(to: id, in: ExpressionRules.targetWords + references.units.unitIDs) {
                    bag.error(.unknownEscalationTarget, target.location, "unknown escalation target '\(id)': did you mean '\(word)'?")
                } else {
                    bag.error(.unknownEscalationTarget, target.location, "unknown escalation target '\(id)': expected head, parent, monitor, report-to, issuer or a unit id")
                }
            }
        }
    }
}
