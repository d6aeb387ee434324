/// Turns `due:` expressions into deadlines on a working calendar (DESIGN §2).
public struct DeadlineCalculator: Sendable {
    public let calendar: WorkCalendar

    public init(calendar: WorkCalendar) {
        self.calendar = calendar
    }

    /// Applies the rest-day rule to a nominal date (DESIGN §2.4).
    public func deadline(nominal: CivilDate, policy: RestDayPolicy) -> Deadline {
        let due: CivilDate
        switch policy {
        case .extend: due = calendar.workingDay(onOrAfter: nominal)
        case .previous: due = calendar.workingDay(onOrBefore: nominal)
        case .keep: due = nominal
        }
        return Deadline(nominal: nominal, dueDate: due, targetDate: calendar.workingDay(onOrBefore: nominal))
    }

    /// The nominal date of a one-off expression, counting from `anchor` for `after` forms
    /// (Civil Code Art. 147–148). `nil` for recurring expressions.
    public func nominal(of expression: DueExpression, anchor: CivilDate) -> CivilDate? {
        switch expression {
        case .on(let date): return date
        case .before(let date): return date.adding(days: -1)
        case .within(let period): return period.end
        case .after(let n, let unit, _): return count(n, unit, from: anchor)
        case .yearly, .report, .periodic: return nil
        }
    }

    /// `n` units after `date`, not counting `date` itself.
    public func count(_ n: Int, _ unit: DueExpression.DurationUnit, from date: CivilDate) -> CivilDate {
        switch unit {
        case .days: date.adding(days: n)
        case .workingDays: calendar.adding(workingDays: n, to: date)
        case .weeks: date.adding(days: 7 * n)
        case .months: date.adding(months: n)
        case .years: date.adding(years: n)
        }
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

    public func occurrence(of expression: DueExpression, period: Period, policy: RestDayPolicy) -> Occurrence? {
        guard let (nominal, window) = occurrenceNominal(of: expression, period: period) else { return nil }
        return Occurrence(period: period, window: window, deadline: deadline(nominal: nominal, policy: policy))
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
