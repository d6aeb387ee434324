/// The Vietnamese lunisolar calendar (âm lịch), computed from astronomy (DESIGN §2.6).
///
/// The rules, as published (Hồ Ngọc Đức, "Thuật toán tính âm lịch"; RULES.md):
/// - a month begins on the civil day, at a fixed **UTC+7**, that contains the new moon;
/// - the month containing the winter solstice (the Sun's apparent longitude reaching 270°)
///   is month 11;
/// - when 13 months begin from one month 11 up to the next (12 complete lunations from one
///   month-11 start to the next), the first month after the first month 11 that contains no
///   principal term (the Sun's longitude reaching a multiple of 30°) is a leap month
///   (tháng nhuận) and repeats the previous month's number;
/// - a lunar year is numbered by the Gregorian year in which its month 1 (Tết) begins.
///
/// The Chinese calendar follows the same rules at UTC+8, so the two differ in some years
/// (Tết 1985, 2007, 2030…); Foundation's `.chinese` calendar is therefore never used.
///
/// Month starts for the lunar years 1898–2100 (civil days from late 1897 to late 2101,
/// covering every day 1900-01-01…2100-12-31) are computed once, on first use, into an
/// immutable table; lookups there are O(1). Dates outside that window are computed on
/// demand (a fraction of a millisecond each, and increasingly uncertain far from the present
/// because ΔT is).
///
/// Verified day by day against an independent computation with PyEphem
/// (Tests/DondocCoreTests/Fixtures/lunar).
public enum LunarCalendar {
    /// The fixed offset of Vietnamese civil time used for all years. The tz database's
    /// UTC+8 for parts of the 20th century is deliberately not used: the published
    /// Vietnamese calendar is computed at UTC+7 throughout.
    public static let utcOffsetHours = 7

    /// Heavenly stems (thiên can), Giáp first.
    public static let heavenlyStems = ["Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"]

    /// Earthly branches (địa chi), Tý first. Vietnamese uses Mão (Cat) and Sửu (Buffalo).
    public static let earthlyBranches = ["Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"]

    /// The lunar years whose every month comes from the precomputed table.
    public static var tabulatedYears: ClosedRange<Int> { table.lunarYears }

    // MARK: - Conversions

    /// The lunar date of a civil day.
    public static func lunarDate(for date: CivilDate) -> LunarDate {
        let jdn = date.julianDay
        if let lunar = table.lunarDate(julianDay: jdn) { return lunar }
        // Outside the table: the three solstice cycles around the date always cover it.
        let local = MonthTable(cycles: (date.year - 1)...(date.year + 1))
        return local.lunarDate(julianDay: jdn)!
    }

    /// The civil day of a lunar date; `nil` when that lunar date does not exist (a leap
    /// flag on a month that is not leap that year, day 30 of a 29-day month, month 13…).
    public static func civilDate(for lunar: LunarDate) -> CivilDate? {
        guard (1...12).contains(lunar.month), (1...30).contains(lunar.day) else { return nil }
        let t = table(forLunarYear: lunar.year)
        guard let index = t.monthIndex(year: lunar.year, month: lunar.month, isLeap: lunar.isLeap) else {
            return nil
        }
        guard lunar.day <= t.length(ofMonthAt: index) else { return nil }
        return CivilDate(julianDay: t.starts[index] + lunar.day - 1)
    }

    /// Tết: the civil day on which month 1 of the given lunar year begins.
    public static func newYear(_ year: Int) -> CivilDate {
        civilDate(for: LunarDate(day: 1, month: 1, year: year))!
    }

    /// The number of the leap month of a lunar year (the leap month repeats it), or `nil`
    /// when the year has twelve months. A leap 11 or 12 (as in 2033) belongs to the lunar
    /// year whose months 11 and 12 it follows.
    public static func leapMonth(ofLunarYear year: Int) -> Int? {
        let t = table(forLunarYear: year)
        return t.months(ofLunarYear: year).first { t.labels[$0].isLeap }.map { t.labels[$0].month }
    }

