import DondocCore
import Yams

/// A year's calendar file (`calendars/vn-YYYY.yaml`), read. Entries with errors are left out;
/// the others load, so one typo does not throw away a year's official notices.
struct CalendarFile {
    var path: String
    var year: Located<Int>?
    var status: CalendarYearFile.Status = .provisional
    var statusLocation: SourceLocation?
    var entries: [DayEntry] = []
    /// The Labour Code's days of each year met so far, for days given without a source.
    private var statutory: [Int: [CivilDate: DayEntry]] = [:]

    var yearFile: CalendarYearFile? {
        year.map { CalendarYearFile(year: $0.value, status: status, entries: entries) }
    }

    static let years = 1900...2100
    static let topKeys = ["year", "status", "days"]
    static let dayKeys = ["date", "kind", "name", "source"]

    /// `vn-2026.yaml` → 2026.
    static func yearInName(_ fileName: String) -> Int? {
        let name = fileName.hasSuffix(".yaml") ? fileName.dropLast(5) : fileName.hasSuffix(".yml") ? fileName.dropLast(4) : nil
        guard let name, name.hasPrefix("vn-") else { return nil }
        let digits = name.dropFirst(3)
        guard digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    static func read(_ document: YAMLDocument, fileName: String, bag: DiagnosticBag) -> CalendarFile {
        var file = CalendarFile(path: document.path)
        guard let top = MappingReader(document.rootNode, subject: "the calendar file", allowed: CalendarFile.topKeys,
                                      document: document, bag: bag) else { return file }
        file.readYear(top, fileName: fileName, bag: bag)
        file.readStatus(top, bag: bag)
        var listed: [CivilDate: SourceLocation] = [:]
        for node in top.sequence("days", required: true) ?? [] {
            file.readDay(node, document: document, bag: bag, listed: &listed)
        }
        return file
    }

    private mutating func readYear(_ top: MappingReader, fileName: String, bag: DiagnosticBag) {
        guard let text = top.text("year", required: true) else { return }
        guard let value = Int(text.value), text.value.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            bag.error(.calendarYearShape, text.location, "expected a year such as 2026, found '\(text.value)'")
            return
        }
        guard CalendarFile.years.contains(value) else {
            bag.error(.yearOutOfRange, text.location, "year \(value) is outside the years dondoc computes (\(CalendarFile.years.lowerBound)–\(CalendarFile.years.upperBound))")
            return
        }
        if let named = CalendarFile.yearInName(fileName), named != value {
            bag.error(.calendarYearMismatch, text.location, "year \(value) does not match the file name \(fileName) (year \(named))")
            return
        }
        year = Located(value, at: text.location)
    }

    private mutating func readStatus(_ top: MappingReader, bag: DiagnosticBag) {
        guard let text = top.text("status") else { return }
        guard let value = CalendarYearFile.Status(rawValue: text.value) else {
            let words = ["confirmed", "provisional"]
            let hint = Suggestion.closest(to: text.value, in: words).map { ": did you mean '\($0)'?" } ?? " (expected 'confirmed' or 'provisional')"
            bag.error(.unknownWord, text.location, "unknown status '\(text.value)'\(hint)")
            return
        }
        status = value
        statusLocation = text.location
    }

    private mutating func readDay(_ node: Node, document: YAMLDocument, bag: DiagnosticBag, listed: inout [CivilDate: SourceLocation]) {
        let errorsBefore = bag.errorCount
        guard let reader = MappingReader(node, subject: "a day entry", allowed: CalendarFile.dayKeys, document: document, bag: bag)
        else { return }
        let dates = reader.value("date", required: true).flatMap { dateRange($0, document: document, bag: bag) }
        let kind = reader.choice("kind", of: DayKind.self, required: true)
        let name = reader.text("name")
        let source = reader.text("source")
        guard let dates, let kind else { return }
        checkWeekdays(dates, kind: kind.value, bag: bag)
        if source == nil { checkSourceless(dates, kind: kind.value, bag: bag) }
        for date in dates.value {
            if let first = listed[date] {
                bag.error(.duplicateDay, dates.location, "\(date) is already listed at line \(first.line), column \(first.column)")
                return
            }
        }
        for date in dates.value { listed[date] = dates.location }
        guard bag.errorCount == errorsBefore else { return }
        for date in dates.value {
            entries.append(DayEntry(date: date, kind: kind.value, name: name?.value ?? "", source: source?.value))
        }
    }

