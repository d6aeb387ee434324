/// A day of the proleptic Gregorian calendar, with no time and no zone.
///
/// All deadline arithmetic in dondoc is on civil dates (DESIGN §2); instants only appear
/// at the edges, as `LocalDateTime` at the civil time zone's fixed offset.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A checked date: `nil` for 2026-02-30, month 13, and the like.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(year: year, month: month) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date with the given Julian Day Number (JDN 2451545 is 2000-01-01).
    public init(julianDay jdn: Int) {
        // Fliegel & Van Flandern, valid for all non-negative JDN.
        let a = jdn + 32044
        let b = (4 * a + 3) / 146097
        let c = a - (146097 * b) / 4
        let d = (4 * c + 3) / 1461
        let e = c - (1461 * d) / 4
        let m = (5 * e + 2) / 153
        self.day = e - (153 * m + 2) / 5 + 1
        self.month = m + 3 - 12 * (m / 10)
        self.year = 100 * b + d - 4800 + m / 10
    }

    /// The Julian Day Number of this date.
    public var julianDay: Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The given day of a month, or that month's last day when it has no such day
    /// (Civil Code 2015 Art. 148(3): 31 January + 1 month ends on 28/29 February).
    public static func clamped(year: Int, month: Int, day: Int) -> CivilDate {
        let last = daysIn(year: year, month: month)
        return CivilDate(year: year, month: month, day: min(max(day, 1), last))!
    }

    public static func lastDay(year: Int, month: Int) -> CivilDate {
        CivilDate(year: year, month: month, day: daysIn(year: year, month: month))!
    }

    public var weekday: Weekday { Weekday(rawValue: (julianDay % 7) + 1)! }

    public var isWeekend: Bool { weekday == .saturday || weekday == .sunday }

    public func adding(days n: Int) -> CivilDate { CivilDate(julianDay: julianDay + n) }

    /// Same day of month `n` months later (or earlier), clamped to the month's end.
    public func adding(months n: Int) -> CivilDate {
        let index = year * 12 + (month - 1) + n
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        return CivilDate.clamped(year: y, month: index - y * 12 + 1, day: day)
    }

    public func adding(years n: Int) -> CivilDate { adding(months: 12 * n) }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(to other: CivilDate) -> Int { other.julianDay - julianDay }

    public var quarter: Int { (month - 1) / 3 + 1 }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        guard (0...9999).contains(year) else {
            return "\(CivilDate.pad(year, 4))-\(CivilDate.pad(month, 2))-\(CivilDate.pad(day, 2))"
        }
        return CivilDate.text(year: year, then: month, then: day)
    }

    /// `YYYY`, then `-` and `first` (after `prefix`, zero-padded to `width`), then `-` and
    /// `second` in two digits: `2026`, `2026-03`, `2026-Q1`, `2026-03-09`. Written in place:
    /// these labels are made for every line `simulate` and `agenda` print. `year` in 0...9999.
    static func text(year: Int, then first: Int? = nil, width: Int = 2, prefix: UInt8? = nil, then second: Int? = nil) -> String {
        let count = 4 + (first == nil ? 0 : 1 + width + (prefix == nil ? 0 : 1)) + (second == nil ? 0 : 3)
        return String(unsafeUninitializedCapacity: count) { buffer in
            var end = 0
            func put(_ value: Int, _ width: Int) {
                var v = value
                for i in stride(from: end + width - 1, through: end, by: -1) {
                    buffer[i] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                }
                end += width
            }
            func dash() {
                buffer[end] = UInt8(ascii: "-")
                end += 1
            }
            put(year, 4)
            if let first {
                dash()
                if let prefix {
                    buffer[end] = prefix
                    end += 1
                }
                put(first, width)
            }
            if let second {
                dash()
                put(second, 2)
            }
            return end
        }
    }

    /// `DD/MM/YYYY`, as Vietnamese documents write dates.
    public var vietnamese: String {
        "\(CivilDate.pad(day, 2))/\(CivilDate.pad(month, 2))/\(year)"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }
}

extension CivilDate {
    /// Parses exactly `YYYY-MM-DD`; `nil` for anything else, including impossible dates.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// ISO weekday numbering: Monday is 1, Sunday is 7.
public enum Weekday: Int, Sendable, CaseIterable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// "T2" … "T7", "CN", as Vietnamese calendars head their columns.
    public var vietnameseShort: String { self == .sunday ? "CN" : "T\(rawValue + 1)" }

    /// "Thứ Hai" … "Chủ nhật".
    public var vietnameseName: String {
        ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"][rawValue - 1]
    }

    public var englishShort: String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][rawValue - 1] }
}
