import Testing
@testable import DondocCore

/// A small org chart and a directive shaped like 33/CT-TTg, planned on the 2026 calendar.
struct PlannerTests {
    static let org = OrgChart(units: [
        Unit(id: "ttcp", name: "Thủ tướng Chính phủ"),
        Unit(id: "bo-noi-vu", name: "Bộ Nội vụ", email: "vanthu@moha.gov.vn", parent: "ttcp"),
        Unit(id: "ubnd-hai-phong", name: "UBND thành phố Hải Phòng", email: "vanphong@haiphong.gov.vn",
             head: Unit.Head(title: "Chủ tịch", email: "chutich@haiphong.gov.vn"), parent: "ttcp"),
        Unit(id: "ubnd-hai-duong", name: "UBND tỉnh Hải Dương", email: "vp@haiduong.gov.vn", parent: "ttcp",
             validUntil: d("2025-06-30"), successor: "ubnd-hai-phong"),
        Unit(id: "ubnd-tay-ninh", name: "UBND tỉnh Tây Ninh", email: "vp@tayninh.gov.vn", parent: "ttcp"),
        Unit(id: "ubnd-cu", name: "Một UBND đã giải thể", validUntil: d("2025-06-30")),
    ], groups: ["tinh": ["ubnd-hai-phong", "ubnd-tay-ninh"]])

    static let directive = Directive(
        number: "33/CT-TTg", title: "Về công tác dân vận", issuer: "ttcp", issued: d("2021-11-26"), monitor: "bo-noi-vu",
        escalation: [
            EscalationRule(offset: .workingDays(1), targets: [.head]),
            EscalationRule(offset: .workingDays(5), targets: [.monitor]),
            EscalationRule(offset: .workingDays(10), targets: [.issuer, .reportTo]),
        ],
        steps: [
            Step(id: "bao-cao-nam", phase: .report, title: "Báo cáo hằng năm", lead: ["group:tinh", "ubnd-hai-duong"],
                 support: ["bo-noi-vu"], reportTo: ["bo-noi-vu"], due: .yearly(.before(month: 12, day: 15)),
                 from: PeriodBound(year: 2021)),
            Step(id: "tong-hop", phase: .report, title: "Tổng hợp báo cáo", lead: ["bo-noi-vu"],
                 due: .after(10, .days, .step("bao-cao-nam"))),
            Step(id: "ra-soat", phase: .task, title: "Rà soát sau báo cáo", lead: ["group:tinh"],
                 due: .after(10, .days, .stepDone("bao-cao-nam")), reminders: [ReminderRule(.workingDays(0))]),
            Step(id: "quan-triet", phase: .dissemination, title: "Quán triệt", lead: ["ubnd-cu"],
                 due: .after(30, .days, .issued)),
        ])

    let planner = Planner(directives: [PlannerTests.directive], org: PlannerTests.org,
                          calendar: WorkCalendar(files: [calendar2026File]))

    func at(_ iso: String) -> LocalDateTime { LocalDateTime(date: d(iso), hour: 8, minute: 0) }

