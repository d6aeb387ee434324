import DondocCore

/// The shapes of single values: dates, period bounds, ids, email addresses.
public enum ValueRules {
    /// `YYYY-MM-DD`, a real day of the calendar.
    static func date(_ text: Located<String>, bag: DiagnosticBag) -> Located<CivilDate>? {
        if let date = CivilDate(iso: text.value) { return Located(date, at: text.location) }
        let problem = dateProblem(text.value)
        bag.error(problem.code, text.location, problem.message)
        return nil
    }

    static func dateProblem(_ text: String) -> (code: DiagnosticCode, message: String) {
        if looksLikeDate(text) { return (.impossibleDate, "'\(text)' is not a date of the calendar") }
        return (.dateShape, "expected a date YYYY-MM-DD, found '\(text)'")
    }

    /// Four digits, two, two: shaped like a date, whether or not the day exists.
    static func looksLikeDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// Deadlines are computed on the calendar of 1900–2100 (DESIGN §2.6); a date outside is a typo.
    static func checkYear(_ year: Int, what: String, at location: SourceLocation, bag: DiagnosticBag) -> Bool {
        guard WorkCalendar.tabulatedYears.contains(year) else {
            bag.error(.yearOutOfRange, location, "\(what) is outside the years dondoc computes (\(WorkCalendar.tabulatedYears.lowerBound)–\(WorkCalendar.tabulatedYears.upperBound))")
            return false
        }
        return true
    }

    /// `from:` / `until:`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    static func periodBound(_ text: Located<String>, bag: DiagnosticBag) -> Located<PeriodBound>? {
        if let bound = PeriodBound(text: text.value) {
            guard checkYear(bound.first.year, what: "'\(text.value)'", at: text.location, bag: bag) else { return nil }
            return Located(bound, at: text.location)
        }
        if looksLikeDate(text.value) {
            bag.error(.impossibleDate, text.location, "'\(text.value)' is not a date of the calendar")
        } else {
            bag.error(.periodBoundShape, text.location, "expected a year, month or day (YYYY, YYYY-MM or YYYY-MM-DD), found '\(text.value)'")
        }
        return nil
    }

    /// Ids become parts of obligation keys (`33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026`), mail
    /// headers and journal fields: letters, digits, `-`, `_` and `.` only.
    static func identifier(_ text: Located<String>, what: String, bag: DiagnosticBag) -> Bool {
        let valid = isIdentifier(text.value)
        if !valid {
            bag.error(.identifierShape, text.location, "\(what) '\(text.value)' may contain only ASCII letters, digits, '-', '_' and '.'")
        }
        return valid
    }

    public static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { c in
            (c.isASCII && (c.properties.isAlphabetic || c.properties.numericType != nil)) || c == "-" || c == "_" || c == "."
        }
    }

    /// The character of a directive number that obligation keys cannot hold (`#`, `@`, `,`, a line break), if any.
    public static func forbiddenCharacter(inNumber number: String) -> Character? {
        number.first(where: { "#@,".contains($0) || $0.isNewline })
    }

    /// `local@domain.tld`, no spaces: a warning, the address may still work.
    static func checkEmail(_ text: Located<String>, bag: DiagnosticBag) {
        let parts = text.value.split(separator: "@", omittingEmptySubsequences: false)
        let valid = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !text.value.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
        if !valid {
            bag.warning(.emailShape, text.location, "'\(text.value)' does not look like an email address (name@domain)")
        }
    }
}
