import DondocCore
import DondocStore
import Testing
@testable import DondocApp

/// An obligation's state and report category, with the time passed in.
struct StatusRulesTests {
    typealias F = Fixture
    let rules = StatusRules(calendar: WorkCalendar())
    let key = "1/CT-TEST#bao-cao@ubnd-a"

    func obligation(_ records: TrackingRecords = TrackingRecords()) throws -> Obligation {
        let all = F.workflows.planner().obligations(due: F.d("2026-01-01")...F.d("2027-12-31"), progress: records.progress)
        return try #require(all.first { $0.key == key })
    }

    func done(at iso: String, _ hour: Int = 9) -> TrackingRecords {
        let at = F.at(iso, hour)
        return TrackingRecords(progress: Progress(completions: [key: at]),
                               completions: [key: Completion(key: key, at: at.epochSeconds(), by: "Văn thư")])
    }

    @Test(arguments: [
        ("2026-12-01", ObligationState.pending, ReportCategory.openOnTime),
        // Three working days before the target date (Wednesday 9/12) reminders start.
        ("2026-12-09", .dueSoon, .openOnTime),
        ("2026-12-14", .dueSoon, .openOnTime),
        ("2026-12-15", .overdue, .openOverdue),
    ])
    func openObligations(_ day: String, _ state: ObligationState, _ category: ReportCategory) throws {
        let tracked = rules.track(try obligation(), records: TrackingRecords(), now: F.at(day))
        #expect(tracked.state == state)
        #expect(tracked.category == category)
    }

    @Test func doneBeforeDueAtIsOnTimeAndAfterIsLate() throws {
        let onTime = rules.track(try obligation(), records: done(at: "2026-12-14", 23), now: F.at("2027-01-10"))
        #expect(onTime.state == .done)
        #expect(onTime.category == .doneOnTime)
        #expect(onTime.completion?.by == "Văn thư")
        // due_at is 00:00 on the day after the due date: a completion at that instant is late.
        let late = rules.track(try obligation(), records: done(at: "2026-12-15", 0), now: F.at("2027-01-10"))
        #expect(late.category == .doneLate)
    }

    @Test func anExtensionMovesTheDeadlineTheCategoryIsJudgedBy() throws {
        var records = done(at: "2026-12-20")
        records.progress.extensions[key] = F.d("2026-12-31")
        let tracked = rules.track(try obligation(records), records: records, now: F.at("2027-01-10"))
        #expect(tracked.category == .doneOnTime)
        #expect(tracked.extendedTo == F.d("2026-12-31"))
        records.completions = [:]
        records.progress.completions = [:]
        #expect(rules.track(try obligation(records), records: records, now: F.at("2026-12-20")).state == .extended)
        #expect(rules.track(try obligation(records), records: records, now: F.at("2027-01-01")).state == .overdue)
    }

    @Test func aRequestedExtensionShowsUntilItIsAnsweredAndChangesNoDeadline() throws {
        let records = TrackingRecords(extensionRequests: [key])
        let tracked = rules.track(try obligation(records), records: records, now: F.at("2026-12-20"))
        #expect(tracked.state == .extensionRequested)
        #expect(tracked.category == .openOverdue)
        #expect(tracked.obligation.deadline.dueDate == F.d("2026-12-14"))
    }
}
