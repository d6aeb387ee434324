import Testing
@testable import DondocCore

/// Hand-worked deadlines on the 2026 calendar, each with its legal basis.
struct DeadlineTests {
    let calculator = DeadlineCalculator(calendar: WorkCalendar(files: [calendar2026File]))

    func oneOff(_ text: String, issued: String, policy: RestDayPolicy = .extend) throws -> Deadline {
        let expression = try DueParser.parse(text).get()
        let nominal = try #require(calculator.nominal(of: expression, anchor: d(issued)))
        return calculator.deadline(nominal: nominal, policy: policy)
    }

    // (expression, issued, policy, nominal, due_date, target_date, basis)
    @Test(arguments: [
        ("30 days after issued", "2021-11-26", RestDayPolicy.extend, "2021-12-26", "2021-12-27", "2021-12-24",
         "Art. 147: day 1 is 27/11; day 30 is Sunday 26/12; Art. 148(5): next working day"),
        ("30 days after issued", "2021-11-26", .previous, "2021-12-26", "2021-12-24", "2021-12-24", "previous working day"),
        ("30 days after issued", "2021-11-26", .keep, "2021-12-26", "2021-12-26", "2021-12-24", "kept on the Sunday"),
        ("before 2021-12-15", "2021-11-26", .extend, "2021-12-14", "2021-12-14", "2021-12-14", "strictly before: 14/12"),
        ("by 2026-02-17", "2026-01-01", .extend, "2026-02-17", "2026-02-23", "2026-02-13", "Tết week: next working day Mon 23/2"),
        ("in 2021-12", "2021-12-07", .extend, "2021-12-31", "2021-12-31", "2021-12-31", "9465/UBND-KSTTHC: trong tháng 12/2021"),
        ("in 2026-Q1", "2026-01-05", .extend, "2026-03-31", "2026-03-31", "2026-03-31", "window's last day"),
        ("in 2026-H1", "2026-01-05", .extend, "2026-06-30", "2026-06-30", "2026-06-30", "window's last day"),
        ("in 2026", "2026-01-05", .extend, "2026-12-31", "2026-12-31", "2026-12-31", "Art. 146: cuối năm is 31/12"),
        ("1 month after issued", "2026-01-31", .extend, "2026-02-28", "2026-03-02", "2026-02-27",
         "Art. 148(3): no 31/2, so the month's last day, a Saturday"),
        ("2 weeks after issued", "2026-08-17", .extend, "2026-08-31", "2026-09-03", "2026-08-28",
         "Art. 148(2): same weekday; 31/8 swap-off, 1–2/9 Quốc khánh"),
        ("1 year after issued", "2024-02-29", .extend, "2025-02-28", "2025-02-28", "2025-02-28", "Art. 148(4), no 29/2 in 2025"),
        ("10 working days after issued", "2026-02-10", .extend, "2026-03-03", "2026-03-03", "2026-03-03", "working days skip Tết"),
        ("1 working day after issued", "2026-01-09", .extend, "2026-01-10", "2026-01-10", "2026-01-10", "Saturday 10/1 is worked"),
        ("3 days after issued", "2026-04-24", .extend, "2026-04-27", "2026-04-28", "2026-04-24", "nghỉ bù Giỗ Tổ on Monday 27/4"),
    ])
    func oneOffDeadlines(_ text: String, _ issued: String, _ policy: RestDayPolicy, _ nominal: String, _ due: String,
                         _ target: String, _ basis: String) throws {
        let deadline = try oneOff(text, issued: issued, policy: policy)
        #expect(deadline.nominal == d(nominal), "\(basis)")
        #expect(deadline.dueDate == d(due), "\(basis)")
        #expect(deadline.targetDate == d(target), "\(basis)")
        #expect(deadline.dueAt == LocalDateTime(date: d(due).adding(days: 1)), "Art. 148(6): a day ends at 24:00")
    }

    // (expression, period, window start, window end, nominal, due_date)
    @Test(arguments: [
        ("yearly before 12-15", Period.year(2021), "2021-01-01", "2021-12-31", "2021-12-14", "2021-12-14"),
        ("yearly by 12-15", .year(2027), "2027-01-01", "2027-12-31", "2027-12-15", "2027-12-15"),
        ("yearly in 06", .year(2026), "2026-01-01", "2026-12-31", "2026-06-30", "2026-06-30"),
        // Decree 09/2019 Art. 12: data windows; Art. 13(1): the 25th by default.
        ("monthly on 20", .month(2026, 3), "2026-02-15", "2026-03-14", "2026-03-20", "2026-03-20"),
        ("monthly", .month(2026, 1), "2025-12-15", "2026-01-14", "2026-01-25", "2026-01-26"),
        ("monthly on 31", .month(2026, 2), "2026-01-15", "2026-02-14", "2026-02-28", "2026-03-02"),
        ("quarterly on 20", .quarter(2026, 1), "2025-12-15", "2026-03-14", "2026-03-20", "2026-03-20"),
        ("quarterly", .quarter(2026, 3), "2026-06-15", "2026-09-14", "2026-09-25", "2026-09-25"),
        ("half-yearly on 20", .half(2026, 1), "2025-12-15", "2026-06-14", "2026-06-20", "2026-06-22"),
        ("half-yearly on 20", .half(2026, 2), "2026-06-15", "2026-12-14", "2026-12-20", "2026-12-21"),
        ("yearly on 12-20", .year(2026), "2025-12-15", "2026-12-14", "2026-12-20", "2026-12-21"),
        ("yearly on 01-15", .year(2026), "2025-12-15", "2026-12-14", "2027-01-15", "2027-01-15"),
    ])
    func recurringOccurrences(_ text: String, _ period: Period, _ windowStart: String, _ windowEnd: String,
                              _ nominal: String, _ due: String) throws {
        let expression = try DueParser.parse(text).get()
        let occurrence = try #require(calculator.occurrence(of: expression, period: period, policy: .extend))
        #expect(occurrence.window == d(windowStart)...d(windowEnd))
        #expect(occurrence.deadline.nominal == d(nominal))
        #expect(occurrence.deadline.dueDate == d(due))
    }

    @Test func occurrencesRespectFromUntilAndIssued() throws {
        let yearly = try DueParser.parse("yearly before 12-15").get()
        let fromIssue = calculator.occurrences(of: yearly, policy: .extend, issued: d("2021-11-26"), from: nil, until: nil,
                                               startingAt: d("2020-01-01")).prefix(3).map(\.period)
        #expect(fromIssue == [.year(2021), .year(2022), .year(2023)])
        let lateIssue = calculator.occurrences(of: yearly, policy: .extend, issued: d("2021-12-20"), from: nil, until: nil,
                                               startingAt: d("2020-01-01")).prefix(1).map(\.period)
        #expect(lateIssue == [.year(2022)])
        let bounded = calculator.occurrences(of: yearly, policy: .extend, issued: d("2016-08-15"),
                                             from: PeriodBound(year: 2017), until: PeriodBound(year: 2019),
                                             startingAt: d("2000-01-01")).map(\.period)
        #expect(bounded == [.year(2017), .year(2018), .year(2019)])
        let quarterly = try DueParser.parse("quarterly on 20").get()
        let fromMidYear = calculator.occurrences(of: quarterly, policy: .extend, issued: nil, from: nil, until: nil,
                                                 startingAt: d("2026-11-22")).prefix(2).map(\.period)
        #expect(fromMidYear == [.quarter(2026, 4), .quarter(2027, 1)])
    }
}
