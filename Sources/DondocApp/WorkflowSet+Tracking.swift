import DondocCore
import DondocLoader

extension WorkflowSet {
    /// Every obligation due in `dates` with its state and category at `now` — what `status`,
    /// `report`, the dashboard and the API list — in the planner's order; only `unit`'s
    /// obligations when a filter is given.
    public func tracked(due dates: ClosedRange<CivilDate>, records: TrackingRecords, now: LocalDateTime,
                        unit: UnitFilter? = nil) -> [TrackedObligation] {
        let rules = StatusRules(calendar: calendar)
        return planner().obligations(due: dates, progress: records.progress, unit: unit)
            .map { rules.track($0, records: records, now: now) }
    }
}
