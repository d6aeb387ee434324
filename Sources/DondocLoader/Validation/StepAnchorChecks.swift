import DondocCore

/// `N days after step ID`: the step must exist in the same directive, anchors must not go
/// round in a cycle, and a one-off step cannot count from a recurring one (which occurrence?).
enum StepAnchorChecks {
    static func run(_ context: ValidationContext) {
        for directive in context.directives {
            check(directive, bag: context.bag)
        }
    }

    static func anchorID(of step: StepDraft) -> String? { step.due?.value.anchor?.stepID }

    private static func check(_ directive: DirectiveDraft, bag: DiagnosticBag) {
        let ids = directive.steps.compactMap { $0.id?.value }
        for step in directive.steps {
            guard let anchorID = anchorID(of: step), let at = step.dueLocation(ofWord: anchorID) else { continue }
            guard let anchor = directive.step(anchorID) else {
                bag.error(at, "unknown step '\(anchorID)' in 'due'\(Suggestion.clause(for: anchorID, in: ids))")
                continue
            }
            if let due = anchor.due, due.value.isRecurring, anchor.id?.value != step.id?.value {
                bag.error(at, "\(step.name) is due once but counts from \(anchor.name), which recurs ('\(anchor.dueText)'): which occurrence? Give this step a recurring due of its own")
            }
        }
        let cycles = Cycles.find(nodes: ids) { id in
            directive.step(id).flatMap(anchorID(of:)).map { [$0] } ?? []
        }
        for cycle in cycles {
            guard let step = directive.step(cycle.from), let anchorID = anchorID(of: step),
                  let at = step.dueLocation(ofWord: anchorID) else { continue }
            bag.error(at, "steps count from each other in a cycle: \(cycle.description)")
        }
    }
}
