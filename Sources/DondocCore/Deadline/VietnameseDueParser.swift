/// The Vietnamese phrasings of the `due:` forms, as directives write them:
/// `trong tháng 12/2021`, `trước ngày 15/12 hằng năm`, `10 ngày làm việc sau ngày ban hành`,
/// `định kỳ hằng quý vào ngày 20`.
enum VietnameseDueParser {
    /// `nil` when the expression does not start with a Vietnamese form at all.
    static func parse(_ s: inout TokenStream) throws(ExpressionError) -> DueExpression? {
        guard let first = s.peek else { return nil }
        switch first.lower {
        case "trước":
            _ = s.next()
            let date = try dayMonthYear(&s)
            if try everyYear(&s) { return .yearly(.before(month: date.month, day: date.day)) }
            return .before(try fullDate(date, at: first.offset, s))
        case "chậm":
            _ = s.next()
            try s.expect("nhất", "'nhất' after 'chậm'")
            _ = s.accept("là")
            let date = try dayMonthYear(&s)
            if try everyYear(&s) { return .yearly(.by(month: date.month, day: date.day)) }
            return .on(try fullDate(date, at: first.offset, s))
        case "ngày":
            _ = s.next()
            return .on(try fullDate(try dayMonthYear(&s, sawNgay: true), at: first.offset, s))
        case "trong":
            _ = s.next()
            return try within(&s)
        case "định":
            _ = s.next()
            try s.expect("kỳ", "'kỳ' after 'định'")
            return try cadence(&s) ?? .periodic
        case "hằng", "hàng":
            return try cadence(&s)
        default:
            if first.text.contains("/") {
                return .on(try fullDate(try dayMonthYear(&s, sawNgay: true), at: first.offset, s))
            }
            if first.text.allSatisfy(\.isASCIIDigit) { return try after(&s) }
            return nil
        }
    }

    struct DayMonthYear {
        var day: Int
        var month: Int
        var year: Int?
    }