    /// The number of days (29 or 30) of a lunar month, or `nil` when that month does not exist.
    public static func monthLength(month: Int, isLeap: Bool, year: Int) -> Int? {
        let t = table(forLunarYear: year)
        return t.monthIndex(year: year, month: month, isLeap: isLeap).map { t.length(ofMonthAt: $0) }
    }

    // MARK: - Names

    /// The sexagenary (can chi) name of a lunar year, e.g. "Bính Ngọ" for 2026.
    public static func yearName(_ year: Int) -> String {
        "\(yearStem(year)) \(yearBranch(year))"
    }

    /// The heavenly stem of a lunar year, e.g. "Bính" for 2026 (4 AD was Giáp Tý).
    public static func yearStem(_ year: Int) -> String {
        heavenlyStems[modulo(year + 6, 10)]
    }

    /// The earthly branch (the zodiac animal) of a lunar year, e.g. "Ngọ" for 2026.
    public static func yearBranch(_ year: Int) -> String {
        earthlyBranches[modulo(year + 8, 12)]
    }

    // MARK: - Tables

    /// The month starts from the solstice of 1897 to that of 2101: every civil day of
    /// 1900–2100 and every lunar year 1898–2100. Built once, lazily and thread-safely
    /// (a `static let`), in a few milliseconds.
    static let table = MonthTable(cycles: 1897...2101)

    /// The main table when it holds the whole lunar year, else one computed for it.
    static func table(forLunarYear year: Int) -> MonthTable {
        table.lunarYears.contains(year) ? table : MonthTable(cycles: (year - 1)...(year + 1))
    }

    static func modulo(_ a: Int, _ n: Int) -> Int { ((a % n) + n) % n }
}

/// A lunar month's identity: its lunar year, number and leap flag.
struct LunarMonthLabel: Hashable, Sendable {
    var year: Int
    var month: Int
    var isLeap: Bool
}

/// Consecutive lunar months, numbered, from the month 11 of one solstice to the month 11 of
/// a later one.
///
/// A *cycle* `c` is the run of months from the month 11 containing the December solstice of
/// Gregorian year `c` up to (excluding) the next month 11. Its months 11 and 12 (and a leap
/// 11 or 12) belong to lunar year `c`, its months 1…10 to lunar year `c + 1`.
struct MonthTable: Sendable {
    /// Julian Day Numbers of the first day of each month, plus one sentinel: the start of
    /// the month after the last one (so month `i` is `starts[i] ..< starts[i + 1]`).
    let starts: [Int]
    /// The months, parallel to `starts` without its sentinel.
    let labels: [LunarMonthLabel]
    /// The lunar years held whole.
    let lunarYears: ClosedRange<Int>
    /// Index of month 1 of each year in `lunarYears.lowerBound ... lunarYears.upperBound + 1`.
    private let firstMonthIndex: [Int]

