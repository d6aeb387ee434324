import Foundation
import Testing
@testable import DondocCore

/// The Vietnamese lunar calendar (DESIGN §2.6), checked day by day against an independent
/// reference: Fixtures/lunar/month-starts.tsv, written by Fixtures/lunar/generate.py from
/// PyEphem's own ephemeris (VSOP87/ELP2000 in libastro) with the Vietnamese rules applied
/// in Python. Nothing in the fixture comes from dondoc's Swift.
@Suite("Lunar calendar")
struct LunarCalendarTests {
    static let first = CivilDate(year: 1900, month: 1, day: 1)!
    static let last = CivilDate(year: 2100, month: 12, day: 31)!

    /// Months where dondoc may legitimately disagree with the reference: the new moon falls
    /// within ±10 minutes of midnight at UTC+7, where the two ephemerides' few tens of seconds
    /// of difference (chiefly ΔT) can put the month's first day on either side. Keyed by the
    /// reference's first day of the month; the value is the reference's new moon, the reason.
    /// Every entry must be such a month (checked), and every other day must agree.
    static let midnightExceptions: [String: String] = [
        // PyEphem: new moon 1967-07-07T17:00:03Z, 3 s after midnight at UTC+7, so month 6 of
        // 1967 begins on 8 July. dondoc's Meeus series gives 16:59:58Z, and JPL DE421 (via
        // Skyfield, with measured ΔT) 16:59:59Z: month 6 begins on 7 July, month 5 has 29 days.
        "1967-07-08": "new moon 1967-07-07T17:00:03Z (PyEphem), 0.05 min after local midnight",
    ]

    // MARK: - Day by day against the reference

