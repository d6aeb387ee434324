import Testing
@testable import DondocCore

struct CivilDateTests {
    @Test func julianDayRoundTripsAcrossTheRange() {
        let start = CivilDate(year: 1899, month: 12, day: 31)!.julianDay
        let end = CivilDate(year: 2101, month: 1, day: 1)!.julianDay
        var previous = CivilDate(julianDay: start - 1)
        for jdn in start...end {
            let date = CivilDate(julianDay: jdn)
            #expect(date.julianDay == jdn)
            #expect(previous < date)
            previous = date
        }
    }

    @Test(arguments: [
        ("2000-01-01", Weekday.saturday), ("2026-11-22", .sunday), ("2021-11-26", .friday),
        ("2026-02-17", .tuesday), ("1975-04-30", .wednesday),
    ])
    func weekday(_ iso: String, _ expected: Weekday) {
        #expect(CivilDate(iso: iso)!.weekday == expected)
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-01-01", "2026-1-1", "2026-01-01x", ""])
    func impossibleOrMalformedDatesDoNotParse(_ text: String) {
        #expect(CivilDate(iso: text) == nil)
    }

    // Civil Code 2015 Art. 148(3): a month period ends on the same day of the month, or on
    // the month's last day when that day does not exist.
    @Test(arguments: [
        ("2026-01-31", 1, "2026-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2026-03-31", 1, "2026-04-30"),
        ("2026-08-31", -6, "2026-02-28"), ("2026-12-15", 1, "2027-01-15"), ("2026-01-15", -1, "2025-12-15"),
        ("2024-02-29", 12, "2025-02-28"),
    ])
    func addingMonthsClampsToTheMonthsEnd(_ from: String, _ months: Int, _ expected: String) {
        #expect(CivilDate(iso: from)!.adding(months: months).description == expected)
    }

    @Test func localDateTimeNormalisesMinutes() {
        let t = LocalDateTime(date: CivilDate(iso: "2026-12-31")!, minuteOfDay: 1440 + 8 * 60)
        #expect(t.description == "2027-01-01T08:00:00")
        #expect(t.iso8601(offsetMinutes: 420) == "2027-01-01T08:00:00+07:00")
        #expect(LocalDateTime(minutesSinceEpoch: t.minutesSinceEpoch) == t)
    }

    @Test(arguments: [
        (Int64(1_796_781_605), "2026-12-09T09:00:05+07:00"),
        (Int64(1_798_736_399), "2026-12-31T23:59:59+07:00"),
        (Int64(-1), "1970-01-01T06:59:59+07:00"),
    ])
    func instantsInCivilTimeToTheSecond(_ epochSeconds: Int64, _ expected: String) {
        #expect(LocalDateTime.iso8601(epochSeconds: epochSeconds) == expected)
    }
}
