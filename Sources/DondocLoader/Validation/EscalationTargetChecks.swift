import DondocCore

/// Escalations to `monitor` and `report-to` need someone there: the directive's monitor, the
/// step's report-to.
enum EscalationTargetChecks {
    static func run(_ context: ValidationContext) {
        for directive in context.directives {
            checkMonitor(directive, bag: context.bag)
            checkReportTo(directive, bag: context.bag)
        }
    }

    private static func checkMonitor(_ directive: DirectiveDraft, bag: DiagnosticBag) {
        guard directive.monitor == nil else { return }
        let written = (directive.escalation ?? []) + directive.steps.flatMap { $0.escalation ?? [] }
        for entry in written {
            for target in entry.targets where target.value == .monitor {
                bag.error(.escalationWithoutMonitor, target.location, "escalation to 'monitor', but the directive names no monitor")
            }
        }
        let usesDefault = directive.escalation == nil && directive.steps.contains { $0.escalation == nil }
        if usesDefault && Directive.defaultEscalation.contains(where: { $0.targets.contains(.monitor) }) {
            bag.warning(.defaultEscalationWithoutMonitor, directive.location,
                        "no 'monitor': the default escalation '5 working days after due: monitor' has no addressee; name a monitor or write 'escalation:'")
        }
    }

    private static func checkReportTo(_ directive: DirectiveDraft, bag: DiagnosticBag) {
        for step in directive.steps where step.reportTo.isEmpty {
            for entry in step.escalation ?? [] {
                for target in entry.targets where target.value == .reportTo {
                    bag.error(.escalationWithoutReportTo, target.location, "escalation to 'report-to', but \(step.name) has no 'report-to'")
                }
            }
        }
        let inheriting = directive.steps.filter { $0.escalation == nil && $0.reportTo.isEmpty }
        guard !inheriting.isEmpty else { return }
        let names = inheriting.map(\.name).joined(separator: ", ")
        for entry in directive.escalation ?? [] {
            for target in entry.targets where target.value == .reportTo {
                bag.error(.escalationWithoutReportTo, target.location, "escalation to 'report-to', but \(names) \(inheriting.count == 1 ? "has" : "have") no 'report-to' (give \(inheriting.count == 1 ? "it" : "them") one, or an escalation of \(inheriting.count == 1 ? "its" : "their") own)")
            }
        }
    }
}
