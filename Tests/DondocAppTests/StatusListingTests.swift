import DondocCore
import DondocStore
import Testing
@testable import DondocApp

/// What `status` lists: the window, and the open overdue obligations whatever their due date.
struct StatusListingTests {
    typealias F = Fixture

    func keys(_ records: TrackingRecords = TrackingRecords(), now: String, window: (String, String)? = nil,
              unit: String? = nil) throws -> [String] {
        let listing = StatusListing(planner: F.workflows.planner(), records: records, now: F.at(now))
        let range = window.map { F.d($0.0)...F.d($0.1) } ?? StatusListing.defaultWindow(today: F.d(now))
        return listing.obligations(window: range, unit: try unit.map { try UnitFilter(unit: $0, org: F.org) }).map(\.obligation.key)
    }

    @Test func longOverdueObligationsStayInViewUntilDone() throws {
        // 2027-06-01: the window starts 2026-06-01; the 2024 and 2025 reports are long overdue.
        #expect(try keys(now: "2027-06-01", unit: "ubnd-a") == [
            "1/CT-TEST#bao-cao-nam@ubnd-a/2024", "1/CT-TEST#bao-cao-nam@ubnd-a/2025",
            "1/CT-TEST#bao-cao@ubnd-a", "1/CT-TEST#bao-cao-nam@ubnd-a/2026",
        ])
        let done2024 = "1/CT-TEST#bao-cao-nam@ubnd-a/2024"
        let records = TrackingRecords(progress: Progress(completions: [done2024: F.at("2025-01-10")]),
                                      completions: [done2024: Completion(key: done2024, at: F.at("2025-01-10").epochSeconds())])
        #expect(try !keys(records, now: "2027-06-01", unit: "ubnd-a").contains(done2024))
    }

    @Test func theWindowBoundsTheOthers() throws {
        let key2026 = "1/CT-TEST#bao-cao-nam@ubnd-a/2026"
        let records = TrackingRecords(progress: Progress(completions: [key2026: F.at("2026-12-01")]),
                                      completions: [key2026: Completion(key: key2026, at: F.at("2026-12-01").epochSeconds())])
        // A window in 2027, today in 2027-12: done and not-yet-due ones outside it are left out.
        let listed = try keys(records, now: "2027-12-20", window: ("2027-12-01", "2027-12-31"))
        #expect(!listed.contains(key2026))
        #expect(listed.contains("1/CT-TEST#bao-cao-nam@ubnd-a/2027"))
        #expect(listed.contains("1/CT-TEST#bao-cao@ubnd-b"))  // overdue since 2026-12-15
        // A window that ends before today still shows what fell overdue after it.
        #expect(try keys(now: "2027-12-20", window: ("2024-01-01", "2024-01-31")).contains("1/CT-TEST#bao-cao-nam@ubnd-a/2027"))
    }
}
