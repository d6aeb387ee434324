/// Turns `due:` expressions into deadlines on a working calendar (DESIGN §2).
public struct DeadlineCalculator: Sendable {
    public let calendar: WorkCalendar

    public init(calendar: WorkCalendar) {
        self.calendar = calendar
    }

    /// Applies the rest-day rule to a nominal date (DESIGN §2.4), recording into `trace`.
    public func deadline(nominal: CivilDate, policy: RestDayPolicy, trace: DeadlineTrace? = nil) -> Deadline {
        let due: CivilDate
        let days = trace.map { _ in DeadlineTrace.Days() }
        let passing = days.map { days in { (day: CivilDate) in days.add(day) } }
        switch policy {
        case .extend: due = calendar.workingDay(onOrAfter: nominal, passing: passing)
        case .previous: due = calendar.workingDay(onOrBefore: nominal, passing: passing)
        case .keep: due = nominal
        }
        trace?.record(.restDay(policy, nominal: nominal, dueDate: due, passed: days?.list ?? []))
        let targets = trace.map { _ in DeadlineTrace.Days() }
        let target = calendar.workingDay(onOrBefore: nominal, passing: targets.map { days in { days.add($0) } })
        trace?.record(.target(nominal: nominal, targetDate: target, passed: targets?.list ?? []))
        return Deadline(nominal: nominal, dueDate: due, targetDate: target)
    }

    /// The nominal date of a one-off expression, counting from `anchor` for `after` forms
    /// (Civil Code Art. 147–148). `nil` for recurring expressions.
    public func nominal(of expression: DueExpression, anchor: CivilDate, trace: DeadlineTrace? = nil) -> CivilDate? {
        let date: CivilDate
        switch expression {
        case .on(let day): date = day
        case .before(let day): date = day.adding(days: -1)
        case .within(let period): date = period.end
        case .after(let n, let unit, _): return count(n, unit, from: anchor, trace: trace)
        case .yearly, .report, .periodic: return nil
        }
        trace?.record(.named(expression, period: nil, window: nil, nominal: date))
        return date
    }

    /// `n` units after `date`, not counting `date` itself.
    public func count(_ n: Int, _ unit: DueExpression.DurationUnit, from date: CivilDate, trace: DeadlineTrace? = nil) -> CivilDate {
        let days = trace.map { _ in DeadlineTrace.Days() }
        let worked = trace.map { _ in DeadlineTrace.Days() }
        let end: CivilDate
        switch unit {
        case .days: end = date.adding(days: n)
        case .workingDays:
            end = calendar.adding(workingDays: n, to: date, passing: days.map { days in { days.add($0) } },
                                  counting: worked.map { worked in { if $0.isWeekend { worked.add($0) } } })
        case .weeks: end = date.adding(days: 7 * n)
        case .months: end = date.adding(months: n)
        case .years: end = date.adding(years: n)
        }
        trace?.record(.count(n: n, unit: unit, from: date, to: end, passed: days?.list ?? [], worked: worked?.list ?? []))
        return end
    }

    // MARK: - Recurring expressions

    /// The length of the periods a recurring expression repeats over.
    public static func periodKind(of expression: DueExpression) -> Period? {
        switch expression {
        case .yearly, .report(.yearly, _, _): .year(0)
        case .report(.halfYearly, _, _): .half(0, 1)
        case .report(.quarterly, _, _): .quarter(0, 1)
        case .report(.monthly, _, _): .month(0, 1)
        default: nil
        }
    }

    /// The nominal date and data window of a recurring expression for one period.
    public func occurrenceNominal(of expression: DueExpression, period: Period) -> (nominal: CivilDate, window: ClosedRange<CivilDate>)? {
        let y = period.year
        switch expression {
        case .yearly(.before(let m, let d)):
            return (CivilDate.clamped(year: y, month: m, day: d).adding(days: -1), period.start...period.end)
        case .yearly(.by(let m, let d)):
            return (CivilDate.clamped(year: y, month: m, day: d), period.start...period.end)
        case .yearly(.within(let m)):
            return (CivilDate.lastDay(year: y, month: m), period.start...period.end)
        case .report(.yearly, let month, let day):
            let window = period.reportingWindow
            // A yearly report due in an earlier month than December is due the next year.
            let dueYear = (month ?? 12) == 12 ? y : y + 1
            return (CivilDate.clamped(year: dueYear, month: month ?? 12, day: day), window)
        case .report(_, _, let day):
            return (CivilDate.clamped(year: y, month: period.lastMonth, day: day), period.reportingWindow)
        default:
            return nil
        }
    }

    public func occurrence(of expression: DueExpression, period: Period, policy: RestDayPolicy,
                           trace: DeadlineTrace? = nil) -> Occurrence? {
        guard let (nominal, window) = occurrenceNominal(of: expression, period: period) else { return nil }
        trace?.record(.named(expression, period: period, window: window, nominal: nominal))
        return Occurrence(period: period, window: window, deadline: deadline(nominal: nominal, policy: policy, trace: trace))
    }

    /// The occurrences of a recurring expression whose period lies within the bounds, in order,
    /// starting with the first whose due date is on or after `start`. Lazy: take what you need.
    /// Without a `from` bound, periods whose nominal date is not after `issued` are skipped.
    public func occurrences(
        of expression: DueExpression, policy: RestDayPolicy, issued: CivilDate?,
        from: PeriodBound?, until: PeriodBound?, startingAt start: CivilDate
    ) -> OccurrenceSequence {
        OccurrenceSequence(calculator: self, expression: expression, policy: policy, issued: issued,
                           from: from, until: until, start: start)
    }
}

/// The occurrences of a recurring deadline, in period order (see `DeadlineCalculator.occurrences`).
public struct OccurrenceSequence: Sequence, IteratorProtocol, Sendable {
    let calculator: DeadlineCalculator
    let expression: DueExpression
    let policy: RestDayPolicy
    let issued: CivilDate?
    let from: PeriodBound?
    let until: PeriodBound?
    var period: Period?

    init(calculator: DeadlineCalculator, expression: DueExpression, policy: RestDayPolicy, issued: CivilDate?,
         from: PeriodBound?, until: PeriodBound?, start: CivilDate) {
        self.calculator = calculator
        self.expression = expression
        self.policy = policy
        self.issued = issued
        self.from = from
        self.until = until
        // Due dates trail their periods by at most about a year (a yearly report due the next
        // January), so begin two years early and skip forward.
        var first = DeadlineCalculator.periodKind(of: expression)?.sameLength(containing: start.adding(years: -2))
        if let bound = from, let p = first, p.end < bound.first { first = p.sameLength(containing: bound.first) }
        self.period = first
        while let p = period, let o = calculator.occurrence(of: expression, period: p, policy: policy),
              o.deadline.dueDate < start || !includes(p, o) {
            if let bound = until, p.start > bound.last { period = nil; break }
            period = p.next
        }
    }

    func includes(_ period: Period, _ occurrence: Occurrence) -> Bool {
        if let bound = from {
            if period.end < bound.first { return false }
        } else if let issued, occurrence.deadline.nominal <= issued {
            return false
        }
        if let bound = until, period.start > bound.last { return false }
        return true
    }

    public mutating func next() -> Occurrence? {
        while let p = period {
            if let bound = until, p.start > bound.last { period = nil; return nil }
            period = p.next
            guard let o = calculator.occurrence(of: expression, period: p, policy: policy) else { return nil }
            if includes(p, o) { return o }
        }
        return nil
    }
}
