/// What a calendar entry says about a day (DESIGN §1.4).
public enum DayKind: String, Sendable, CaseIterable, Codable {
    /// A public holiday (ngày lễ, Tết).
    case holiday
    /// A weekday off: in exchange for a worked weekend day, or nghỉ bù for a holiday on a rest day.
    case swapOff = "swap-off"
    /// A Saturday or Sunday that is worked (làm bù).
    case workingDay = "working-day"
    /// Cancels a holiday the rules would otherwise compute.
    case notHoliday = "not-holiday"
}

/// One day of a year's calendar with its reason: from a calendar file or computed from the law.
public struct DayEntry: Hashable, Sendable {
    public let date: CivilDate
    public let kind: DayKind
    public let name: String
    /// The notice (or the article of the Labour Code) that decided the day; `nil` when a
    /// calendar file gives none (DESIGN §1.4).
    public let source: String?

    public init(date: CivilDate, kind: DayKind, name: String, source: String?) {
        self.date = date
        self.kind = kind
        self.name = name
        self.source = source
    }
}

/// A year's calendar file (`calendars/vn-YYYY.yaml`), as loaded.
public struct CalendarYearFile: Hashable, Sendable {
    public enum Status: String, Sendable, CaseIterable { case confirmed, provisional }

    public let year: Int
    public let status: Status
    public let entries: [DayEntry]

    public init(year: Int, status: Status, entries: [DayEntry]) {
        self.year = year
        self.status = status
        self.entries = entries
    }
}
