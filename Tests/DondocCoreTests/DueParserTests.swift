import Testing
@testable import DondocCore

struct DueParserTests {
    @Test(arguments: [
        ("2021-12-31", DueExpression.on(d("2021-12-31"))),
        ("by 2021-12-31", .on(d("2021-12-31"))),
        ("before 2021-12-15", .before(d("2021-12-15"))),
        ("in 2021-12", .within(.month(2021, 12))),
        ("in 2026-Q1", .within(.quarter(2026, 1))),
        ("in 2026-h2", .within(.half(2026, 2))),
        ("in 2026", .within(.year(2026))),
        ("30 days after issued", .after(30, .days, .issued)),
        ("1 working day after issued", .after(1, .workingDays, .issued)),
        ("2 weeks after step ke-hoach", .after(2, .weeks, .step("ke-hoach"))),
        ("3 months after step ke-hoach done", .after(3, .months, .stepDone("ke-hoach"))),
        ("1 year after issued", .after(1, .years, .issued)),
        ("yearly before 12-15", .yearly(.before(month: 12, day: 15))),
        ("yearly by 06-30", .yearly(.by(month: 6, day: 30))),
        ("yearly in 9", .yearly(.within(month: 9))),
        ("yearly on 12-20", .report(.yearly, month: 12, day: 20)),
        ("monthly on 20", .report(.monthly, month: nil, day: 20)),
        ("quarterly", .report(.quarterly, month: nil, day: 25)),
        ("half-yearly on 15", .report(.halfYearly, month: nil, day: 15)),
        ("periodic", .periodic),
        ("  By   2021-12-31  ", .on(d("2021-12-31"))),
    ])
    func english(_ text: String, _ expected: DueExpression) throws {
        #expect(try DueParser.parse(text).get() == expected)
    }

    // The phrasings of the source documents (RULES.md) and their neighbours.
    @Test(arguments: [
        ("trong tháng 12/2021", DueExpression.within(.month(2021, 12))),
        ("trước ngày 15/12 hằng năm", .yearly(.before(month: 12, day: 15))),
        ("trước ngày 15 tháng 12 hàng năm", .yearly(.before(month: 12, day: 15))),
        ("10 ngày làm việc sau ngày ban hành", .after(10, .workingDays, .issued)),
        ("30 ngày kể từ ngày ký ban hành", .after(30, .days, .issued)),
        ("trong vòng 15 ngày kể từ ngày ban hành", .after(15, .days, .issued)),
        ("trước ngày 15/12/2021", .before(d("2021-12-15"))),
        ("ngày 31/12/2021", .on(d("2021-12-31"))),
        ("chậm nhất ngày 20/6 hằng năm", .yearly(.by(month: 6, day: 20))),
        ("trong quý I/2026", .within(.quarter(2026, 1))),
        ("trong năm 2026", .within(.year(2026))),
        ("trong 6 tháng đầu năm 2026", .within(.half(2026, 1))),
        ("trong tháng 9 hằng năm", .yearly(.within(month: 9))),
        ("định kỳ", .periodic),
        ("định kỳ hằng quý vào ngày 20", .report(.quarterly, month: nil, day: 20)),
        ("định kỳ hằng tháng", .report(.monthly, month: nil, day: 25)),
        ("định kỳ 6 tháng", .report(.halfYearly, month: nil, day: 25)),
        ("5 ngày làm việc sau khi hoàn thành bước ke-hoach", .after(5, .workingDays, .stepDone("ke-hoach"))),
    ])
    func vietnamese(_ text: String, _ expected: DueExpression) throws {
        #expect(try DueParser.parse(text).get() == expected)
    }

    @Test(arguments: [
        ("", 0, "expected a due expression"),
        ("30 dayz after issued", 3, "expected 'days', 'working days', 'weeks', 'months' or 'years', found 'dayz'"),
        ("30 days after", 13, "expected 'issued' or 'step ID' at the end"),
        ("30 days before issued", 8, "expected 'after', found 'before'"),
        ("before 2021-02-30", 7, "'2021-02-30' is not a date of the calendar"),
        ("by tomorrow", 3, "expected a date YYYY-MM-DD, found 'tomorrow'"),
        ("in 2026-Q5", 3, "expected a period: YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY, found '2026-Q5'"),
        ("yearly before 13-01", 14, "'13-01' is not a day of the year"),
        ("yearly before 02-30", 14, "'02-30' is not a day of the year"),
        ("monthly on 32", 11, "a day of the month (1-31) must be from 1 to 31, found 32"),
        ("2021-12-31 sharp", 11, "unexpected 'sharp' after a complete expression"),
        ("0 days after issued", 0, "a number must be from 1 to 10000, found 0"),
        ("trong tháng 13/2021", 12, "expected a month MM/YYYY"),
        ("tomorrow", 0, "expected a due expression"),
    ])
    func errorsSayWhatWasExpectedAndWhere(_ text: String, _ offset: Int, _ message: String) {
        guard case .failure(let error) = DueParser.parse(text) else {
            Issue.record("'\(text)' parsed")
            return
        }
        #expect(error.offset == offset)
        #expect(error.message.hasPrefix(message), "\(error.message)")
    }

    @Test(arguments: ["by 2021-12-31", "before 2021-12-15", "in 2026-Q1", "30 days after issued", "1 working day after step a",
                      "2 months after step a done", "yearly before 12-15", "yearly in 09", "yearly on 01-15",
                      "quarterly on 20", "half-yearly on 25", "monthly on 5", "periodic"])
    func canonicalSpellingParsesBack(_ text: String) throws {
        let parsed = try DueParser.parse(text).get()
        #expect(try DueParser.parse(parsed.description).get() == parsed)
    }
}