    /// Computes the months of the given solstice cycles (`cycles.upperBound` is the cycle
    /// whose month 11 closes the table). Needs at least two cycles.
    init(cycles: ClosedRange<Int>) {
        precondition(cycles.count >= 2, "a month table needs two solstices")
        let offset = Double(LunarCalendar.utcOffsetHours) / 24

        // New moons from October before the first solstice to February after the last.
        let first = Astronomy.nearestLunation(julianDay: Double(CivilDate(year: cycles.lowerBound, month: 10, day: 1)!.julianDay))
        let last = Astronomy.nearestLunation(julianDay: Double(CivilDate(year: cycles.upperBound + 1, month: 2, day: 1)!.julianDay))
        var allStarts: [Int] = []
        allStarts.reserveCapacity(last - first + 1)
        for k in first...last {
            // The civil day at UTC+7 containing the instant: JDN = ⌊JD + ½ + offset⌋.
            allStarts.append(Int((Astronomy.newMoon(lunation: k) + 0.5 + offset).rounded(.down)))
        }

        // The Sun's longitude at the first moment (local midnight) of each month: month `i`
        // covers longitudes [λᵢ, λᵢ₊₁). It contains the winter solstice iff 270° lies in that
        // interval, and a principal term iff its ends lie in different 30° sectors. (Near
        // perihelion a month can span slightly more than 30°, so the solstice month may go
        // from sector 8 straight to 10; a month without a principal term stays in one sector.)
        let longitudes = allStarts.map { jdn in
            Astronomy.apparentSolarLongitude(jd: Double(jdn) - 0.5 - offset)
        }
        let sectors = longitudes.map { Int($0 / 30) }
        var elevens: [Int] = []
        for i in 0..<(allStarts.count - 1)
        where Astronomy.normalized(270 - longitudes[i]) < Astronomy.normalized(longitudes[i + 1] - longitudes[i]) {
            elevens.append(i)
        }
        precondition(elevens.count == cycles.count, "expected one month 11 per solstice")

        var labels: [LunarMonthLabel] = []
        labels.reserveCapacity(elevens.last! - elevens.first!)
        var firstMonthIndex: [Int] = []
        for (c, cycle) in zip(elevens.indices.dropLast(), cycles) {
            let (i, j) = (elevens[c], elevens[c + 1])
            precondition(j - i == 12 || j - i == 13, "a solstice cycle has 12 or 13 months")
            let leap = j - i == 13 ? ((i + 1)..<j).first { sectors[$0] == sectors[$0 + 1] } : nil
            var label = LunarMonthLabel(year: cycle, month: 11, isLeap: false)
            for m in i..<j {
                if m > i {
                    if m == leap {
                        label.isLeap = true
                    } else {
                        label.isLeap = false
                        label.month = label.month % 12 + 1
                        if label.month == 1 {
                            label.year = cycle + 1
                            firstMonthIndex.append(m - elevens[0])
                        }
                    }
                }
                labels.append(label)
            }
        }
        self.starts = Array(allStarts[elevens.first!...elevens.last!])
        self.labels = labels
        self.lunarYears = (cycles.lowerBound + 1)...(cycles.upperBound - 1)
        self.firstMonthIndex = firstMonthIndex
    }

    /// The lunar date of the civil day with the given JDN, or `nil` outside the table.
    func lunarDate(julianDay jdn: Int) -> LunarDate? {
        guard jdn >= starts[0], jdn < starts[starts.count - 1] else { return nil }
        // Guess from the mean month length (off by at most one), then settle.
        var i = min(Int(Double(jdn - starts[0]) / Astronomy.synodicMonth), labels.count - 1)
        while starts[i] > jdn { i -= 1 }
        while starts[i + 1] <= jdn { i += 1 }
        let label = labels[i]
        return LunarDate(day: jdn - starts[i] + 1, month: label.month, year: label.year, isLeap: label.isLeap)
    }

    /// Indices of the months of a lunar year held whole (empty otherwise).
    func months(ofLunarYear year: Int) -> Range<Int> {
        guard lunarYears.contains(year) else { return 0..<0 }
        let y = year - lunarYears.lowerBound
        return firstMonthIndex[y]..<firstMonthIndex[y + 1]
    }

    /// The index of a lunar month, or `nil` if the year has no such month.
    func monthIndex(year: Int, month: Int, isLeap: Bool) -> Int? {
        let range = months(ofLunarYear: year)
        guard !range.isEmpty, (1...12).contains(month) else { return nil }
        // Months run 1, 2, …, 12 with at most one leap month right after its namesake:
        // a leap month before `month` pushes it one place on.
        var i = range.lowerBound + month - 1
        if labels[i].month != month { i += 1 }
        if isLeap { i += 1 }
        guard range.contains(i), labels[i] == LunarMonthLabel(year: year, month: month, isLeap: isLeap) else {
            return nil
        }
        return i
    }

    /// Days in the month at `index` (29 or 30).
    func length(ofMonthAt index: Int) -> Int { starts[index + 1] - starts[index] }
}
