/// A reporting or recurrence period: a year, half-year, quarter or month.
///
/// Its label is part of an obligation key (`…@ubnd-hai-phong/2026-Q1`), so the format is stable:
/// `2026`, `2026-H1`, `2026-Q1`, `2026-03`.
public enum Period: Hashable, Sendable, Comparable, CustomStringConvertible {
    case year(Int)
    case half(Int, Int)
    case quarter(Int, Int)
    case month(Int, Int)

    public var year: Int {
        switch self {
        case .year(let y), .half(let y, _), .quarter(let y, _), .month(let y, _): y
        }
    }

    /// The first calendar day of the period.
    public var start: CivilDate {
        switch self {
        case .year(let y): CivilDate(year: y, month: 1, day: 1)!
        case .half(let y, let h): CivilDate(year: y, month: h == 1 ? 1 : 7, day: 1)!
        case .quarter(let y, let q): CivilDate(year: y, month: 3 * q - 2, day: 1)!
        case .month(let y, let m): CivilDate(year: y, month: m, day: 1)!
        }
    }

    /// The period's last month (1...12).
    public var lastMonth: Int {
        switch self {
        case .year: 12
        case .half(_, let h): 6 * h
        case .quarter(_, let q): 3 * q
        case .month(_, let m): m
        }
    }

    /// The last calendar day of the period.
    public var end: CivilDate { CivilDate.lastDay(year: year, month: lastMonth) }

    /// The next period of the same length.
    public var next: Period {
        switch self {
        case .year(let y): .year(y + 1)
        case .half(let y, let h): h == 2 ? .half(y + 1, 1) : .half(y, 2)
        case .quarter(let y, let q): q == 4 ? .quarter(y + 1, 1) : .quarter(y, q + 1)
        case .month(let y, let m): m == 12 ? .month(y + 1, 1) : .month(y, m + 1)
        }
    }

    /// The period of the same length that contains `date`.
    public func sameLength(containing date: CivilDate) -> Period {
        switch self {
        case .year: .year(date.year)
        case .half: .half(date.year, date.month <= 6 ? 1 : 2)
        case .quarter: .quarter(date.year, date.quarter)
        case .month: .month(date.year, date.month)
        }
    }

    /// Decree 09/2019/NĐ-CP Art. 12: the data window closes on the 14th of the period's last
    /// month and opens on the 15th of the month before the period starts.
    public var reportingWindow: ClosedRange<CivilDate> {
        let opens = start.adding(months: -1)
        return CivilDate(year: opens.year, month: opens.month, day: 15)!
            ... CivilDate(year: year, month: lastMonth, day: 14)!
    }

    public var description: String {
        guard (0...9999).contains(year) else {
            switch self {
            case .year(let y): return CivilDate.pad(y, 4)
            case .half(let y, let h): return "\(CivilDate.pad(y, 4))-H\(h)"
            case .quarter(let y, let q): return "\(CivilDate.pad(y, 4))-Q\(q)"
            case .month(let y, let m): return "\(CivilDate.pad(y, 4))-\(CivilDate.pad(m, 2))"
            }
        }
        switch self {
        case .year(let y): return CivilDate.text(year: y)
        case .half(let y, let h): return CivilDate.text(year: y, then: h, width: 1, prefix: UInt8(ascii: "H"))
        case .quarter(let y, let q): return CivilDate.text(year: y, then: q, width: 1, prefix: UInt8(ascii: "Q"))
        case .month(let y, let m): return CivilDate.text(year: y, then: m)
        }
    }

    /// Parses a label: `2026`, `2026-H1`, `2026-Q3`, `2026-03`.
    public init?(label: some StringProtocol) {
        let parts = label.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, first.allSatisfy(\.isASCIIDigit), let y = Int(first)
        else { return nil }
        if parts.count == 1 { self = .year(y); return }
        guard parts.count == 2 else { return nil }
        let rest = parts[1]
        if rest.count == 2, let q = Int(rest.dropFirst()), rest.first == "Q", (1...4).contains(q) {
            self = .quarter(y, q)
        } else if rest.count == 2, let h = Int(rest.dropFirst()), rest.first == "H", (1...2).contains(h) {
            self = .half(y, h)
        } else if rest.count == 2, rest.allSatisfy(\.isASCIIDigit), let m = Int(rest), (1...12).contains(m) {
            self = .month(y, m)
        } else {
            return nil
        }
    }

    public static func < (lhs: Period, rhs: Period) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}

/// A `from:` or `until:` bound of a recurring step: a year, a month or a day.
public struct PeriodBound: Hashable, Sendable, CustomStringConvertible {
    /// The first and last day the bound covers: `2021` covers 2021-01-01...2021-12-31.
    public let first: CivilDate
    public let last: CivilDate
    public let description: String

    public init(year: Int) {
        first = CivilDate(year: year, month: 1, day: 1)!
        last = CivilDate(year: year, month: 12, day: 31)!
        description = CivilDate.pad(year, 4)
    }

    public init(year: Int, month: Int) {
        first = CivilDate(year: year, month: month, day: 1)!
        last = CivilDate.lastDay(year: year, month: month)
        description = "\(CivilDate.pad(year, 4))-\(CivilDate.pad(month, 2))"
    }

    public init(date: CivilDate) {
        first = date
        last = date
        description = date.description
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public init?(text: some StringProtocol) {
        if let date = CivilDate(iso: text) {
            self.init(date: date)
        } else if let period = Period(label: text) {
            switch period {
            case .year(let y): self.init(year: y)
            case .month(let y, let m): self.init(year: y, month: m)
            default: return nil
            }
        } else {
            return nil
        }
    }
}
