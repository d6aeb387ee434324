/// A step's reminder and escalation rules, in the order its notifications are numbered
/// (reminders, then escalations), with their labels and the support units worked out once
/// for all its obligations.
struct StepRules {
    struct Rule {
        let kind: Notification.Kind
        let offset: ReminderRule.Offset
        let label: String
        let id: String
        let targets: [EscalationTarget]
    }

    let rules: [Rule]
    /// The unit ids the step's `support:` names, groups expanded.
    let support: [String]

    init(directive: Directive, step: Step, org: OrgChart) {
        let reminders = (step.reminders ?? directive.reminders).map {
            Rule(kind: .reminder, offset: $0.offset, label: $0.label, id: $0.offset.id, targets: [])
        }
        let escalations = (step.escalation ?? directive.escalation).map {
            Rule(kind: .escalation, offset: $0.offset, label: $0.label, id: $0.offset.id, targets: $0.targets)
        }
        rules = reminders + escalations
        support = org.expand(step.support)
    }
}
