/// The four dates of a deadline (DESIGN §2).
public struct Deadline: Hashable, Sendable {
    /// What the expression says, before the rest-day rule.
    public let nominal: CivilDate
    /// The last day on which the obligation is on time.
    public let dueDate: CivilDate
    /// The last working day on or before `nominal`: reminders aim here.
    public let targetDate: CivilDate

    public init(nominal: CivilDate, dueDate: CivilDate, targetDate: CivilDate) {
        self.nominal = nominal
        self.dueDate = dueDate
        self.targetDate = targetDate
    }

    /// The instant it becomes overdue: the day after `dueDate` at 00:00 local
    /// (Civil Code 2015 Art. 148(6): a day ends at 24:00).
    public var dueAt: LocalDateTime { LocalDateTime(date: dueDate.adding(days: 1)) }
}

/// One occurrence of a recurring deadline: its period, the period's data window, its deadline.
public struct Occurrence: Hashable, Sendable {
    public let period: Period
    /// The data window: Decree 09/2019's for periodic reports, the calendar period otherwise.
    public let window: ClosedRange<CivilDate>
    public let deadline: Deadline
}