    @Test("every day 1900–2100 matches the PyEphem reference")
    func everyDayMatchesReference() throws {
        let months = try ReferenceMonth.load()
        var differing: [String: Int] = [:] // reference month start -> days differing
        var checked = 0
        for (i, month) in months.enumerated() {
            let end = i + 1 < months.count ? months[i + 1].start.julianDay : Self.last.julianDay + 1
            let days = max(month.start.julianDay, Self.first.julianDay)..<max(month.start.julianDay, min(end, Self.last.julianDay + 1))
            for jdn in days {
                let expected = LunarDate(
                    day: jdn - month.start.julianDay + 1, month: month.month, year: month.year, isLeap: month.isLeap
                )
                let actual = LunarCalendar.lunarDate(for: CivilDate(julianDay: jdn))
                checked += 1
                if actual != expected {
                    // Charge the day to the reference month whose start is nearest dondoc's start
                    // of the month holding the day: a month beginning a day early or late
                    // renumbers its own days and its predecessor's last (or next-to-last) one.
                    let computedStart = jdn - actual.day + 1
                    let next = i + 1 < months.count ? months[i + 1] : month
                    let owner = abs(computedStart - month.start.julianDay) <= abs(computedStart - next.start.julianDay)
                        ? month : next
                    differing["\(owner.start)", default: 0] += 1
                }
            }
        }
        #expect(checked == Self.first.days(to: Self.last) + 1)
        for (start, count) in differing.sorted(by: { $0.key < $1.key }) {
            #expect(Self.midnightExceptions[start] != nil,
                    "\(count) day(s) differ around the month starting \(start) (reference)")
            // A month start off by one day renumbers at most that month and one day before it.
            #expect(count <= 31, "\(start): \(count) days differ")
        }
        // The exceptions are only for new moons at local midnight, and are still needed.
        let byStart = Dictionary(uniqueKeysWithValues: months.map { ("\($0.start)", $0) })
        for (start, reason) in Self.midnightExceptions {
            let month = try #require(byStart[start])
            #expect(abs(month.minutesFromLocalMidnight) <= 10, "\(start): \(reason)")
            #expect(differing[start] != nil, "exception \(start) no longer needed")
        }
    }

    @Test("new moon instants agree with PyEphem to within a minute")
    func newMoonInstants() throws {
        var worst = 0.0
        for month in try ReferenceMonth.load() {
            let k = Astronomy.nearestLunation(julianDay: month.newMoon)
            let minutes = (Astronomy.newMoon(lunation: k) - month.newMoon) * 1440
            worst = max(worst, abs(minutes))
        }
        #expect(worst < 1, "worst difference \(worst) min")
    }

    @Test("leap months and month lengths agree with the reference")
    func leapMonthsAndLengths() throws {
        let months = try ReferenceMonth.load()
        for (i, month) in months.enumerated().dropLast() where (1900...2100).contains(month.year) {
            let ends = ["\(month.start)", "\(months[i + 1].start)"]
            if ends.contains(where: { Self.midnightExceptions[$0] != nil }) { continue }
            let length = month.start.days(to: months[i + 1].start)
            #expect(LunarCalendar.monthLength(month: month.month, isLeap: month.isLeap, year: month.year) == length,
                    "\(month.year)/\(month.month)\(month.isLeap ? "n" : "")")
        }
        for year in 1900...2100 {
            let leap = months.first { $0.year == year && $0.isLeap }?.month
            #expect(LunarCalendar.leapMonth(ofLunarYear: year) == leap, "\(year)")
        }
    }

    // MARK: - Round trip

    @Test("civilDate(for: lunarDate(for: d)) == d for every day 1900–2100")
    func roundTrip() {
        var failures = 0
        for jdn in Self.first.julianDay...Self.last.julianDay {
            let date = CivilDate(julianDay: jdn)
            if LunarCalendar.civilDate(for: LunarCalendar.lunarDate(for: date)) != date { failures += 1 }
        }
        #expect(failures == 0)
    }

    @Test("lunar dates that do not exist give nil")
    func nonexistentLunarDates() {
        // 2025 has a leap month 6 only; month 6 of 2025 has 29 days (2025-06-25 … 2025-07-24).
        #expect(LunarCalendar.civilDate(for: LunarDate(day: 1, month: 5, year: 2025, isLeap: true)) == nil)
        #expect(LunarCalendar.civilDate(for: LunarDate(day: 1, month: 6, year: 2025, isLeap: true))
            == CivilDate(year: 2025, month: 7, day: 25))
        #expect(LunarCalendar.monthLength(month: 6, isLeap: false, year: 2025) == 30)
        #expect(LunarCalendar.civilDate(for: LunarDate(day: 30, month: 6, year: 2025)) == CivilDate(year: 2025, month: 7, day: 24))
        #expect(LunarCalendar.monthLength(month: 6, isLeap: true, year: 2025) == 29)
        #expect(LunarCalendar.civilDate(for: LunarDate(day: 30, month: 6, year: 2025, isLeap: true)) == nil)
        #expect(LunarCalendar.civilDate(for: LunarDate(day: 1, month: 13, year: 2025)) == nil)
        #expect(LunarCalendar.civilDate(for: LunarDate(day: 0, month: 1, year: 2025)) == nil)
        #expect(LunarCalendar.civilDate(for: LunarDate(day: 31, month: 1, year: 2025)) == nil)
        #expect(LunarCalendar.monthLength(month: 5, isLeap: true, year: 2025) == nil)
        #expect(LunarCalendar.leapMonth(ofLunarYear: 2026) == nil)
    }

    // MARK: - Known dates

    /// Each expected value was checked against generate.py's output (PyEphem, UTC+7) before
    /// being written here; the first column of the comment names the published source.
    @Test("Tết", arguments: [
        (2024, "2024-02-10"), // RULES.md; month-starts.tsv 2024-02-10 (new moon 2024-02-09T22:59Z)
        (2025, "2025-01-29"), // RULES.md; month-starts.tsv (new moon 2025-01-29T12:35Z)
        (2026, "2026-02-17"), // RULES.md; month-starts.tsv (new moon 2026-02-17T12:01Z)
        (2027, "2027-02-06"), // RULES.md; month-starts.tsv
        (2028, "2028-01-26"), // RULES.md; month-starts.tsv
        (2029, "2029-02-13"), // RULES.md; month-starts.tsv
        (2030, "2030-02-02"), // RULES.md, DESIGN §2.6; month-starts.tsv (new moon 2030-02-02T16:07Z =
                              // 23:07 at UTC+7, 00:07 on the 3rd at UTC+8: China has 2030-02-03)
        (1968, "1968-01-29"), // RULES.md (Vietnam-China difference); month-starts.tsv (new moon
                              // 1968-01-29T16:29Z); generate.py at UTC+8 gives China's 1968-01-30
        (1969, "1969-02-16"), // RULES.md; month-starts.tsv; UTC+8 gives 1969-02-17
        (1985, "1985-01-21"), // RULES.md (a whole month apart); month-starts.tsv; generate.py at
                              // UTC+8 gives China's 1985-02-20 (its leap month falls elsewhere)
        (2007, "2007-02-17"), // RULES.md; month-starts.tsv (new moon 2007-02-17T16:14Z); UTC+8: 2007-02-18
        (2053, "2053-02-18"), // RULES.md; month-starts.tsv; UTC+8 gives 2053-02-19
        (1900, "1900-01-31"), // month-starts.tsv; Tết Canh Tý
    ])
    func tet(year: Int, iso: String) {
        let expected = CivilDate(iso: iso)!
        #expect(LunarCalendar.newYear(year) == expected)
        #expect(LunarCalendar.lunarDate(for: expected) == LunarDate(day: 1, month: 1, year: year))
        #expect(LunarCalendar.lunarDate(for: expected.adding(days: -1)).year == year - 1)
    }

    @Test("leap months")
    func leapMonths() {
        // RULES.md; month-starts.tsv: leap 6 of 2025 starts 2025-07-25, leap 5 of 2028 starts 2028-06-23.
        #expect(LunarCalendar.leapMonth(ofLunarYear: 2025) == 6)
        #expect(LunarCalendar.leapMonth(ofLunarYear: 2028) == 5)
        #expect(LunarCalendar.lunarDate(for: CivilDate(year: 2025, month: 7, day: 25)!)
            == LunarDate(day: 1, month: 6, year: 2025, isLeap: true))
        #expect(LunarCalendar.lunarDate(for: CivilDate(year: 2028, month: 6, day: 23)!)
            == LunarDate(day: 1, month: 5, year: 2028, isLeap: true))
        // month-starts.tsv: 1900 had a leap 8 (from 1900-09-24); 2033 a leap 11 (from 2033-12-22),
        // which belongs to lunar year 2033.
        #expect(LunarCalendar.leapMonth(ofLunarYear: 1900) == 8)
        #expect(LunarCalendar.leapMonth(ofLunarYear: 2033) == 11)
        #expect(LunarCalendar.lunarDate(for: CivilDate(year: 2033, month: 12, day: 22)!)
            == LunarDate(day: 1, month: 11, year: 2033, isLeap: true))
    }

    @Test("Giỗ Tổ Hùng Vương, 10/3 lunar", arguments: [
        (2025, "2025-04-07"), // RULES.md; month-starts.tsv: month 3 of 2025 starts 2025-03-29
        (2026, "2026-04-26"), // RULES.md; month-starts.tsv: month 3 of 2026 starts 2026-04-17
    ])
    func gioTo(year: Int, iso: String) {
        let lunar = LunarDate(day: 10, month: 3, year: year)
        #expect(LunarCalendar.civilDate(for: lunar) == CivilDate(iso: iso))
        #expect(LunarCalendar.lunarDate(for: CivilDate(iso: iso)!) == lunar)
    }

    @Test("can chi year names")
    func yearNames() {
        #expect(LunarCalendar.yearName(2026) == "Bính Ngọ")
        #expect(LunarCalendar.yearName(2025) == "Ất Tỵ")
        #expect(LunarCalendar.yearName(2024) == "Giáp Thìn")
        #expect(LunarCalendar.yearName(1984) == "Giáp Tý")
        #expect(LunarCalendar.yearName(1900) == "Canh Tý")
        #expect(LunarCalendar.yearName(2023) == "Quý Mão")
    }

    // MARK: - Outside the table, and speed

    @Test("dates outside the table are computed on demand, consistently")
    func outsideTable() {
        // A table built for a few years around 2025 agrees with the main table.
        let local = MonthTable(cycles: 2023...2027)
        for jdn in CivilDate(year: 2024, month: 1, day: 1)!.julianDay...CivilDate(year: 2026, month: 12, day: 31)!.julianDay {
            #expect(local.lunarDate(julianDay: jdn) == LunarCalendar.table.lunarDate(julianDay: jdn))
        }
        // 1850 and 2150 are outside the table; round trips still hold.
        for year in [1850, 2150] {
            let tet = LunarCalendar.newYear(year)
            #expect(tet.year == year && (tet.month == 1 || tet.month == 2))
            for offset in stride(from: 0, to: 400, by: 7) {
                let date = tet.adding(days: offset)
                #expect(LunarCalendar.civilDate(for: LunarCalendar.lunarDate(for: date)) == date)
            }
        }
        #expect(LunarCalendar.tabulatedYears == 1898...2100)
    }

    @Test("the table spans every year it is built for")
    func tableSpan() {
        let table = MonthTable(cycles: 1897...2101)
        #expect(table.labels.count > 2500)
    }
}

