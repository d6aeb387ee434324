import DondocCore
import Foundation
import Testing
@testable import DondocLoader

/// Every input `scripts/fuzz` found a problem with, kept in `Fixtures/fuzz/` as
/// `NAME.KIND.yaml` (KIND: directive, units, calendar, config) or `NAME.KIND.txt` (due,
/// offset), goes through what it broke: the loader in the `valid/minimal` directory with the
/// file replaced (or added, for a directive), the config loader, or the parsers. Each must be
/// answered with diagnostics that point into the file, never a crash.
@Suite("Inputs the fuzzer found")
struct FuzzRegressionTests {
    static var folder: URL { Fixtures.root.appendingPathComponent("fuzz") }

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    static func kind(of name: String) -> String {
        let parts = name.split(separator: ".")
        return parts.count >= 3 ? String(parts[parts.count - 2]) : ""
    }

    @Test("each input is answered with diagnostics", arguments: inputs)
    func input(_ name: String) throws {
        let bytes = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let text = String(decoding: bytes, as: UTF8.self)
        switch Self.kind(of: name) {
        case "directive", "units", "calendar":
            let dir = try TemporaryDirectory()
            try dir.copy(fixture: Fixtures.folder("valid", "minimal"))
            let file = ["directive": "fuzz.yaml", "units": "units.yaml", "calendar": "calendars/vn-2026.yaml"][Self.kind(of: name)]!
            try dir.write(file, bytes)
            let report = WorkflowLoader.load(directory: dir.path, today: CivilDate(iso: "2026-10-15"))
            let own = report.diagnostics.filter { $0.location.file.hasSuffix("/" + file) }
            #expect(own.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
        case "config":
            let dir = try TemporaryDirectory()
            try dir.write("dondoc.yaml", bytes)
            let (config, diagnostics) = ConfigLoader.load(path: dir.path + "/dondoc.yaml")
            #expect(config != nil || !diagnostics.isEmpty)
        case "due":
            if case .failure(let error) = DueParser.parse(text) {
                #expect(error.offset >= 0 && error.offset <= text.count)
            }
        case "offset":
            _ = OffsetParser.reminder(text)
            _ = OffsetParser.escalation(text)
        default:
            Issue.record("\(name): name it NAME.KIND.yaml or NAME.KIND.txt (see scripts/fuzz)")
        }
    }
}
