import DondocCore
import Foundation
import Testing
@testable import DondocLoader

/// What the daemon and the CLI rely on beyond the diagnostics: what loads, what does not,
/// where it was written, and that no input hangs or crashes the loader.
@Suite("Loading a workflows directory")
struct WorkflowLoaderTests {
    static let units = """
        units:
          - id: ttcp
            name: Thủ tướng Chính phủ
            email: thutuong@chinhphu.vn
          - id: bo-noi-vu
            name: Bộ Nội vụ
            email: vanthu@moha.gov.vn
            parent: ttcp

        """

    static func directive(_ number: String, lead: String = "bo-noi-vu", due: String = "30 days after issued") -> String {
        """
        directive:
          number: \(number)
          title: Một chỉ thị
          issuer: ttcp
          issued: 2021-11-26
          monitor: bo-noi-vu
        steps:
          - id: buoc-1
            title: Bước một
            lead: [\(lead)]
            due: \(due)

        """
    }

    @Test("a broken directive file is left out, the others load")
    func brokenFileDoesNotStopTheOthers() throws {
        let dir = try TemporaryDirectory()
        try dir.write("units.yaml", Self.units)
        try dir.write("a.yaml", Self.directive("1/CT"))
        try dir.write("b.yaml", Self.directive("2/CT", due: "30 days after isued"))
        try dir.write("c.yaml", Self.directive("3/CT", lead: "bo-noi-vuu"))
        try dir.write("d.yml", Self.directive("4/CT"))
        let report = WorkflowLoader.load(directory: dir.path, today: nil)
        #expect(report.workflows.directives.map(\.number) == ["1/CT", "4/CT"])
        #expect(report.invalidFiles == [dir.path + "/b.yaml", dir.path + "/c.yaml"])
        #expect(report.hasErrors)
        #expect(Fixtures.rendered(report, relativeTo: dir.path) == [
            "b.yaml:11:24: error: invalid 'due': expected 'issued' or 'step ID', found 'isued'",
            "c.yaml:10:12: error: unknown unit 'bo-noi-vuu' in lead: did you mean 'bo-noi-vu'?",
        ])
        // The broken files' directives have no locations either: nothing refers to them.
        #expect(report.workflows.locations.directives.keys.sorted() == ["1/CT", "4/CT"])
    }

    @Test("the model is built as written, with defaults where nothing is written")
    func loadedModel() throws {
        let folder = Fixtures.folder("valid", "minimal")
        let report = WorkflowLoader.load(directory: folder.path, today: Fixtures.today(folder))
        let workflows = report.workflows
        let directive = try #require(workflows.directive("33/CT-TTg"))
        #expect(directive.issued == CivilDate(year: 2021, month: 11, day: 26))
        #expect(directive.monitor == "bo-noi-vu")
        #expect(directive.onRestDay == .extend)
        #expect(directive.reminders.map(\.label) == ["5 working days before", "1 working day before", "on due"])
        #expect(directive.escalation == [
            EscalationRule(offset: .workingDays(1), targets: [.head]),
            EscalationRule(offset: .workingDays(5), targets: [.monitor, .issuer]),
        ])
        #expect(directive.steps.map(\.id) == ["quan-triet", "bao-cao-nam", "tong-hop"])
        let report2 = try #require(directive.step("tong-hop"))
        #expect(report2.phase == .task)  // the default
        #expect(report2.lead == ["bo-noi-vu"])  // a single id reads as a list of one
        #expect(report2.reportTo == ["ttcp"])
        #expect(report2.due == .yearly(.by(month: 12, day: 31)))
        #expect(report2.from == PeriodBound(year: 2021) && report2.until == PeriodBound(year: 2030))
        #expect(report2.onRestDay == .previous)
        #expect(report2.reminders == [ReminderRule(.days(2))])
        #expect(report2.escalation == [EscalationRule(offset: .days(3), targets: [.reportTo, .unit("van-phong-chinh-phu")])])
        #expect(directive.step("quan-triet")?.reminders == nil)  // inherits the directive's

        let downstream = try #require(workflows.directive("9465/UBND-KSTTHC"))
        #expect(downstream.number == "9465/UBND-KSTTHC")  // white space normalised
        #expect(downstream.implements == "33/CT-TTg")
        #expect(downstream.step("bao-cao")?.due == .before(CivilDate(year: 2021, month: 12, day: 10)!))
        #expect(downstream.reminders == Directive.defaultReminders)
        #expect(downstream.escalation == Directive.defaultEscalation)

        #expect(workflows.org.expand(["group:ubnd-cap-tinh"]) == ["ubnd-hai-phong", "ubnd-hung-yen"])
        #expect(workflows.org["ubnd-hai-phong"]?.head?.email == "chutich@haiphong.gov.vn")
        #expect(workflows.calendarFiles.map(\.year) == [2026])
        #expect(workflows.calendar.status(of: 2026) == .confirmed)
        #expect(workflows.calendar.isWorkingDay(CivilDate(year: 2026, month: 1, day: 10)!))  // a worked Saturday
        #expect(!workflows.calendar.isWorkingDay(CivilDate(year: 2026, month: 2, day: 18)!))  // Tết
    }

    @Test("locations point at what was written")
    func locations() throws {
        let folder = Fixtures.folder("valid", "minimal")
        let report = WorkflowLoader.load(directory: folder.path, today: nil)
        let locations = report.workflows.locations
        let file = folder.path + "/33-ct-ttg.yaml"
        #expect(locations.file(ofDirective: "33/CT-TTg") == file)
        #expect(locations.location(directive: "33/CT-TTg", step: "bao-cao-nam", key: "due")
                == SourceLocation(file: file, line: 23, column: 10))
        #expect(locations.location(directive: "33/CT-TTg", step: "bao-cao-nam")
                == SourceLocation(file: file, line: 18, column: 5))
        #expect(locations.location(directive: "33/CT-TTg", key: "issued") == SourceLocation(file: file, line: 5, column: 11))
        #expect(locations.location(directive: "9465 / UBND-KSTTHC")?.file == folder.path + "/9465-ubnd-kstthc.yaml")
        #expect(locations.location(directive: "no/such") == nil)
        #expect(locations.units["bo-noi-vu"] == SourceLocation(file: folder.path + "/units.yaml", line: 5, column: 9))
        #expect(locations.groups["ubnd-cap-tinh"]?.line == 27)
        #expect(locations.calendars[2026] == SourceLocation(file: folder.path + "/calendars/vn-2026.yaml", line: 1, column: 7))
    }

    @Test("a missing directory, a missing units.yaml")
    func missingFiles() throws {
        let report = WorkflowLoader.load(directory: "/nonexistent/workflows", today: nil)
        #expect(report.diagnostics.map(\.description) == ["/nonexistent/workflows:1:1: error: no such directory"])
        #expect(report.workflows.directives.isEmpty)

        let dir = try TemporaryDirectory()
        try dir.write("a.yaml", Self.directive("1/CT"))
        let noUnits = WorkflowLoader.load(directory: dir.path, today: nil)
        #expect(Fixtures.rendered(noUnits, relativeTo: dir.path)
                == ["units.yaml:1:1: error: missing units.yaml: a workflows directory needs its unit registry (DESIGN §1.2)"])
    }

    @Test("paths are the directory as given joined with the file name")
    func relativePaths() throws {
        let dir = try TemporaryDirectory()
        try dir.write("wf/units.yaml", Self.units)
        try dir.write("wf/a.yaml", Self.directive("1/CT", due: "periodic"))
        // A relative path to the directory, from the current one (tests run in parallel: no chdir).
        let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
        let relative = String(repeating: "../", count: depth) + dir.path.dropFirst() + "/wf"
        let report = WorkflowLoader.load(directory: relative, today: nil)
        #expect(report.diagnostics.map(\.location.description) == [relative + "/a.yaml:11:10"])
        #expect(report.invalidFiles == [relative + "/a.yaml"])
        #expect(WorkflowFiles.join(".", "a.yaml") == "a.yaml")
        #expect(WorkflowFiles.join("wf/", "a.yaml") == "wf/a.yaml")
    }

    @Test("a file over 1 MiB is refused unread")
    func hugeFile() throws {
        let dir = try TemporaryDirectory()
        try dir.write("units.yaml", Self.units)
        try dir.write("a.yaml", Self.directive("1/CT"))
        let line = "# " + String(repeating: "x", count: 98) + "\n"
        try dir.write("big.yaml", Self.directive("2/CT") + String(repeating: line, count: 11_000))
        let report = WorkflowLoader.load(directory: dir.path, today: nil)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: dir.path + "/big.yaml")[.size] as? Int)
        #expect(Fixtures.rendered(report, relativeTo: dir.path)
                == ["big.yaml:1:1: error: file is too large: \(size) bytes, the limit is 1 MiB (1048576 bytes)"])
        #expect(report.workflows.directives.map(\.number) == ["1/CT"])
    }

    @Test("an exponential alias document is refused at the node limit, whatever its depth")
    func billionLaughs() throws {
        var text = "a: &a [\(Array(repeating: "lol", count: 10).joined(separator: ", "))]\n"
        var previous = "a"
        for level in 1...14 {
            let name = "l\(level)"
            text += "\(name): &\(name) [\(Array(repeating: "*\(previous)", count: 10).joined(separator: ", "))]\n"
            previous = name
        }
        let dir = try TemporaryDirectory()
        try dir.write("units.yaml", Self.units)
        try dir.write("bomb.yaml", text)
        // Refused at the node limit, not after expanding 10^15 nodes (how fast: Benchmarks/bench).
        let report = WorkflowLoader.load(directory: dir.path, today: nil)
        #expect(Fixtures.rendered(report, relativeTo: dir.path)
                == ["bomb.yaml:1:1: error: document expands to more than 200000 nodes (recursive or exponential aliases?)"])
    }

    @Test("nesting just within libyaml's limit does not exhaust a small stack", arguments: [999, 5_000])
    func deepNesting(levels: Int) throws {
        let dir = try TemporaryDirectory()
        try dir.write("units.yaml", Self.units)
        try dir.write("deep.yaml", "a: " + String(repeating: "[", count: levels) + String(repeating: "]", count: levels) + "\n")
        let path = dir.path
        // Load on a thread with the smallest stack a secondary thread gets: the loader must
        // not recurse there (Yams does, 999 levels deep).
        let result = SmallStack.run { WorkflowLoader.load(directory: path, today: nil).diagnostics.map(\.message) }
        #expect(result == ["document nests deeper than 64 levels"])
    }

    @Test("every duplicate key is reported, up to a bound")
    func manyDuplicateKeys() throws {
        let dir = try TemporaryDirectory()
        try dir.write("units.yaml", Self.units)
        let keys = (0..<3).map { "  number: \($0)/CT\n" }.joined()
        try dir.write("a.yaml", "directive:\n" + keys + "  title: T\n  issuer: ttcp\n  issued: 2021-01-01\n  monitor: bo-noi-vu\nsteps: []\n")
        try dir.write("b.yaml", "x:\n" + String(repeating: "  k: v\n", count: 150))
        let report = WorkflowLoader.load(directory: dir.path, today: nil)
        let rendered = Fixtures.rendered(report, relativeTo: dir.path)
        #expect(rendered.filter { $0.hasPrefix("a.yaml") } == [
            "a.yaml:3:3: error: duplicate key 'number': already given at line 2, column 3",
            "a.yaml:4:3: error: duplicate key 'number': already given at line 2, column 3",
        ])
        let b = rendered.filter { $0.hasPrefix("b.yaml") }
        #expect(b.count == YAMLComposer.maxDuplicateRounds + 1)
        #expect(b.first == "b.yaml:1:1: error: more than 100 duplicate keys: fix these first")
        #expect(b.dropFirst().first == "b.yaml:3:3: error: duplicate key 'k': already given at line 2, column 3")
    }

    @Test("a large file reports fewer duplicate keys before giving up: each costs a parse of the whole file")
    func manyDuplicateKeysInALargeFile() throws {
        let dir = try TemporaryDirectory()
        try dir.write("units.yaml", Self.units)
        let text = "x:\n" + String(repeating: "  k: v\n", count: 100_000)
        try dir.write("b.yaml", text)
        let rounds = YAMLComposer.duplicateRounds(forBytes: text.utf8.count)
        #expect(rounds < YAMLComposer.maxDuplicateRounds && rounds >= 2)
        let b = Fixtures.rendered(WorkflowLoader.load(directory: dir.path, today: nil), relativeTo: dir.path)
        #expect(b.count == rounds + 1)
        #expect(b.first == "b.yaml:1:1: error: more than \(rounds) duplicate keys: fix these first")
        #expect(b.dropFirst().first == "b.yaml:3:3: error: duplicate key 'k': already given at line 2, column 3")
    }

    @Test("columns count characters, on CRLF lines and after decomposed Vietnamese")
    func columnsCountCharacters() throws {
        let dir = try TemporaryDirectory()
        try dir.write("units.yaml", Self.units)
        // "Tổ chức" decomposed (NFD): more Unicode scalars than characters before each error.
        let title = "To\u{302}\u{309} chu\u{31B}\u{301}c"
        let text = """
            directive: { number: 1/CT, title: \(title), issuer: ttcp, issued: 2021-02-30, monitor: bo-noi-vu }
            steps:
              - { id: a, title: "\(title)", lead: bo-noi-vu, due: 30 days after isued }
              - id: b
                title: \(title)
                lead: [bo-noi-vu]
                due: by 2021-12-31 # \(title)
                phase: \(title)

            """.replacingOccurrences(of: "\n", with: "\r\n")
        try dir.write("a.yaml", text)
        let rendered = Fixtures.rendered(WorkflowLoader.load(directory: dir.path, today: nil), relativeTo: dir.path)
        #expect(rendered == [
            "a.yaml:1:66: error: '2021-02-30' is not a date of the calendar",
            "a.yaml:3:68: error: invalid 'due': expected 'issued' or 'step ID', found 'isued'",
            "a.yaml:8:12: error: unknown phase 'Tổ chức' (expected 'dissemination', 'planning', 'interim-review', 'final-review', 'report' or 'task')".replacingOccurrences(of: "Tổ chức", with: title),
        ])
    }

    @Test("diagnostics come sorted by file, line and column")
    func sorted() throws {
        let report = WorkflowLoader.load(directory: Fixtures.folder("broken", "unit-registry-errors").path, today: nil)
        #expect(report.diagnostics.count > 3)
        #expect(report.diagnostics.map(\.location) == report.diagnostics.map(\.location).sorted())
    }

    @Test("calendar files of a directory, for --calendars")
    func calendars() throws {
        let good = WorkflowLoader.loadCalendars(directory: Fixtures.folder("valid", "minimal").appendingPathComponent("calendars").path)
        #expect(good.diagnostics.isEmpty)
        #expect(good.files.map(\.year) == [2026])
        #expect(good.files.first?.entries.count == 7)  // two days and a five-day range
        #expect(good.files.first?.entries.last?.name == "Tết Bính Ngọ")

        let dir = Fixtures.folder("broken", "calendar-unknown-kind").appendingPathComponent("calendars").path
        let bad = WorkflowLoader.loadCalendars(directory: dir)
        #expect(bad.diagnostics.map { Fixtures.relative($0.description, to: dir) } == [
            "vn-2026.yaml:7:31: error: unknown kind 'holliday': did you mean 'holiday'?",
            "vn-2026.yaml:8:31: error: unknown kind 'day-off' (expected 'holiday', 'swap-off', 'working-day' or 'not-holiday')",
        ])
        #expect(bad.files.first?.entries.count == 7)  // the valid entries still load

        let missing = WorkflowLoader.loadCalendars(directory: "/nonexistent/calendars")
        #expect(missing.files.isEmpty && missing.diagnostics.map(\.message) == ["no such directory"])
    }

    @Test("the repository's Workflows directory loads without errors")
    func repositoryWorkflows() throws {
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let workflows = root.appendingPathComponent("Workflows").path
        try #require(FileManager.default.fileExists(atPath: workflows + "/units.yaml"))
        let report = WorkflowLoader.load(directory: workflows, today: CivilDate(year: 2026, month: 6, day: 1))
        #expect(report.errors.map(\.description) == [])
        #expect(report.workflows.directives.count >= 5)
    }

    @Test("the repository's Workflows pass check --strict: every choice marked, every unit owes a period")
    func repositoryWorkflowsStrict() throws {
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let workflows = root.appendingPathComponent("Workflows").path
        let report = WorkflowLoader.load(directory: workflows, today: CivilDate(year: 2026, month: 12, day: 2), strict: true)
        #expect(report.errors.map(\.description) == [])
        let warnings = Fixtures.rendered(report, relativeTo: workflows)
        // What remains is deliberate: 9465's later deadline, and 2027 with no notice yet.
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("9465-ubnd-kstthc.yaml:") })
        #expect(warnings.contains { $0.contains("calendar 2027 is still provisional") })
    }

    @Test("check --strict: a due:, report-to: or support: needs a quoted source line or a note:")
    func strictSourceMarks() throws {
        let dir = try TemporaryDirectory()
        try dir.write("units.yaml", Self.units)
        try dir.write("a.yaml", """
            directive:
              number: 1/CT
              title: Một chỉ thị
              issuer: ttcp
              issued: 2021-11-26
              monitor: bo-noi-vu
            steps:
              # Nguồn: "báo cáo Bộ Nội vụ trong tháng 12/2021"
              - id: quoted-above
                title: Trích nguồn ở trên
                lead: [bo-noi-vu]
                report-to: ttcp
                due: in 2021-12
              # Văn bản không nêu thời hạn.
              - id: bare
                title: Không trích, không ghi chú
                lead: [bo-noi-vu]
                support: [ttcp]
                report-to: ttcp
                due: 30 days after issued
              - id: quoted-on-the-line
                title: Trích nguồn cuối dòng
                lead: [bo-noi-vu]
                due: in 2021-12   # "trong tháng 12/2021"
              - id: noted
                title: Có ghi chú
                lead: [bo-noi-vu]
                due: 30 days after issued
                note: Văn bản không nêu thời hạn; quản trị viên chọn 30 ngày.
              - id: half-quoted
                title: Trích một khóa
                lead: [bo-noi-vu]
                report-to: ttcp   # "báo cáo Thủ tướng"
                due: 30 days after issued

            """)
        let plain = WorkflowLoader.load(directory: dir.path, today: nil)
        #expect(Fixtures.rendered(plain, relativeTo: dir.path) == [])
        let strict = WorkflowLoader.load(directory: dir.path, today: nil, strict: true)
        #expect(Fixtures.rendered(strict, relativeTo: dir.path) == [
            "a.yaml:20:10: warning: step 'bare': 'due:', 'report-to:', 'support:' with no quoted source line and no 'note:': quote the source in a comment above the step, or say in 'note:' what the administrator chose",
            "a.yaml:34:10: warning: step 'half-quoted': 'due:' with no quoted source line and no 'note:': quote the source in a comment above the step, or say in 'note:' what the administrator chose",
        ])
        #expect(!strict.hasErrors)
    }
}

/// Runs work on a thread with a 512 KiB stack, as secondary threads get by default.
enum SmallStack {
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = work()
            done.signal()
        }
        thread.stackSize = 512 << 10
        thread.start()
        done.wait()
        return box.value!
    }

    private final class Box<T>: @unchecked Sendable {
        var value: T?
    }
}
