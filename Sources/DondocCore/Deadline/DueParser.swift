/// Parses the `due:` language of DESIGN §2.1, in English and in the Vietnamese phrasings
/// directives use. Errors say what was expected and where.
public enum DueParser {
    static let expectedExpression =
        "a due expression (a date, 'by DATE', 'before DATE', 'in PERIOD', 'N days after issued', 'yearly before MM-DD', 'monthly on D', …)"

    /// The largest count an `after` form accepts: beyond it a typo is likelier than a plan.
    static let maxCount = 10_000

    public static func parse(_ text: String) -> Result<DueExpression, ExpressionError> {
        var stream = TokenStream(text)
        do throws(ExpressionError) {
            let expression = try parseExpression(&stream)
            try stream.expectEnd()
            return .success(expression)
        } catch {
            return .failure(error)
        }
    }

    static func parseExpression(_ s: inout TokenStream) throws(ExpressionError) -> DueExpression {
        guard let first = s.peek else { throw s.error(expectedExpression) }
        if let date = CivilDate(iso: first.text) {
            _ = s.next()
            return .on(date)
        }
        switch first.lower {
        case "by":
            _ = s.next()
            return .on(try isoDate(&s))
        case "before":
            _ = s.next()
            return .before(try isoDate(&s))
        case "in":
            _ = s.next()
            return .within(try period(&s))
        case "yearly":
            _ = s.next()
            return try yearly(&s)
        case "monthly", "quarterly", "half-yearly":
            _ = s.next()
            let cadence = DueExpression.Cadence(rawValue: first.lower)!
            let day = s.accept("on") ? try s.number("a day of the month (1-31)", in: 1...31) : defaultReportDay
            return .report(cadence, month: nil, day: day)
        case "periodic":
            _ = s.next()
            return .periodic
        default:
            break
        }
        if first.text.allSatisfy(\.isASCIIDigit), !["ngày", "tuần", "tháng", "năm"].contains(s.peek(1)?.lower ?? "") {
            return try after(&s)
        }
        if let vietnamese = try VietnameseDueParser.parse(&s) { return vietnamese }
        throw s.error(expectedExpression)
    }

    /// Decree 09/2019/NĐ-CP Art. 13(1): reports to the Government by the 25th.
    static let defaultReportDay = 25

    static func isoDate(_ s: inout TokenStream) throws(ExpressionError) -> CivilDate {
        guard let token = s.peek else { throw s.error("a date YYYY-MM-DD") }
        guard let date = CivilDate(iso: token.text) else {
            if looksLikeISODate(token.text) {
                throw ExpressionError(offset: token.offset, message: "'\(token.text)' is not a date of the calendar")
            }
            throw s.error("a date YYYY-MM-DD")
        }
        _ = s.next()
        return date
    }

    static func looksLikeISODate(_ text: Substring) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }

    static func period(_ s: inout TokenStream) throws(ExpressionError) -> Period {
        guard let token = s.peek, let period = Period(label: token.text.uppercased()) else {
            throw s.error("a period: YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY")
        }
        _ = s.next()
        return period
    }

    static func after(_ s: inout TokenStream) throws(ExpressionError) -> DueExpression {
        let n = try s.number("a number", in: 1...maxCount)
        let unit: DueExpression.DurationUnit
        switch s.peek?.lower {
        case "day", "days": unit = .days
        case "working":
            _ = s.next()
            guard s.peek?.lower == "day" || s.peek?.lower == "days" else { throw s.error("'days' after 'working'") }
            unit = .workingDays
        case "week", "weeks": unit = .weeks
        case "month", "months": unit = .months
        case "year", "years": unit = .years
        default: throw s.error("'days', 'working days', 'weeks', 'months' or 'years'")
        }
        _ = s.next()
        try s.expect("after")
        return .after(n, unit, try anchor(&s))
    }

    static func anchor(_ s: inout TokenStream) throws(ExpressionError) -> DueExpression.Anchor {
        if s.accept("issued") { return .issued }
        guard s.accept("step") else { throw s.error("'issued' or 'step ID'") }
        guard let id = s.next() else { throw s.error("a step id") }
        return s.accept("done") ? .stepDone(String(id.text)) : .step(String(id.text))
    }

    static func yearly(_ s: inout TokenStream) throws(ExpressionError) -> DueExpression {
        let word = s.peek?.lower
        switch word {
        case "before", "by", "on":
            _ = s.next()
            let (month, day) = try monthDay(&s)
            if word == "before" { return .yearly(.before(month: month, day: day)) }
            if word == "by" { return .yearly(.by(month: month, day: day)) }
            return .report(.yearly, month: month, day: day)
        case "in":
            _ = s.next()
            return .yearly(.within(month: try s.number("a month (1-12)", in: 1...12)))
        case nil:
            return .report(.yearly, month: 12, day: defaultReportDay)
        default:
            throw s.error("'before MM-DD', 'by MM-DD', 'in MM' or 'on MM-DD' after 'yearly'")
        }
    }

    static func monthDay(_ s: inout TokenStream) throws(ExpressionError) -> (Int, Int) {
        guard let token = s.peek else { throw s.error("a day of the year MM-DD") }
        let parts = token.text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }),
              let month = Int(parts[0]), let day = Int(parts[1])
        else { throw s.error("a day of the year MM-DD") }
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(year: 2000, month: month) else {
            throw ExpressionError(offset: token.offset, message: "'\(token.text)' is not a day of the year")
        }
        _ = s.next()
        return (month, day)
    }
}
