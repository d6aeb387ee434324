import Testing
@testable import DondocCore

/// The 2026 notices (RULES.md): 12729/VPCP-KGVX for New Year, 9441/TB-BNV for Tết and National Day.
let calendar2026File = CalendarYearFile(year: 2026, status: .confirmed, entries: [
    DayEntry(date: d("2026-01-02"), kind: .swapOff, name: "Nghỉ Tết Dương lịch", source: "12729/VPCP-KGVX"),
    DayEntry(date: d("2026-01-10"), kind: .workingDay, name: "Làm bù", source: "12729/VPCP-KGVX"),
] + (16...20).map {
    DayEntry(date: CivilDate(year: 2026, month: 2, day: $0)!, kind: .holiday, name: "Tết Bính Ngọ", source: "9441/TB-BNV")
} + [
    DayEntry(date: d("2026-08-22"), kind: .workingDay, name: "Làm bù", source: "9441/TB-BNV"),
    DayEntry(date: d("2026-08-31"), kind: .swapOff, name: "Nghỉ Quốc khánh", source: "9441/TB-BNV"),
    DayEntry(date: d("2026-09-01"), kind: .holiday, name: "Quốc khánh", source: "9441/TB-BNV"),
])

func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

struct WorkCalendarTests {
    let computed = WorkCalendar()
    let with2026 = WorkCalendar(files: [calendar2026File])

    // Labour Code 2019 Art. 112(1) and Art. 111(3), computed with no file (provisional).
    @Test(arguments: [
        ("2026-01-01", false, "Tết Dương lịch, Art. 112(1)(a)"),
        ("2026-02-16", false, "30 tháng Chạp Ất Tỵ, Tết Art. 112(1)(b)"),
        ("2026-02-17", false, "mùng 1 Tết Bính Ngọ"),
        ("2026-02-20", false, "mùng 4 Tết"),
        ("2026-02-23", true, "first Monday after Tết"),
        ("2026-04-26", false, "Giỗ Tổ 10/3 Bính Ngọ, a Sunday"),
        ("2026-04-27", false, "nghỉ bù for Giỗ Tổ, Art. 111(3)"),
        ("2026-04-28", true, "an ordinary Tuesday"),
        ("2026-04-30", false, "Ngày Chiến thắng"),
        ("2026-05-01", false, "Quốc tế Lao động"),
        ("2026-09-01", false, "the day adjacent to 2/9 (2/9 is a Wednesday)"),
        ("2026-09-02", false, "Quốc khánh"),
        ("2026-09-03", true, "an ordinary Thursday"),
        ("2026-01-10", false, "a Saturday: only a notice makes it a working day"),
        ("2023-09-01", false, "2/9/2023 was a Saturday: Friday 1/9 adjacent"),
        ("2023-09-04", false, "nghỉ bù for Saturday 2/9/2023"),
        ("2024-09-03", false, "2/9/2024 was a Monday: Tuesday 3/9 adjacent"),
        ("2025-04-07", false, "Giỗ Tổ 2025"),
    ])
    func computedCalendar(_ iso: String, _ working: Bool, _ reason: String) {
        #expect(computed.isWorkingDay(d(iso)) == working, "\(iso): \(reason)")
    }

    // Before 2021 the Labour Code 2012 (Art. 115): Quốc khánh is 2/9 alone, no adjacent day.
    @Test(arguments: [
        ("2019-09-02", false, "Quốc khánh 2019, a Monday"),
        ("2019-09-03", true, "no adjacent day under the Labour Code 2012"),
        ("2020-09-01", true, "2/9/2020 was a Wednesday: Tuesday 1/9 worked"),
        ("2020-09-02", false, "Quốc khánh 2020"),
        ("2018-09-03", false, "nghỉ bù for Sunday 2/9/2018, Art. 115(3)"),
        ("2021-09-03", false, "from 2021 the Labour Code 2019: Friday 3/9 adjacent"),
    ])
    func labourCode2012BeforeTheYear2021(_ iso: String, _ working: Bool, _ reason: String) {
        #expect(computed.isWorkingDay(d(iso)) == working, "\(iso): \(reason)")
    }

    @Test func computedDaysCiteTheLabourCodeOfTheirYear() {
        let days2019 = computed.daysOff(year: 2019)
        #expect(days2019.filter { $0.date.month == 9 }.map(\.date) == [d("2019-09-02")])
        #expect(days2019.allSatisfy { $0.source?.hasPrefix("Bộ luật Lao động 2012") == true })
        #expect(computed.daysOff(year: 2021).allSatisfy { $0.source?.hasPrefix("Bộ luật Lao động 2019") == true })
    }

