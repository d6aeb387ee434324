/// The civil-service calendar: which days are working days (DESIGN §2.3–2.5).
///
/// Built once from the year files; every year without a file is computed from the Labour Code
/// and marked provisional. Immutable and `Sendable`: the planner asks it millions of questions.
public struct WorkCalendar: Sendable {
    public enum YearStatus: String, Sendable {
        case confirmed, provisional
    }

    /// The years answered from the precomputed table; others are computed on demand.
    public static let tabulatedYears = 1900...2100

    private let files: [Int: CalendarYearFile]
    private let firstDay: Int
    private let workingDays: [Bool]

    public init(files: [CalendarYearFile] = []) {
        var byYear: [Int: CalendarYearFile] = [:]
        for file in files { byYear[file.year] = file }
        self.files = byYear
        let first = CivilDate(year: WorkCalendar.tabulatedYears.lowerBound, month: 1, day: 1)!.julianDay
        let last = CivilDate(year: WorkCalendar.tabulatedYears.upperBound, month: 12, day: 31)!.julianDay
        var table = [Bool](repeating: true, count: last - first + 1)
        for jdn in first...last {
            let date = CivilDate(julianDay: jdn)
            table[jdn - first] = !date.isWeekend
        }
        for year in WorkCalendar.tabulatedYears {
            for entry in WorkCalendar.resolvedEntries(year: year, file: byYear[year]) {
                table[entry.date.julianDay - first] = entry.kind == .workingDay
            }
        }
        self.firstDay = first
        self.workingDays = table
    }

    public func isWorkingDay(_ date: CivilDate) -> Bool {
        let index = date.julianDay - firstDay
        if index >= 0 && index < workingDays.count { return workingDays[index] }
        if let entry = entries(year: date.year).last(where: { $0.date == date }) {
            return entry.kind == .workingDay
        }
        return !date.isWeekend
    }

    /// Whether `year` comes from a confirmed calendar file or is still computed.
    public func status(of year: Int) -> YearStatus {
        files[year]?.status == .confirmed ? .confirmed : .provisional
    }

    public func hasFile(for year: Int) -> Bool { files[year] != nil }

    /// Every day of `year` that differs from a plain Monday–Friday week, in date order:
    /// holidays and days off (`holiday`, `swap-off`) and worked weekend days (`working-day`).
    public func entries(year: Int) -> [DayEntry] {
        WorkCalendar.resolvedEntries(year: year, file: files[year])
    }

    /// The days off of `year` (holidays and swap-offs), in date order.
    public func daysOff(year: Int) -> [DayEntry] {
        entries(year: year).filter { $0.kind != .workingDay }
    }

    // MARK: - Navigation
    //
    // `passing`, when given, is told each day the walk steps over that is not a working day
    // (what `dondoc explain` shows); the walks are the same with or without it.

    /// The first working day strictly after `date`.
    public func nextWorkingDay(after date: CivilDate, passing: ((CivilDate) -> Void)? = nil) -> CivilDate {
        var day = date.adding(days: 1)
        while !isWorkingDay(day) {
            passing?(day)
            day = day.adding(days: 1)
        }
        return day
    }

    /// The last working day strictly before `date`.
    public func previousWorkingDay(before date: CivilDate, passing: ((CivilDate) -> Void)? = nil) -> CivilDate {
        var day = date.adding(days: -1)
        while !isWorkingDay(day) {
            passing?(day)
            day = day.adding(days: -1)
        }
        return day
    }

    /// `date` itself if it is a working day, else the next one.
    public func workingDay(onOrAfter date: CivilDate, passing: ((CivilDate) -> Void)? = nil) -> CivilDate {
        if isWorkingDay(date) { return date }
        passing?(date)
        return nextWorkingDay(after: date, passing: passing)
    }

    /// `date` itself if it is a working day, else the previous one.
    public func workingDay(onOrBefore date: CivilDate, passing: ((CivilDate) -> Void)? = nil) -> CivilDate {
        if isWorkingDay(date) { return date }
        passing?(date)
        return previousWorkingDay(before: date, passing: passing)
    }

    /// The `n`-th working day after `date` (before it, for negative `n`); `date` itself is
    /// not counted (Civil Code Art. 147). `n == 0` gives `date`. `counting`, when given, is told
    /// each day counted.
    public func adding(workingDays n: Int, to date: CivilDate, passing: ((CivilDate) -> Void)? = nil,
                       counting: ((CivilDate) -> Void)? = nil) -> CivilDate {
        var day = date
        if n > 0 {
            for _ in 0..<n {
                day = nextWorkingDay(after: day, passing: passing)
                counting?(day)
            }
        } else if n < 0 {
            for _ in 0..<(-n) {
                day = previousWorkingDay(before: day, passing: passing)
                counting?(day)
            }
        }
        return day
    }

    /// Why `date` is or is not a working day: its calendar entry (a holiday, a swap-off or a
    /// worked weekend day, with its notice or article), else the plain week.
    public func entry(on date: CivilDate) -> DayEntry? {
        entries(year: date.year).last { $0.date == date }
    }

    // MARK: - Resolving a year

    /// The days of `year` as the Labour Code computes them without a calendar file (Tết, the
    /// second National Day day and nghỉ bù included), by date.
    public static func statutoryDays(year: Int) -> [CivilDate: DayEntry] {
        Dictionary(resolvedEntries(year: year, file: nil).map { ($0.date, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The computed rules for `year`, overridden and extended by its file when there is one.
    /// A file's day without a source that restates a statutory day cites the Labour Code.
    static func resolvedEntries(year: Int, file: CalendarYearFile?) -> [DayEntry] {
        let computed = StatutoryHolidays.holidays(year: year, fixedOnly: file != nil)
        let cancelled = Set((file?.entries ?? []).filter { $0.kind == .notHoliday }.map(\.date))
        let holidays = computed.filter { !cancelled.contains($0.date) }
        // Nghỉ bù follows the computed holidays only: a notice lists its own exchanges.
        let holidayDates = Set(holidays.map(\.date))
        let compensation = StatutoryHolidays.compensatoryDays(for: holidays) { holidayDates.contains($0) }
            .filter { !cancelled.contains($0.date) }

        // A file's entry wins over a computed one for the same day.
        var byDate: [CivilDate: DayEntry] = [:]
        for entry in holidays + compensation { byDate[entry.date] = entry }
        let entries = file?.entries ?? []
        let statutory = entries.contains { $0.source == nil } ? statutoryDays(year: year) : [:]
        for entry in entries {
            switch entry.kind {
            case .notHoliday: byDate[entry.date] = nil
            case .holiday, .swapOff, .workingDay:
                let law = entry.source == nil ? statutory[entry.date].flatMap { $0.kind == entry.kind ? $0.source : nil } : nil
                byDate[entry.date] = law.map { DayEntry(date: entry.date, kind: entry.kind, name: entry.name, source: $0) } ?? entry
            }
        }
        return byDate.values.sorted { $0.date < $1.date }
    }
}
