import DondocCore

extension WorkflowSet {
    /// The planner over these directives, org chart and calendar; notifications go out at
    /// `sendAt` minutes after local midnight (the config's `send-at`).
    public func planner(sendAt: Int = 8 * 60) -> Planner {
        Planner(directives: directives, org: org, calendar: calendar, sendAt: sendAt)
    }
}
