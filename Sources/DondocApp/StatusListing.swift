import DondocCore

/// Which obligations `dondoc status` (and later the web's lists) show, with their states: those
/// due in the window, and the open overdue ones whatever their due date — a unit's obligation
/// left undone for years stays in view until it is done or extended.
public struct StatusListing: Sendable {
    public let planner: Planner
    public let records: TrackingRecords
    public let now: LocalDateTime

    public init(planner: Planner, records: TrackingRecords, now: LocalDateTime) {
        self.planner = planner
        self.records = records
        self.now = now
    }

    /// The default window: a year back from today to 60 days ahead.
    public static func defaultWindow(today: CivilDate) -> ClosedRange<CivilDate> {
        today.adding(days: -365)...today.adding(days: 60)
    }

    /// Ordered by due date, as the planner orders obligations.
    public func obligations(window: ClosedRange<CivilDate>, unit: UnitFilter? = nil) -> [TrackedObligation] {
        let rules = StatusRules(calendar: planner.calendar)
        let start = min(window.lowerBound, StatusListing.earliestDueDate(of: planner.directives) ?? window.lowerBound)
        // Open overdue obligations fall due before today: after the window too, when it ends earlier.
        let end = max(window.upperBound, now.date)
        var result: [TrackedObligation] = []
        for obligation in planner.obligations(due: start...end, progress: records.progress, unit: unit) {
            let tracked = rules.track(obligation, records: records, now: now)
            if window.contains(obligation.deadline.dueDate) || tracked.category == .openOverdue {
                result.append(tracked)
            }
        }
        return result
    }

    /// No obligation of these directives falls due before this day: the earliest of their issue
    /// dates, their steps' `from:` and the dates their steps name outright.
    static func earliestDueDate(of directives: [Directive]) -> CivilDate? {
        var dates: [CivilDate] = []
        for directive in directives {
            dates.append(directive.issued)
            for step in directive.steps {
                if let from = step.from { dates.append(from.first) }
                switch step.due {
                case .on(let date): dates.append(date)
                case .before(let date): dates.append(date.adding(days: -1))
                case .within(let period): dates.append(period.start)
                default: break
                }
            }
        }
        return dates.min()
    }
}