    // What the 2026 notices change (calendars/vn-2026.yaml).
    @Test(arguments: [
        ("2026-01-02", false, "swap-off, 12729/VPCP-KGVX"),
        ("2026-01-10", true, "a Saturday worked, 12729/VPCP-KGVX"),
        ("2026-02-16", false, "Tết from the notice"),
        ("2026-02-21", false, "a Saturday"),
        ("2026-04-27", false, "nghỉ bù Giỗ Tổ is still computed"),
        ("2026-08-22", true, "a Saturday worked, 9441/TB-BNV"),
        ("2026-08-31", false, "swap-off, 9441/TB-BNV"),
        ("2026-09-01", false, "Quốc khánh, from the notice"),
    ])
    func calendarWithNotice(_ iso: String, _ working: Bool, _ reason: String) {
        #expect(with2026.isWorkingDay(d(iso)) == working, "\(iso): \(reason)")
    }

    @Test func fileReplacesComputedTetButNotFixedHolidays() {
        // A file with no Tết entries: the computed Tết is not applied for that year.
        let bare = WorkCalendar(files: [CalendarYearFile(year: 2027, status: .provisional, entries: [])])
        #expect(bare.isWorkingDay(d("2027-02-08")))      // mùng 3 Tết Đinh Mùi, a Monday
        #expect(!bare.isWorkingDay(d("2027-01-01")))     // New Year stays computed
        #expect(!computed.isWorkingDay(d("2027-02-08")))
        #expect(bare.status(of: 2027) == .provisional)
        #expect(with2026.status(of: 2026) == .confirmed)
        #expect(computed.status(of: 2026) == .provisional)
    }

    @Test func notHolidayCancelsAComputedHolidayAndItsCompensation() {
        let cancel = CalendarYearFile(year: 2026, status: .confirmed, entries: [
            DayEntry(date: d("2026-04-26"), kind: .notHoliday, name: "", source: "test"),
        ])
        let calendar = WorkCalendar(files: [cancel])
        #expect(calendar.isWorkingDay(d("2026-04-27")))
        #expect(!calendar.daysOff(year: 2026).contains { $0.date == d("2026-04-26") })
    }

    @Test func aNewHolidayNeedsOnlyAFileEntry() {
        let file = CalendarYearFile(year: 2026, status: .confirmed, entries: calendar2026File.entries + [
            DayEntry(date: d("2026-11-24"), kind: .holiday, name: "Ngày Văn hóa Việt Nam", source: "test notice"),
        ])
        #expect(!WorkCalendar(files: [file]).isWorkingDay(d("2026-11-24")))
        #expect(with2026.isWorkingDay(d("2026-11-24")))
    }

    @Test func daysOffListEveryEntryWithItsSource() {
        let days = with2026.daysOff(year: 2026)
        #expect(days.map(\.date.description) == [
            "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
            "2026-04-26", "2026-04-27", "2026-04-30", "2026-05-01", "2026-08-31", "2026-09-01", "2026-09-02",
        ])
        #expect(days.allSatisfy { !($0.source ?? "").isEmpty && !$0.name.isEmpty })
    }

    /// A file's day without a source: a statutory one restated cites the Labour Code; another
    /// keeps no source, and still counts.
    @Test func aDayWithoutSourceCitesTheLabourCodeWhenItIsStatutory() {
        let calendar = WorkCalendar(files: [CalendarYearFile(year: 2027, status: .confirmed, entries: [
            DayEntry(date: d("2027-02-08"), kind: .holiday, name: "Tết", source: nil),
            DayEntry(date: d("2027-02-12"), kind: .swapOff, name: "Nghỉ thêm", source: nil),
            DayEntry(date: d("2027-05-03"), kind: .holiday, name: "Nghỉ", source: nil),
        ])])
        let sources = Dictionary(calendar.entries(year: 2027).map { ($0.date.description, $0.source) }, uniquingKeysWith: { a, _ in a })
        #expect(sources["2027-02-08"] == "Bộ luật Lao động 2019, Điều 112")
        #expect(sources["2027-02-12"] == .some(nil))
        #expect(sources["2027-05-03"] == .some(nil))  // nghỉ bù by law, given here as a holiday
        #expect(!calendar.isWorkingDay(d("2027-02-12")))
    }

    @Test func workingDayArithmetic() {
        // Counting from Tuesday 10/2/2026 skips the Tết week.
        #expect(with2026.adding(workingDays: 10, to: d("2026-02-10")) == d("2026-03-03"))
        #expect(with2026.adding(workingDays: -3, to: d("2026-02-23")) == d("2026-02-11"))
        #expect(with2026.nextWorkingDay(after: d("2026-01-09")) == d("2026-01-10"))
        #expect(with2026.previousWorkingDay(before: d("2026-09-03")) == d("2026-08-28"))
    }

    @Test func yearsOutsideTheTableAreStillAnswered() {
        let far = d("2150-01-01")
        #expect(!computed.isWorkingDay(far))
        #expect(computed.isWorkingDay(d("2150-01-02")))  // a Friday
    }
}
