import DondocCore

/// `N days after step ID`: the step must exist in the same directive and anchors must not go
/// round in a cycle. A step that counts from a recurring step recurs with it, period by period.
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
            if directive.step(anchorID) == nil {
                bag.error(.unknownAnchorStep, at, "unknown step '\(anchorID)' in 'due'\(Suggestion.clause(for: anchorID, in: ids))")
            }
        }
        let cycles = Cycles.find(nodes: ids) { id in
            directive.step(id).flatMap(anchorID(of:)).map { [$0] } ?? []
        }
        for cycle in cycles {
            guard let step = directive.step(cycle.from), let anchorID = anchorID(of: step),
                  let at = step.dueLocation(ofWord: anchorID) else { continue }
            bag.error(.anchorCycle, at, "steps count from each other in a cycle: \(cycle.description)")
        }
    }
}
