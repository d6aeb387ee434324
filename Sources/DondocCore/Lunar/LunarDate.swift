/// A date of the Vietnamese lunisolar calendar (âm lịch).
public struct LunarDate: Hashable, Sendable, CustomStringConvertible {
    /// Day of the lunar month, 1...30.
    public let day: Int
    /// Month number, 1...12; a leap month repeats the previous month's number.
    public let month: Int
    /// The lunar year, numbered as the Gregorian year in which its Tết falls.
    public let year: Int
    public let isLeap: Bool

    public init(day: Int, month: Int, year: Int, isLeap: Bool = false) {
        self.day = day
        self.month = month
        self.year = year
        self.isLeap = isLeap
    }

    /// `15/8/2026` or `1/6n/2025` (n: nhuận, leap).
    public var description: String { "\(day)/\(month)\(isLeap ? "n" : "")/\(year)" }
}