    /// `15/12/2021`, `15/12`, `15 tháng 12 năm 2021`, `ngày 15/12`.
    static func dayMonthYear(_ s: inout TokenStream, sawNgay: Bool = false) throws(ExpressionError) -> DayMonthYear {
        if !sawNgay { _ = s.accept("ngày") }
        guard let token = s.peek else { throw s.error("a date DD/MM/YYYY") }
        let parts = token.text.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count >= 2, parts.count <= 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) {
            _ = s.next()
            let value = DayMonthYear(day: Int(parts[0])!, month: Int(parts[1])!, year: parts.count == 3 ? Int(parts[2])! : nil)
            try check(value, at: token.offset, text: token.text)
            return value
        }
        let day = try s.number("a date DD/MM/YYYY", in: 1...31)
        try s.expect("tháng", "'tháng' and a month")
        let monthToken = s.peek
        let month = try s.number("a month (1-12)", in: 1...12)
        var year: Int?
        if s.accept("năm") { year = try s.number("a year", in: 1900...2200) }
        let value = DayMonthYear(day: day, month: month, year: year)
        try check(value, at: monthToken?.offset ?? s.offsetHere, text: Substring("\(day)/\(month)"))
        return value
    }

    static func check(_ value: DayMonthYear, at offset: Int, text: Substring) throws(ExpressionError) {
        let valid = (1...12).contains(value.month) && value.day >= 1
            && value.day <= CivilDate.daysIn(year: value.year ?? 2000, month: value.month)
        if !valid { throw ExpressionError(offset: offset, message: "'\(text)' is not a date of the calendar") }
    }

    static func fullDate(_ value: DayMonthYear, at offset: Int, _ s: TokenStream) throws(ExpressionError) -> CivilDate {
        guard let year = value.year, let date = CivilDate(year: year, month: value.month, day: value.day) else {
            throw ExpressionError(offset: offset, message: "expected a year (DD/MM/YYYY), or 'hằng năm' for every year")
        }
        return date
    }

    /// `hằng năm` / `hàng năm`: every year.
    static func everyYear(_ s: inout TokenStream) throws(ExpressionError) -> Bool {
        s.accept(sequence: ["hằng", "năm"]) || s.accept(sequence: ["hàng", "năm"])
    }

    /// After `trong`: `tháng 12/2021`, `tháng 12 hằng năm`, `quý I/2026`, `năm 2026`,
    /// `6 tháng đầu năm 2026`, or `vòng|thời hạn N ngày kể từ …`.
    static func within(_ s: inout TokenStream) throws(ExpressionError) -> DueExpression {
        if s.accept("tháng") {
            guard let token = s.peek else { throw s.error("a month MM/YYYY") }
            let parts = token.text.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 2, let m = Int(parts[0]), let y = Int(parts[1]), (1...12).contains(m), parts[1].count == 4 {
                _ = s.next()
                return .within(.month(y, m))
            }
            let month = try s.number("a month MM/YYYY", in: 1...12)
            if try everyYear(&s) { return .yearly(.within(month: month)) }
            try s.expect("năm", "'/YYYY', 'năm YYYY' or 'hằng năm'")
            return .within(.month(try s.number("a year", in: 1900...2200), month))
        }
        if s.accept("quý") {
            guard let token = s.peek else { throw s.error("a quarter such as I/2026") }
            let parts = token.text.split(separator: "/", omittingEmptySubsequences: false)
            let quarters = ["i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4]
            if parts.count == 2, let q = quarters[parts[0].lowercased()], let y = Int(parts[1]), parts[1].count == 4 {
                _ = s.next()
                return .within(.quarter(y, q))
            }
            guard let q = quarters[token.lower] else { throw s.error("a quarter such as I/2026") }
            _ = s.next()
            try s.expect("năm", "'/YYYY' or 'năm YYYY'")
            return .within(.quarter(try s.number("a year", in: 1900...2200), q))
        }
        if s.accept("năm") { return .within(.year(try s.number("a year", in: 1900...2200))) }
        if s.accept(sequence: ["6", "tháng", "đầu", "năm"]) { return .within(.half(try s.number("a year", in: 1900...2200), 1)) }
        if s.accept(sequence: ["6", "tháng", "cuối", "năm"]) { return .within(.half(try s.number("a year", in: 1900...2200), 2)) }
        if s.accept("vòng") || s.accept(sequence: ["thời", "hạn"]) || s.peek?.text.allSatisfy(\.isASCIIDigit) == true {
            return try after(&s)
        }
        throw s.error("'tháng MM/YYYY', 'quý I/YYYY', 'năm YYYY' or 'N ngày kể từ …' after 'trong'")
    }

    /// `N ngày [làm việc] | tuần | tháng | năm` then `sau` or `kể từ`, then the anchor.
    static func after(_ s: inout TokenStream) throws(ExpressionError) -> DueExpression {
        let n = try s.number("a number", in: 1...DueParser.maxCount)
        let unit: DueExpression.DurationUnit
        if s.accept("ngày") {
            unit = s.accept(sequence: ["làm", "việc"]) ? .workingDays : .days
        } else if s.accept("tuần") {
            unit = .weeks
        } else if s.accept("tháng") {
            unit = .months
        } else if s.accept("năm") {
            unit = .years
        } else {
            throw s.error("'ngày', 'ngày làm việc', 'tuần', 'tháng' or 'năm'")
        }
        guard s.accept("sau") || s.accept(sequence: ["kể", "từ"]) else { throw s.error("'sau' or 'kể từ'") }
        _ = s.accept("khi")
        if s.accept(sequence: ["hoàn", "thành", "bước"]) || s.accept(sequence: ["ngày", "hoàn", "thành", "bước"]) {
            guard let id = s.next() else { throw s.error("a step id") }
            return .after(n, unit, .stepDone(String(id.text)))
        }
        if s.accept("bước") || s.accept(sequence: ["thời", "hạn", "bước"]) {
            guard let id = s.next() else { throw s.error("a step id") }
            return .after(n, unit, .step(String(id.text)))
        }
        if s.accept(sequence: ["ngày", "ban", "hành"]) || s.accept(sequence: ["ngày", "ký"]) || s.accept(sequence: ["ban", "hành"]) {
            // "ngày ký ban hành", "ngày ban hành chỉ thị": trailing words name the document.
            while s.peek != nil { _ = s.next() }
            return .after(n, unit, .issued)
        }
        throw s.error("'ngày ban hành', 'bước ID' or 'khi hoàn thành bước ID'")
    }

    /// After `định kỳ` (or on its own): `hằng tháng`, `hằng quý`, `6 tháng`, `hằng năm`,
    /// optionally `vào ngày D` / `trước ngày D`. `nil` when no cadence follows.
    static func cadence(_ s: inout TokenStream) throws(ExpressionError) -> DueExpression? {
        let cadence: DueExpression.Cadence
        if s.accept(sequence: ["hằng", "tháng"]) || s.accept(sequence: ["hàng", "tháng"]) {
            cadence = .monthly
        } else if s.accept(sequence: ["hằng", "quý"]) || s.accept(sequence: ["hàng", "quý"]) || s.accept(sequence: ["3", "tháng"]) {
            cadence = .quarterly
        } else if s.accept(sequence: ["6", "tháng"]) || s.accept(sequence: ["nửa", "năm"]) {
            cadence = .halfYearly
        } else if try everyYear(&s) {
            cadence = .yearly
        } else if s.atEnd {
            return nil
        } else {
            throw s.error("a cadence ('hằng tháng', 'hằng quý', '6 tháng', 'hằng năm') after 'định kỳ'")
        }
        var day = DueParser.defaultReportDay
        var month: Int? = cadence == .yearly ? 12 : nil
        if s.accept("vào") || s.accept("trước") || s.peek?.lower == "ngày" {
            _ = s.accept("ngày")
            if s.peek?.text.contains("/") == true || s.peek(1)?.lower == "tháng" {
                let date = try dayMonthYear(&s, sawNgay: true)
                day = date.day
                if cadence == .yearly { month = date.month }
            } else {
                day = try s.number("a day of the month (1-31)", in: 1...31)
            }
        }
        return .report(cadence, month: month, day: day)
    }
}