    /// `2026-02-16` or `2026-02-16..2026-02-20`, within the file's year.
    private func dateRange(_ node: Node, document: YAMLDocument, bag: DiagnosticBag) -> Located<[CivilDate]>? {
        guard let text = MappingReader.text(node, named: "date", document: document, bag: bag) else { return nil }
        var parts = [text.value]
        if let range = text.value.firstRange(of: "..") {
            parts = [String(text.value[..<range.lowerBound]), String(text.value[range.upperBound...])]
        }
        guard parts.count == 1 || parts[1].firstRange(of: "..") == nil else {
            bag.error(.dayShape, text.location, "expected a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD, found '\(text.value)'")
            return nil
        }
        var dates: [CivilDate] = []
        var offset = 0
        for part in parts {
            let at = document.source.location(inside: node, offset: offset)
            offset += part.count + 2
            guard let date = CivilDate(iso: part) else {
                let problem = ValueRules.dateProblem(part)
                bag.error(problem.code == .dateShape ? .dayShape : problem.code, at, problem.message)
                return nil
            }
            if let year, date.year != year.value {
                bag.error(.dayOutsideYear, at, "\(date) is outside \(year.value), the year of this file")
                return nil
            }
            dates.append(date)
        }
        guard dates.count == 2 else { return Located(dates, at: text.location) }
        let (first, last) = (dates[0], dates[1])
        if last < first {
            bag.error(.rangeOrder, document.source.location(inside: node, offset: parts[0].count + 2),
                      "the range ends on \(last), before it starts on \(first)")
            return nil
        }
        return Located((0...first.days(to: last)).map { first.adding(days: $0) }, at: text.location)
    }

    /// A worked day that is a weekday anyway, or a day off that is a weekend day anyway.
    private func checkWeekdays(_ dates: Located<[CivilDate]>, kind: DayKind, bag: DiagnosticBag) {
        switch kind {
        case .workingDay:
            if let weekday = dates.value.first(where: { !$0.isWeekend }) {
                bag.warning(.workingDayOnWeekday, dates.location, "\(weekday) is a \(name(of: weekday)): 'working-day' marks a Saturday or Sunday that is worked")
            }
        case .holiday, .swapOff:
            if let day = dates.value.first, dates.value.allSatisfy(\.isWeekend) {
                let advice = kind == .holiday
                    ? "a holiday on a weekend day is off anyway; enter the day given in exchange as 'swap-off'"
                    : "'swap-off' is a weekday given off"
                bag.warning(.dayOffOnWeekend, dates.location, "\(day) is a \(name(of: day)): \(advice)")
            }
        case .notHoliday:
            break
        }
    }

    /// A day without `source` is accepted; one the Labour Code does not already give as that
    /// kind draws a warning (DESIGN §1.4): the notice that decided it should be named.
    private mutating func checkSourceless(_ dates: Located<[CivilDate]>, kind: DayKind, bag: DiagnosticBag) {
        let advice = "name the notice that decided it in 'source'"
        if kind == .notHoliday, let day = dates.value.first {
            bag.warning(.notHolidayWithoutSource, dates.location, "\(day): 'not-holiday' departs from the Labour Code: \(advice)")
            return
        }
        for date in dates.value {
            if statutory[date.year] == nil { statutory[date.year] = WorkCalendar.statutoryDays(year: date.year) }
            if statutory[date.year]?[date]?.kind == kind { continue }
            bag.warning(.dayWithoutSource, dates.location, "\(date) is not a day the Labour Code gives as '\(kind.rawValue)': \(advice)")
            return
        }
    }

    private func name(of date: CivilDate) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][date.weekday.rawValue - 1]
    }
}
