import DondocCore
import Foundation
import Testing
@testable import DondocLoader

/// Each fixture directory loads with exactly the diagnostics in its `expected.txt`.
@Suite("Fixture workflow directories")
struct FixtureTests {
    @Test("broken directories report exactly the expected diagnostics", arguments: Fixtures.cases("broken"))
    func broken(_ name: String) throws {
        let folder = Fixtures.folder("broken", name)
        let expected = try Fixtures.expected(folder)
        #expect(!expected.isEmpty, "a broken fixture must expect at least one diagnostic")
        let report = WorkflowLoader.load(directory: folder.path, today: Fixtures.today(folder))
        let actual = Fixtures.rendered(report, relativeTo: folder.path)
        if ProcessInfo.processInfo.environment["DONDOC_PRINT_FIXTURES"] != nil {
            print("== \(name)\n" + actual.joined(separator: "\n"))
        }
        #expect(actual == expected)
        #expect(report.hasErrors == expected.contains { $0.contains(": error: ") })
    }

    @Test("valid directories load without a diagnostic", arguments: Fixtures.cases("valid"))
    func valid(_ name: String) throws {
        let folder = Fixtures.folder("valid", name)
        let report = WorkflowLoader.load(directory: folder.path, today: Fixtures.today(folder))
        #expect(Fixtures.rendered(report, relativeTo: folder.path) == (try Fixtures.expected(folder)))
        #expect(!report.hasErrors)
        #expect(report.invalidFiles.isEmpty)
        #expect(!report.workflows.directives.isEmpty)
    }

    @Test("there are enough broken cases to cover every check")
    func coverage() {
        #expect(Fixtures.cases("broken").count >= 30)
        #expect(Fixtures.cases("valid").count >= 1)
    }
}