/// One line of month-starts.tsv.
private struct ReferenceMonth: Sendable {
    let start: CivilDate
    let year: Int
    let month: Int
    let isLeap: Bool
    /// The new moon, Julian Day (UT).
    let newMoon: Double

    /// Signed minutes from the new moon to the nearest midnight at UTC+7.
    var minutesFromLocalMidnight: Double {
        let local = newMoon + 0.5 + Double(LunarCalendar.utcOffsetHours) / 24
        let fraction = local - local.rounded(.down)
        return (fraction < 0.5 ? fraction : fraction - 1) * 1440
    }

    static func load() throws -> [ReferenceMonth] {
        let url = try #require(
            Bundle.module.url(forResource: "month-starts", withExtension: "tsv", subdirectory: "Fixtures/lunar")
                ?? Bundle.module.resourceURL?.appendingPathComponent("Fixtures/lunar/month-starts.tsv")
        )
        let text = try String(contentsOf: url, encoding: .utf8)
        var months: [ReferenceMonth] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t")
            try #require(f.count == 5, "bad line: \(line)")
            let time = f[4].dropFirst(11).prefix(8).split(separator: ":").compactMap { Double($0) }
            try #require(time.count == 3)
            let day = try #require(CivilDate(iso: f[4].prefix(10)))
            months.append(ReferenceMonth(
                start: try #require(CivilDate(iso: f[0])),
                year: try #require(Int(f[1])),
                month: try #require(Int(f[2])),
                isLeap: f[3] == "1",
                newMoon: Double(day.julianDay) - 0.5 + (time[0] * 3600 + time[1] * 60 + time[2]) / 86400
            ))
        }
        try #require(months.count > 2400)
        return months
    }
}
