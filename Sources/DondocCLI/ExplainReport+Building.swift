import DondocApp
import DondocCore
import DondocLoader
import DondocStore

/// The legal basis of each step of a deadline's computation, in words (RULES: Civil Code
/// 2015 Art. 144–148; Labour Code 2019 Art. 111–112; Decree 09/2019/NĐ-CP Art. 12–13).
enum DeadlineBasis {
    static let firstDay = "Civil Code 2015 Art. 147(1): the first day of a period is not counted; it starts the next day"
    static let dueAt = "Civil Code 2015 Art. 148(6): the last day ends at 24:00, so it is overdue from 00:00 the next day"
    static let target = "reminders aim at the last working day on or before the nominal date (DESIGN §2)"
    static let weekend = "weekly rest day: civil servants work Monday to Friday (QĐ 188/1999/QĐ-TTg)"

    static func count(_ unit: DueExpression.DurationUnit) -> String {
        switch unit {
        case .days: "\(firstDay); Art. 148(1): a period in days ends at the end of its last day ('ngày' means calendar days)"
        case .workingDays: "'ngày làm việc': working days of state agencies, Monday to Friday (QĐ 188/1999/QĐ-TTg) "
            + "without holidays and days off (Labour Code 2019 Art. 111–112 and the year's notices); \(firstDay)"
        case .weeks: "\(firstDay); Art. 148(2): a period in weeks ends at the end of the same weekday of its last week"
        case .months: "\(firstDay); Art. 148(3): a period in months ends on the same day of its last month, or that month's last day"
        case .years: "\(firstDay); Art. 148(4): a period in years ends on the same day and month of its last year"
        }
    }

    static func named(_ expression: DueExpression) -> String {
        switch expression {
        case .on: "the date written ('by' is inclusive)"
        case .before: "'before' is strict ('trước ngày' read strictly): the day before the date written"
        case .within: "'in' a period: due on the period's last day"
        case .yearly(.before): "once a year, strictly before the day written: the day before it"
        case .yearly(.by): "once a year, on or before the day written"
        case .yearly(.within): "once a year, within the month written: its last day"
        case .report(let cadence, _, _):
            "a \(cadence.rawValue) report: the data window of Decree 09/2019/NĐ-CP Art. 12; due on the day written "
                + "of the period's last month (Art. 13(1): the 25th when a file gives none), clamped to the month's end"
        case .after, .periodic: ""
        }
    }

    static func restDay(_ policy: RestDayPolicy, moved: Bool) -> String {
        switch (policy, moved) {
        case (_, false): "the nominal date is a working day: the rest-day rule changes nothing"
        case (.extend, true): "Civil Code 2015 Art. 148(5) (on-rest-day: extend): a period whose last day is a weekend day "
            + "or a holiday ends at the end of the next working day"
        case (.previous, true): "on-rest-day: previous, the file's choice (not the Civil Code's rule): the previous working day"
        case (.keep, true): "on-rest-day: keep: the deadline stays on the rest day"
        }
    }
}

extension ExplainReport {
    /// The report of `explanation`, the obligation found from `found`, with what the store
    /// recorded (`records`, `recordedNote` naming the store or saying none was read).
    init(explanation: DeadlineExplanation, resolved: ResolvedKey, workflows: WorkflowSet, store: String?,
         storeNote: String, completion: Completion?) {
        let obligation = explanation.obligation
        let calendar = workflows.calendar
        let directive = resolved.directive
        let step = resolved.step
        key = obligation.key
        self.directive = directive.number
        title = directive.title
        file = workflows.locations.file(ofDirective: directive.number)
        dueWritten = workflows.locations.location(directive: directive.number, step: step.id, key: "due")?.description
        phase = step.phase.rawValue
        stepTitle = step.title
        unit = obligation.unit
        period = obligation.period?.description
        if obligation.unit != obligation.assignedUnit || !obligation.hasHolder {
            holder = Holder(assigned: obligation.assignedUnit,
                            validUntil: workflows.org[obligation.assignedUnit]?.validUntil?.description,
                            holder: obligation.hasHolder ? obligation.unit : "none")
        } else {
            holder = nil
        }
        computation = explanation.computed.map { ExplainReport.computation($0, calendar: calendar) }
        let deadline = obligation.deadline
        nominal = deadline.nominal.description
        dueDate = deadline.dueDate.description
        dueAt = CivilTime.iso(deadline.dueAt)
        targetDate = deadline.targetDate.description
        dueAtBasis = DeadlineBasis.dueAt
        recorded = Recorded(store: store, note: storeNote, extendedTo: explanation.extendedTo?.description,
                            doneAt: completion.map { LocalDateTime.iso8601(epochSeconds: $0.at) },
                            doneBy: completion?.by, doneNote: completion?.note)
        notifications = explanation.notifications.map { n in
            PlannedNotification(at: CivilTime.iso(n.at), kind: n.kind.rawValue, rule: n.rule, notification: n.key,
                                to: n.to.map(ExplainReport.recipient), cc: n.cc.map(ExplainReport.recipient))
        }
    }

