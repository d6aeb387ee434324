import DondocCore

/// Decree 09/2019/NĐ-CP Art. 8(5): a periodic report is due at least one working day after
/// its data window closes. Checked on the first occurrences of each `… on D` report (the
/// calendar decides whether the day after the 14th is a working day).
enum ReportWindowChecks {
    /// Two years of monthly reports: every weekday pattern of the 15th comes up.
    static let occurrencesChecked = 24

    static func run(_ context: ValidationContext) {
        for directive in context.directives {
            let deadlines = StepDeadlines(directive: directive, calculator: context.calculator)
            for step in directive.steps {
                guard let due = step.due, case .report = due.value,
                      let start = step.from?.value.first ?? directive.issued?.value,
                      let occurrences = deadlines.occurrences(of: step, from: start) else { continue }
                for occurrence in occurrences.prefix(occurrencesChecked) {
                    let closes = occurrence.window.upperBound
                    let dueDate = occurrence.deadline.dueDate
                    guard workingDays(after: closes, through: dueDate, calendar: context.calendar) < 1 else { continue }
                    context.bag.warning(.reportWindow, due.location,
                        "the \(occurrence.period) report is due \(dueDate), less than one working day after its data window closes on \(closes) (Decree 09/2019/NĐ-CP Art. 8(5))")
                    break
                }
            }
        }
    }

    /// Working days `d` with `start < d ≤ end`.
    static func workingDays(after start: CivilDate, through end: CivilDate, calendar: WorkCalendar) -> Int {
        guard start < end else { return 0 }
        var count = 0
        var day = start.adding(days: 1)
        while day <= end {
            if calendar.isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }
}
