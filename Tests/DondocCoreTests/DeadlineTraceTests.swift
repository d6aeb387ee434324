import DondocCore
import Testing

/// The deadline code records its steps when given a trace, and computes the same without one.
struct DeadlineTraceTests {
    static let calendar = WorkCalendar(files: [CalendarYearFile(year: 2026, status: .confirmed, entries: [
        DayEntry(date: CivilDate(year: 2026, month: 2, day: 16)!, kind: .holiday, name: "Tết Bính Ngọ", source: "9441/TB-BNV"),
        DayEntry(date: CivilDate(year: 2026, month: 2, day: 17)!, kind: .holiday, name: "Tết Bính Ngọ", source: "9441/TB-BNV"),
        DayEntry(date: CivilDate(year: 2026, month: 2, day: 18)!, kind: .holiday, name: "Tết Bính Ngọ", source: "9441/TB-BNV"),
        DayEntry(date: CivilDate(year: 2026, month: 2, day: 19)!, kind: .holiday, name: "Tết Bính Ngọ", source: "9441/TB-BNV"),
        DayEntry(date: CivilDate(year: 2026, month: 2, day: 20)!, kind: .holiday, name: "Tết Bính Ngọ", source: "9441/TB-BNV"),
    ])])

    @Test func aCountOfWorkingDaysRecordsTheDaysItSteppedOver() throws {
        let calculator = DeadlineCalculator(calendar: DeadlineTraceTests.calendar)
        let from = CivilDate(year: 2026, month: 2, day: 12)!  // Thursday
        let trace = DeadlineTrace()
        let end = calculator.count(3, .workingDays, from: from, trace: trace)
        #expect(end == calculator.count(3, .workingDays, from: from))
        #expect(end == CivilDate(year: 2026, month: 2, day: 24)!)  // Fri 13, Mon 23, Tue 24
        guard case .count(3, .workingDays, from, end, let passed, let worked) = try #require(trace.steps.first) else {
            Issue.record("not a count: \(trace.steps)")
            return
        }
        #expect(passed.map(\.description) == ["2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18",
                                               "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22"])
        #expect(DeadlineTraceTests.calendar.entry(on: passed[2])?.source == "9441/TB-BNV")
        #expect(worked.isEmpty)
    }

    /// A Saturday worked by a notice (làm bù) is counted, and said to be.
    @Test func aWorkedSaturdayIsCounted() throws {
        let saturday = CivilDate(year: 2026, month: 1, day: 10)!
        let calendar = WorkCalendar(files: [CalendarYearFile(year: 2026, status: .confirmed, entries: [
            DayEntry(date: saturday, kind: .workingDay, name: "Làm bù", source: "12729/VPCP-KGVX"),
        ])])
        let trace = DeadlineTrace()
        let end = DeadlineCalculator(calendar: calendar).count(2, .workingDays, from: CivilDate(year: 2026, month: 1, day: 8)!, trace: trace)
        #expect(end == saturday)  // Fri 9, Sat 10
        guard case .count(_, _, _, _, let passed, let worked) = try #require(trace.steps.first) else { return }
        #expect(passed.isEmpty && worked == [saturday])
    }

    @Test(arguments: [RestDayPolicy.extend, .previous, .keep])
    func theRestDayRuleAndTheTargetAreRecorded(_ policy: RestDayPolicy) throws {
        let calculator = DeadlineCalculator(calendar: DeadlineTraceTests.calendar)
        let nominal = CivilDate(year: 2026, month: 2, day: 15)!  // Sunday before Tết
        let trace = DeadlineTrace()
        let deadline = calculator.deadline(nominal: nominal, policy: policy, trace: trace)
        #expect(deadline == calculator.deadline(nominal: nominal, policy: policy))
        #expect(trace.steps.count == 2)
        guard case .restDay(policy, nominal, deadline.dueDate, let passed) = trace.steps[0],
              case .target(nominal, deadline.targetDate, let skipped) = trace.steps[1] else {
            Issue.record("\(trace.steps)")
            return
        }
        switch policy {
        case .extend: #expect(passed.count == 8 && deadline.dueDate == CivilDate(year: 2026, month: 2, day: 23)!)
        case .previous: #expect(passed.count == 2 && deadline.dueDate == CivilDate(year: 2026, month: 2, day: 13)!)
        case .keep: #expect(passed.isEmpty && deadline.dueDate == nominal)
        }
        #expect(skipped.count == 2 && deadline.targetDate == CivilDate(year: 2026, month: 2, day: 13)!)
    }

    /// `Planner.explain` traces a step counted from another, through the anchor's own deadline.
    @Test func theExplanationFollowsAnAnchorStep() throws {
        let org = OrgChart(units: [Unit(id: "a", name: "A", email: "a@x.vn")])
        let directive = Directive(number: "1/CT", title: "T", issuer: "a", issued: CivilDate(year: 2026, month: 2, day: 5)!,
                                  steps: [
                                      Step(id: "s1", phase: .dissemination, title: "S1", lead: ["a"], due: .after(5, .workingDays, .issued)),
                                      Step(id: "s2", phase: .planning, title: "S2", lead: ["a"], due: .after(10, .days, .step("s1"))),
                                  ])
        let planner = Planner(directives: [directive], org: org, calendar: DeadlineTraceTests.calendar)
        let day = CivilDate(year: 2026, month: 1, day: 1)!
        let obligation = try #require(planner.obligations(due: day...day.adding(years: 1)).first { $0.step == "s2" })
        let explanation = try #require(planner.explain(obligation))
        let computed = try #require(explanation.computed)
        #expect(computed.anchors.map(\.key) == ["1/CT#s1@a"])
        // s1: 5 working days after Thu 5/2 over the weekend and Tết: Fri 6, Mon 9 … Thu 12 → 2026-02-12.
        guard case .anchor(.stepDue("s1", let units, let date)) = computed.steps[0] else { Issue.record("\(computed.steps)"); return }
        #expect(date == CivilDate(year: 2026, month: 2, day: 12)! && units.map(\.unit) == ["a"])
        #expect(obligation.deadline.nominal == CivilDate(year: 2026, month: 2, day: 22)!)
        #expect(explanation.notifications == planner.notifications(for: obligation, directive: directive, step: directive.steps[1]))
    }
}