    @Test func obligationsGoToTheUnitThatHoldsThemOnTheDueDate() {
        let keys = planner.obligations(due: d("2026-01-01")...d("2026-12-31")).map(\.key)
        // Hải Dương merged into Hải Phòng on 1/7/2025: one obligation, held by Hải Phòng.
        #expect(keys == [
            "33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026", "33/CT-TTg#bao-cao-nam@ubnd-tay-ninh/2026",
            "33/CT-TTg#tong-hop@bo-noi-vu/2026",
        ])
        let old = planner.obligations(due: d("2021-01-01")...d("2021-12-31"))
        #expect(old.contains { $0.key == "33/CT-TTg#bao-cao-nam@ubnd-hai-duong/2021" && $0.hasHolder })
        let orphan = old.first { $0.step == "quan-triet" }
        #expect(orphan?.hasHolder == true)  // 26/12/2021: the unit still existed
    }

    @Test func aPeriodOfAUnitThatCeasedWithoutSuccessorIsFlagged() {
        // The year 2025 began while the unit existed; it falls due after the unit ceased (30/6).
        let planner = Planner(directives: [Directive(number: "1/CT", title: "t", issuer: "ttcp", issued: d("2024-01-05"),
                                                     steps: [Step(id: "a", phase: .task, title: "a", lead: ["ubnd-cu"],
                                                                  due: .yearly(.by(month: 12, day: 20)))])],
                              org: PlannerTests.org, calendar: WorkCalendar())
        let obligations = planner.obligations(due: d("2025-01-01")...d("2026-12-31"))
        #expect(obligations.map(\.key) == ["1/CT#a@ubnd-cu/2025"])
        #expect(obligations.first?.hasHolder == false)
    }

    @Test func aStepAnchoredOnAnotherCountsFromTheLatestDueDateOfThatPeriod() throws {
        let obligation = try #require(planner.obligations(due: d("2026-01-01")...d("2026-12-31")).first { $0.step == "tong-hop" })
        #expect(obligation.period == .year(2026))
        #expect(obligation.deadline.nominal == d("2026-12-24"))  // 14/12 + 10 days
    }

    @Test func aDoneAnchorCreatesTheObligationOnlyOnceDone() throws {
        let window = d("2026-01-01")...d("2026-12-31")
        #expect(!planner.obligations(due: window).contains { $0.step == "ra-soat" })
        let progress = Progress(completions: ["33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026": at("2026-12-10")])
        let obligation = try #require(planner.obligations(due: window, progress: progress).first { $0.step == "ra-soat" })
        #expect(obligation.unit == "ubnd-hai-phong")
        #expect(obligation.deadline.nominal == d("2026-12-20"))  // a Sunday
        #expect(obligation.deadline.dueDate == d("2026-12-21"))
    }

    @Test func remindersCountBackAndEscalationsForwardOnWorkingDays() {
        let notifications = planner.notifications(in: at("2026-12-01")...at("2026-12-31"))
            .filter { $0.obligation.key == "33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026" }
        let lines = notifications.map { "\($0.at) \($0.kind.rawValue) \($0.rule) → \($0.to.compactMap(\.email).joined(separator: ","))" }
        #expect(lines == [
            "2026-12-09T08:00:00 reminder 3 working days before → vanphong@haiphong.gov.vn",
            "2026-12-11T08:00:00 reminder 1 working day before → vanphong@haiphong.gov.vn",
            "2026-12-14T08:00:00 reminder on due → vanphong@haiphong.gov.vn",
            "2026-12-15T08:00:00 escalation 1 working day after due → chutich@haiphong.gov.vn",
            "2026-12-21T08:00:00 escalation 5 working days after due → vanthu@moha.gov.vn",
            "2026-12-28T08:00:00 escalation 10 working days after due → vanthu@moha.gov.vn",
        ])
        #expect(notifications.first?.cc.map(\.email) == ["vanthu@moha.gov.vn"])
        #expect(notifications.first?.key == "33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026!reminder:3wd")
    }

    /// DESIGN §3: the completion's instant does not matter for sending, only that it is recorded
    /// (done on 11/12 at 09:30, or dated months ahead by `done --at`).
    @Test(arguments: ["2026-12-11", "2027-06-30"])
    func nothingIsSentForADoneObligation(doneOn day: String) {
        let key = "33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026"
        let progress = Progress(completions: [key: LocalDateTime(date: d(day), hour: 9, minute: 30)])
        let sent = planner.notifications(in: at("2026-12-01")...at("2026-12-31"), progress: progress)
            .filter { $0.obligation.key == key }
        #expect(sent.isEmpty)
        #expect(!planner.notifications(in: at("2026-12-01")...at("2026-12-31")).filter { $0.obligation.key == key }.isEmpty)
    }

    @Test func anExtensionMovesTheDeadlineAndItsNotifications() throws {
        let key = "33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026"
        let progress = Progress(extensions: [key: d("2026-12-25")])
        let obligation = try #require(planner.obligations(due: d("2026-12-01")...d("2026-12-31"), progress: progress).first { $0.key == key })
        #expect(obligation.extended)
        #expect(obligation.deadline.dueDate == d("2026-12-25"))
        let first = planner.notifications(in: at("2026-12-01")...at("2027-01-31"), progress: progress).first { $0.obligation.key == key }
        #expect(first?.at == at("2026-12-22"))
    }

    @Test func notificationsAreOrderedByTimeThenKindThenKey() {
        let all = planner.notifications(in: at("2021-01-01")...at("2027-12-31"))
        #expect(!all.isEmpty)
        for (a, b) in zip(all, all.dropFirst()) {
            #expect(!Notification.precedes(b, a))
        }
        // The periods before `from:` never notify; each (obligation, rule) appears once.
        #expect(Set(all.map(\.key)).count == all.count)
    }

    @Test func keysParseBack() throws {
        let parsed = try #require(Obligation.parse(key: "02-ĐA/TU#bao-cao-thang@ban-dan-van/2016-09"))
        #expect(parsed.directive == "02-ĐA/TU" && parsed.step == "bao-cao-thang" && parsed.unit == "ban-dan-van")
        #expect(parsed.period == .month(2016, 9))
        #expect(Obligation.parse(key: "33/CT-TTg#quan-triet@ubnd-hai-phong")?.period == nil)
        #expect(Obligation.parse(key: "nonsense") == nil)
        #expect(Directive.normalize(number: "02 - ĐA/TU") == "02-ĐA/TU")
        #expect(Directive.normalize(number: " 33 / CT-TTg ") == "33/CT-TTg")
    }
}
