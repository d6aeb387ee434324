import DondocCore
import Foundation
import Testing
@testable import DondocLoader

/// A reload reads again only the directive files that changed (DESIGN §5), and sees every change.
@Suite("Reloading with the directive files as last read")
struct DirectiveFileCacheTests {
    /// Dates a file an hour back, as a file edited before the daemon started is.
    static func age(_ dir: TemporaryDirectory, _ names: String...) throws {
        for name in names {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3_600)],
                                                  ofItemAtPath: dir.path + "/" + name)
        }
    }

    static func titles(_ report: LoadReport) -> [String] { report.workflows.directives.map(\.title) }

    @Test("unchanged files are not read again; an edited, added or removed one is, with its problems kept")
    func readsOnlyWhatChanged() throws {
        let dir = try TemporaryDirectory()
        try dir.write("units.yaml", WorkflowLoaderTests.units)
        try dir.write("a.yaml", WorkflowLoaderTests.directive("1/CT"))
        try dir.write("b.yaml", WorkflowLoaderTests.directive("2/CT", lead: "bo-noi-vuu"))
        try dir.write("c.yaml", WorkflowLoaderTests.directive("3/CT"))
        try Self.age(dir, "a.yaml", "b.yaml", "c.yaml")
        let cache = DirectiveFileCache()
        let first = WorkflowLoader.load(directory: dir.path, today: nil, cache: cache)
        #expect(first.directiveFilesRead == 3)
        let expected = ["b.yaml:10:12: error: unknown unit 'bo-noi-vuu' in lead: did you mean 'bo-noi-vu'?"]
        #expect(Fixtures.rendered(first, relativeTo: dir.path) == expected)

        let second = WorkflowLoader.load(directory: dir.path, today: nil, cache: cache)
        #expect(second.directiveFilesRead == 0)
        #expect(Fixtures.rendered(second, relativeTo: dir.path) == expected)
        #expect(second.workflows.directives.map(\.number) == ["1/CT", "3/CT"])
        #expect(second.invalidFiles == first.invalidFiles)

        // The same size, the same modification time: the change time still tells.
        let edited = WorkflowLoaderTests.directive("3/CT").replacingOccurrences(of: "Một chỉ thị", with: "Mốt chỉ thị")
        #expect(edited.utf8.count == WorkflowLoaderTests.directive("3/CT").utf8.count)
        try dir.write("c.yaml", edited)
        try Self.age(dir, "c.yaml")
        let third = WorkflowLoader.load(directory: dir.path, today: nil, cache: cache)
        #expect(third.directiveFilesRead == 1)
        #expect(Self.titles(third) == ["Một chỉ thị", "Mốt chỉ thị"])

        try FileManager.default.removeItem(atPath: dir.path + "/a.yaml")
        try dir.write("d.yaml", WorkflowLoaderTests.directive("4/CT", due: "30 days after isued"))
        let fourth = WorkflowLoader.load(directory: dir.path, today: nil, cache: cache)
        #expect(fourth.workflows.directives.map(\.number) == ["3/CT"])
        #expect(Fixtures.rendered(fourth, relativeTo: dir.path) == expected + [
            "d.yaml:11:24: error: invalid 'due': expected 'issued' or 'step ID', found 'isued'",
        ])
        // d.yaml was written just now: it is read again until it has aged, and never served stale.
        #expect(WorkflowLoader.load(directory: dir.path, today: nil, cache: cache).directiveFilesRead == 1)
        try Self.age(dir, "d.yaml")
        #expect(WorkflowLoader.load(directory: dir.path, today: nil, cache: cache).directiveFilesRead == 1)
        #expect(WorkflowLoader.load(directory: dir.path, today: nil, cache: cache).directiveFilesRead == 0)
    }

    @Test("a fix in units.yaml clears a cached file's reference")
    func crossFileChecksRunAgain() throws {
        let dir = try TemporaryDirectory()
        try dir.write("units.yaml", WorkflowLoaderTests.units)
        try dir.write("a.yaml", WorkflowLoaderTests.directive("1/CT", lead: "so-noi-vu"))
        try Self.age(dir, "a.yaml")
        let cache = DirectiveFileCache()
        let before = WorkflowLoader.load(directory: dir.path, today: nil, cache: cache)
        #expect(before.workflows.directives.isEmpty)
        try dir.write("units.yaml", WorkflowLoaderTests.units + """
              - id: so-noi-vu
                name: Sở Nội vụ
                email: sonoivu@example.gov.vn
                parent: bo-noi-vu

            """)
        let after = WorkflowLoader.load(directory: dir.path, today: nil, cache: cache)
        #expect(after.directiveFilesRead == 0)
        #expect(Fixtures.rendered(after, relativeTo: dir.path) == [])
        #expect(after.workflows.directives.map(\.number) == ["1/CT"])
    }

    @Test("a directive's own checks are kept with its file while units.yaml stays as it was, and run again when it changes")
    func ownChecksFollowTheUnits() throws {
        let dir = try TemporaryDirectory()
        let ceased = WorkflowLoaderTests.units + """
              - id: so-cu
                name: Sở cũ
                email: socu@example.gov.vn
                valid-until: 2020-12-31

            """
        try dir.write("units.yaml", ceased)
        try dir.write("a.yaml", WorkflowLoaderTests.directive("1/CT", lead: "so-cu"))
        try Self.age(dir, "units.yaml", "a.yaml")
        let cache = DirectiveFileCache()
        let first = WorkflowLoader.load(directory: dir.path, today: nil, cache: cache)
        let warning = Fixtures.rendered(first, relativeTo: dir.path)
        #expect(warning.count == 1 && warning[0].contains("unit 'so-cu'") && warning[0].contains("owes nothing"), "\(warning)")

        let second = WorkflowLoader.load(directory: dir.path, today: nil, cache: cache)
        #expect(second.directiveFilesRead == 0)
        #expect(Fixtures.rendered(second, relativeTo: dir.path) == warning)

        // The unit's end moved past the step's deadline: the cached file is checked again.
        try dir.write("units.yaml", ceased.replacingOccurrences(of: "valid-until: 2020-12-31", with: "valid-until: 2030-12-31"))
        try Self.age(dir, "units.yaml")
        let third = WorkflowLoader.load(directory: dir.path, today: nil, cache: cache)
        #expect(third.directiveFilesRead == 0)
        #expect(Fixtures.rendered(third, relativeTo: dir.path) == [])
    }

    @Test("a cached file's unit references and the units it sends to follow units.yaml")
    func cachedReferencesFollowTheUnits() throws {
        let dir = try TemporaryDirectory()
        let withSo = WorkflowLoaderTests.units + """
              - id: so-moi
                name: Sở mới
                email: somoi@example.gov.vn

            """
        try dir.write("units.yaml", withSo)
        try dir.write("a.yaml", WorkflowLoaderTests.directive("1/CT", lead: "so-moi"))
        try dir.write("b.yaml", WorkflowLoaderTests.directive("2/CT"))
        try Self.age(dir, "units.yaml", "a.yaml", "b.yaml")
        let cache = DirectiveFileCache()
        let first = WorkflowLoader.load(directory: dir.path, today: nil, cache: cache)
        #expect(Fixtures.rendered(first, relativeTo: dir.path) == [])
        #expect(first.workflows.directives.count == 2)

        // The unit loses its address: the cached file still sends to it, so the warning comes.
        try dir.write("units.yaml", withSo.replacingOccurrences(of: "    email: somoi@example.gov.vn\n", with: ""))
        try Self.age(dir, "units.yaml")
        let second = WorkflowLoader.load(directory: dir.path, today: nil, cache: cache)
        #expect(second.directiveFilesRead == 0)
        let warning = Fixtures.rendered(second, relativeTo: dir.path)
        #expect(warning.count == 1 && warning[0].hasPrefix("units.yaml:") && warning[0].contains("unit 'so-moi' has no email"), "\(warning)")

        // The unit is gone: the cached file that leads with it is an error and does not load.
        try dir.write("units.yaml", WorkflowLoaderTests.units)
        try Self.age(dir, "units.yaml")
        let third = WorkflowLoader.load(directory: dir.path, today: nil, cache: cache)
        #expect(third.directiveFilesRead == 0)
        let error = Fixtures.rendered(third, relativeTo: dir.path)
        #expect(error.count == 1 && error[0].hasPrefix("a.yaml:10:") && error[0].contains("unknown unit 'so-moi' in lead"), "\(error)")
        #expect(third.workflows.directives.map(\.number) == ["2/CT"])
    }

    @Test("a load on every core reports what a load of each file alone reports, in file order")
    func parallelReadKeepsTheOrder() throws {
        let dir = try TemporaryDirectory()
        try dir.write("units.yaml", WorkflowLoaderTests.units)
        var expected: [String] = []
        for n in 0..<40 {
            let name = String(format: "f%02d.yaml", n)
            if n % 3 == 0 {
                try dir.write(name, WorkflowLoaderTests.directive("\(n)/CT", lead: "bo-noi-vuu"))
                expected.append("\(name):10:12: error: unknown unit 'bo-noi-vuu' in lead: did you mean 'bo-noi-vu'?")
            } else {
                try dir.write(name, WorkflowLoaderTests.directive("\(n)/CT"))
            }
        }
        let report = WorkflowLoader.load(directory: dir.path, today: nil)
        #expect(Fixtures.rendered(report, relativeTo: dir.path) == expected)
        #expect(report.workflows.directives.map(\.number) == (0..<40).filter { $0 % 3 != 0 }.map { "\($0)/CT" })
    }
}
