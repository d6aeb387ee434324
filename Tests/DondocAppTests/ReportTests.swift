import DondocCore
import DondocStore
import Testing
@testable import DondocApp

/// The categories counted per unit and per directive.
struct ReportTests {
    typealias F = Fixture
    let window = F.d("2026-01-01")...F.d("2026-12-31")

    func report(by grouping: Report.Grouping, records: TrackingRecords, now: String) -> Report {
        Report(F.workflows.tracked(due: window, records: records, now: F.at(now)), by: grouping, window: window, workflows: F.workflows)
    }

    @Test func countsPerUnitWithTheShareDoneOnTime() {
        // Due 2026-12-14: bao-cao for ubnd-a and ubnd-b, bao-cao-nam/2026 for ubnd-a.
        let onTime = F.at("2026-12-10")
        let late = F.at("2026-12-16")
        let records = TrackingRecords(completions: [
            "1/CT-TEST#bao-cao@ubnd-a": Completion(key: "1/CT-TEST#bao-cao@ubnd-a", at: onTime.epochSeconds()),
            "1/CT-TEST#bao-cao@ubnd-b": Completion(key: "1/CT-TEST#bao-cao@ubnd-b", at: late.epochSeconds()),
        ])
        let byUnit = report(by: .unit, records: records, now: "2026-12-20")
        #expect(byUnit.rows.map(\.id) == ["ubnd-a", "ubnd-b"])
        #expect(byUnit.rows.map(\.name) == ["UBND A", "UBND B"])
        let a = byUnit.rows[0].counts
        #expect((a.doneOnTime, a.doneLate, a.openOnTime, a.openOverdue, a.total) == (1, 0, 0, 1, 2))
        #expect(a.onTimeShare == 0.5)
        #expect(byUnit.rows[1].counts[.doneLate] == 1)
        #expect(byUnit.total.total == 3 && byUnit.total.doneOnTime == 1)

        let byDirective = report(by: .directive, records: records, now: "2026-12-01")
        #expect(byDirective.rows.map(\.id) == ["1/CT-TEST"])
        #expect(byDirective.rows.first?.name == "Thử")
        #expect(byDirective.rows.first?.counts[.openOnTime] == 1)
    }

    @Test func aWindowWithNothingDueHasNoRowsAndNoShare() {
        let empty = Report([], by: .unit, window: window, workflows: F.workflows)
        #expect(empty.rows.isEmpty)
        #expect(empty.total.onTimeShare == nil)
        #expect(Report.year(of: F.d("2026-06-15")) == window)
    }
}