    static func recipient(_ r: DondocCore.Recipient) -> Recipient {
        Recipient(role: r.role, unit: r.unit, email: r.email, insteadOf: r.insteadOf)
    }

    static func computation(_ traced: DeadlineExplanation.Traced, calendar: WorkCalendar) -> Computation {
        Computation(key: traced.key, step: traced.step, unit: traced.unit, period: traced.period?.description,
                    due: traced.expression.description, onRestDay: traced.policy.rawValue,
                    steps: traced.steps.map { step(for: $0, calendar: calendar) },
                    anchors: traced.anchors.map { computation($0, calendar: calendar) })
    }

    static func day(_ date: CivilDate, calendar: WorkCalendar) -> Day {
        let weekday = date.weekday.englishShort
        if let entry = calendar.entry(on: date) {
            return Day(date: date.description, weekday: weekday, reason: entry.kind.rawValue, name: entry.name, source: entry.source)
        }
        return Day(date: date.description, weekday: weekday, reason: date.isWeekend ? "weekend" : "working-day",
                   name: nil, source: date.isWeekend ? DeadlineBasis.weekend : nil)
    }

    static func step(for traced: DeadlineTrace.Step, calendar: WorkCalendar) -> Step {
        func days(_ list: [CivilDate]) -> [Day] { list.map { day($0, calendar: calendar) } }
        switch traced {
        case .anchor(.issued(let date)):
            return Step(step: "anchor", text: "counts from the directive's issue date, \(date) (\(date.weekday.englishShort))",
                        basis: "the directive's 'issued:'; \(DeadlineBasis.firstDay)", date: date.description)
        case .anchor(.stepDue(let id, let units, let date)), .anchor(.stepDone(let id, let units, let date)):
            let done: Bool = if case .anchor(.stepDone) = traced { true } else { false }
            let what = done ? "the completion of step \(id)" : "the due date of step \(id)"
            let whose = units.count > 1 ? ", the latest of its \(units.count) units" : (units.first.map { " for \($0.unit)" } ?? "")
            let basis = done
                ? "'step \(id) done': the day it was recorded done (the deadline exists only then); \(DeadlineBasis.firstDay)"
                : "'step \(id)': that step's due date for the same unit and period; for a unit that does not lead it, "
                    + "the latest over its units (a consolidated report waits for what it consolidates); \(DeadlineBasis.firstDay)"
            return Step(step: "anchor", text: "counts from \(what)\(whose): \(date) (\(date.weekday.englishShort))", basis: basis,
                        date: date.description,
                        anchorUnits: units.map { AnchorUnit(unit: $0.unit, key: $0.key, date: $0.date?.description) })
        case .count(let n, let unit, let from, let to, let passed, let worked):
            let name = n == 1 ? String(unit.rawValue.dropLast()) : unit.rawValue
            var text = "\(n) \(name) after \(from): from \(from.adding(days: 1)) to \(to) (\(to.weekday.englishShort))"
            if unit == .workingDays {
                text += ", stepping over \(passed.count) day(s) off"
                if !worked.isEmpty { text += " and counting \(worked.count) worked weekend day(s)" }
            }
            return Step(step: "count", text: text, basis: DeadlineBasis.count(unit), from: from.description, to: to.description,
                        days: unit == .workingDays ? days(passed + worked).sorted { $0.date < $1.date } : nil)
        case .named(let expression, let period, let window, let nominal):
            var text = "\(expression)"
            if let period { text += ", period \(period)" }
            if let window {
                let name: String = if case .report = expression { "data window " } else { "" }
                text += " (\(name)\(window.lowerBound) – \(window.upperBound))"
            }
            text += ": nominal date \(nominal) (\(nominal.weekday.englishShort))"
            return Step(step: "named", text: text, basis: DeadlineBasis.named(expression),
                        from: window?.lowerBound.description, to: window?.upperBound.description, date: nominal.description)
        case .restDay(let policy, let nominal, let dueDate, let passed):
            let moved = dueDate != nominal
            let text = moved ? "\(nominal) is not a working day: due_date \(dueDate) (\(dueDate.weekday.englishShort))"
                             : "\(nominal) is a working day: due_date \(dueDate)"
            return Step(step: "rest-day", text: text, basis: DeadlineBasis.restDay(policy, moved: moved || (policy == .keep && !calendar.isWorkingDay(nominal))),
                        from: nominal.description, to: dueDate.description, days: days(moved ? passed : (calendar.isWorkingDay(nominal) ? [] : [nominal])))
        case .target(let nominal, let target, let passed):
            return Step(step: "target", text: "target_date \(target) (\(target.weekday.englishShort)), the last working day on or before \(nominal)",
                        basis: DeadlineBasis.target, from: nominal.description, to: target.description, days: days(passed))
        }
    }
}
