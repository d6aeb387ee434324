extension DueExpression.DurationUnit {
    /// At most how many calendar days `n` of these units span: working days with room for the
    /// longest run of days off (Tết), months and years at their longest.
    public func calendarDaysBound(_ n: Int) -> Int {
        switch self {
        case .days: n
        case .workingDays: n * 7 / 5 + 16
        case .weeks: 7 * n
        case .months: 31 * n
        case .years: 366 * n
        }
    }
}
