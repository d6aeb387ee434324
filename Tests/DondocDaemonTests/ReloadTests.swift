import DondocCore
import DondocLoader
import Foundation
import Testing
@testable import DondocDaemon

/// A reload never makes things worse (DESIGN §5): a file that fails keeps its last good version.
struct ReloadTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try write("units.yaml", """
            units:
              - id: bo-noi-vu
                name: Bộ Nội vụ
                email: vanthu@moha.gov.vn
            """)
        try write("a.yaml", directive(number: "1/CT-A", due: "2026-12-14"))
        try write("b.yaml", directive(number: "2/CT-B", due: "2026-12-15"))
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func directive(number: String, due: String) -> String {
        """
        directive:
          number: \(number)
          title: Thử
          issuer: bo-noi-vu
          issued: 2026-01-05
          monitor: bo-noi-vu
        steps:
          - id: bao-cao
            title: Báo cáo
            lead: [bo-noi-vu]
            due: \(due)
        """
    }

    func load(previous: WorkflowSet?) -> WorkflowSet {
        LiveWorkflows.merge(previous: previous, report: WorkflowLoader.load(directory: directory.path, today: nil))
    }

    @Test func aBrokenFileKeepsItsLastGoodVersionAndTheRestReloads() throws {
        let first = load(previous: nil)
        #expect(first.directives.map(\.number).sorted() == ["1/CT-A", "2/CT-B"])

        try write("a.yaml", directive(number: "1/CT-A", due: "2026-12-3l"))     // a typo: fails to load
        try write("b.yaml", directive(number: "2/CT-B", due: "2026-12-20"))     // a real change
        let second = load(previous: first)
        let a = try #require(second.directive("1/CT-A"))
        #expect(a.steps.first?.due == .on(CivilDate(iso: "2026-12-14")!))
        #expect(second.directive("2/CT-B")?.steps.first?.due == .on(CivilDate(iso: "2026-12-20")!))

        try write("a.yaml", directive(number: "1/CT-A", due: "2026-12-31"))     // fixed: comes back
        let third = load(previous: second)
        #expect(third.directive("1/CT-A")?.steps.first?.due == .on(CivilDate(iso: "2026-12-31")!))
    }

    @Test func atStartABrokenFileIsSkippedAndTheRestRuns() throws {
        try write("a.yaml", "directive: [")
        let loaded = load(previous: nil)
        #expect(loaded.directives.map(\.number) == ["2/CT-B"])
    }

    @Test func aBrokenUnitsFileKeepsTheOrgChart() throws {
        let first = load(previous: nil)
        try write("units.yaml", "units:\n  - id: bo-noi-vu\n    name: [")
        let second = load(previous: first)
        #expect(second.org["bo-noi-vu"]?.email == "vanthu@moha.gov.vn")
    }
}
