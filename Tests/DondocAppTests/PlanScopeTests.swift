import DondocApp
import DondocCore
import DondocLoader
import Foundation
import Testing

/// A plan made for one unit or one key is exactly the part of the whole plan it selects, on the
/// bundled workflows, whose units merge and hand their obligations to successors.
@Suite struct PlanScopeTests {
    static let workflows: WorkflowSet = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return WorkflowLoader.load(directory: root.appendingPathComponent("Workflows").path,
                                   today: CivilDate(year: 2026, month: 6, day: 1)).workflows
    }()
    static let dates = CivilDate(iso: "2021-01-01")!...CivilDate(iso: "2027-12-31")!

    /// Units that hold obligations, some of them successors of others, and a group.
    static var units: [String] {
        let whole = workflows.planner().obligations(due: dates)
        var picked = Set<String>()
        for obligation in whole where obligation.unit != obligation.assignedUnit { picked.insert(obligation.unit) }
        for obligation in whole.prefix(40) { picked.insert(obligation.unit) }
        return picked.sorted() + workflows.org.groups.keys.sorted().prefix(2).map { "group:\($0)" }
    }

    @Test("a unit's plan is the whole plan filtered to the unit, successors included")
    func unitScope() throws {
        let whole = Self.workflows.planner().obligations(due: Self.dates)
        #expect(whole.contains { $0.unit != $0.assignedUnit }, "the bundled workflows hand obligations to successors")
        for unit in Self.units {
            let filter = try UnitFilter(unit: unit, org: Self.workflows.org)
            let scoped = Self.workflows.planner().obligations(due: Self.dates, unit: filter)
            #expect(scoped.map(\.key) == whole.filter(filter.includes).map(\.key), "unit \(unit)")
        }
    }

    @Test("a key's lookup finds the obligation the whole plan has, with the same deadline")
    func keyScope() throws {
        let whole = Self.workflows.planner().obligations(due: Self.dates)
        let lookup = ObligationLookup(workflows: Self.workflows, sendAt: 8 * 60)
        let now = LocalDateTime(date: CivilDate(iso: "2026-06-01")!, hour: 9, minute: 0)
        for obligation in stride(from: 0, to: whole.count, by: max(1, whole.count / 60)).map({ whole[$0] }) {
            let found = try #require(try lookup.find(key: obligation.key, records: TrackingRecords(progress: .none), now: now),
                                     "\(obligation.key)")
            #expect(found.tracked.obligation.deadline == obligation.deadline, "\(obligation.key)")
        }
    }

    @Test("a key's lookup finds an obligation whose extension moved it years past its period")
    func keyScopeFindsAFarExtension() throws {
        let whole = Self.workflows.planner().obligations(due: Self.dates)
        let obligation = try #require(whole.first { $0.period != nil && $0.hasHolder })
        let far = obligation.deadline.dueDate.adding(years: 5)
        let progress = Progress(extensions: [obligation.key: far])
        let lookup = ObligationLookup(workflows: Self.workflows, sendAt: 8 * 60)
        let now = LocalDateTime(date: CivilDate(iso: "2026-06-01")!, hour: 9, minute: 0)
        let found = try #require(try lookup.find(key: obligation.key, records: TrackingRecords(progress: progress), now: now))
        #expect(found.tracked.obligation.deadline.dueDate == far)
        #expect(found.tracked.obligation.extended)
    }
}
