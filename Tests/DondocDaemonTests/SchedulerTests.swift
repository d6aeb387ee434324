import DondocCore
import Testing
@testable import DondocDaemon

/// The scheduler's decisions, with the time passed in.
struct SchedulerTests {
    static func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    static let org = OrgChart(units: [
        Unit(id: "bo-noi-vu", name: "Bộ Nội vụ", email: "vanthu@moha.gov.vn"),
        Unit(id: "ubnd-a", name: "UBND A", email: "a@example.gov.vn", head: Unit.Head(title: "Chủ tịch", email: "ct.a@example.gov.vn")),
        Unit(id: "ubnd-b", name: "UBND B", email: "B@Example.gov.vn "),
    ])
    static let directive = Directive(
        number: "1/CT-TEST", title: "Thử", issuer: "bo-noi-vu", issued: d("2026-01-05"), monitor: "bo-noi-vu",
        reminders: [ReminderRule(.workingDays(1)), ReminderRule(.workingDays(0))],
        escalation: [EscalationRule(offset: .workingDays(1), targets: [.head])],
        steps: [Step(id: "bao-cao", phase: .report, title: "Báo cáo", lead: ["ubnd-a", "ubnd-b"], support: ["bo-noi-vu"],
                     due: .on(d("2026-12-14")))])
    let scheduler = Scheduler(planner: Planner(directives: [SchedulerTests.directive], org: SchedulerTests.org,
                                               calendar: WorkCalendar()))

    func at(_ iso: String, _ hour: Int = 8) -> LocalDateTime { LocalDateTime(date: SchedulerTests.d(iso), hour: hour, minute: 0) }

    @Test func sleepsUntilTheNextNotification() {
        let schedule = scheduler.schedule(now: at("2026-12-10", 9), since: at("2026-12-10", 9), progress: .none) { _, _ in false }
        #expect(schedule.due.isEmpty)
        #expect(schedule.nextWake == at("2026-12-11"))  // 1 working day before Monday 14/12
    }

    @Test func sendsWhatFellDueSinceAndNothingBefore() {
        let schedule = scheduler.schedule(now: at("2026-12-14", 9), since: at("2026-12-12"), progress: .none) { _, _ in false }
        #expect(schedule.due.map(\.rule) == ["on due", "on due"])
        #expect(schedule.nextWake == at("2026-12-15"))
    }

    @Test func catchUpAfterDowntimeCoversEverythingUnsent() {
        let schedule = scheduler.schedule(now: at("2026-12-16"), since: at("2026-12-01"), progress: .none) { _, _ in false }
        #expect(schedule.due.count == 6)  // 2 units × (1 wd before, on due, 1 wd after)
    }

    @Test func claimedAddressesAreNotDueAgainButTheOthersAre() {
        let schedule = scheduler.schedule(now: at("2026-12-14"), since: at("2026-12-14"), progress: .none) { key, address in
            key.contains("@ubnd-a") && address == "a@example.gov.vn"
        }
        // ubnd-a's reminder still owes its copy to bo-noi-vu; ubnd-b's is untouched.
        #expect(schedule.due.count == 2)
        let allClaimed = scheduler.schedule(now: at("2026-12-14"), since: at("2026-12-14"), progress: .none) { _, _ in true }
        #expect(allClaimed.due.isEmpty)
    }

    /// Whatever instant it carries: before, between or after the notifications' instants.
    @Test(arguments: [("2026-12-01", 8), ("2026-12-11", 10), ("2026-12-30", 12)])
    func aCompletionStopsEverythingNotYetSent(day: String, hour: Int) {
        let progress = Progress(completions: ["1/CT-TEST#bao-cao@ubnd-a": at(day, hour)])
        let schedule = scheduler.schedule(now: at("2026-12-16"), since: at("2026-12-01"), progress: progress) { _, _ in false }
        #expect(schedule.due.filter { $0.obligation.unit == "ubnd-a" }.isEmpty)
        #expect(schedule.due.filter { $0.obligation.unit == "ubnd-b" }.count == 3)
    }

    @Test func addressesAreComparedAsMailboxes() {
        let notification = scheduler.schedule(now: at("2026-12-14"), since: at("2026-12-14"), progress: .none) { _, _ in false }
            .due.first { $0.obligation.unit == "ubnd-b" }!
        #expect(Scheduler.addresses(of: notification) == ["b@example.gov.vn", "vanthu@moha.gov.vn"])
    }

    @Test func withNothingAheadItWakesAtTheEndOfTheLookAhead() {
        let schedule = scheduler.schedule(now: at("2027-06-01"), since: at("2027-06-01"), progress: .none) { _, _ in false }
        #expect(schedule.nextWake == LocalDateTime(minutesSinceEpoch: at("2027-06-01").minutesSinceEpoch + 7 * 1440))
    }
}
