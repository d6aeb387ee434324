import DondocTestSupport
import Foundation
import Testing

/// `dondoc new directive`: a skeleton that `check` refuses at each empty lead, and accepts once
/// the lead units are filled in.
struct NewDirectiveTests {
    typealias P = DondocProcess

    /// A workflows folder with the bundled org chart and calendars, and no directive.
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-new-\(UUID().uuidString)")
        var path: String { url.path }

        init() throws {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for name in ["units.yaml", "calendars"] {
                try FileManager.default.copyItem(atPath: P.workflows + "/" + name, toPath: url.appendingPathComponent(name).path)
            }
        }

        deinit { try? FileManager.default.removeItem(at: url) }
    }

    static let arguments = ["new", "directive", "12 - CT/TU", "--title", "Về \"Dân vận khéo\" trong tình hình mới",
                            "--issuer", "ubnd-hai-phong", "--issued", "2026-03-02", "--implements", "33/CT-TTg"]

    @Test func theSkeletonFailsUntilLeadsAreFilledInThenPasses() throws {
        let folder = try Folder()
        let file = folder.path + "/12-ct-tu.yaml"
        let made = try P.run(NewDirectiveTests.arguments + ["-o", file])
        #expect(made.status == 0, "\(made.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        // The four phases and a report, each with the lines to quote the source and mark a choice.
        for phase in ["dissemination", "planning", "interim-review", "final-review", "report"] {
            #expect(text.contains("    phase: \(phase)\n"), "\(phase)")
        }
        #expect(text.components(separatedBy: "# Nguồn (mục …)").count - 1 == 5)
        #expect(text.components(separatedBy: "# note: Văn bản không nêu thời hạn; quản trị viên chọn").count - 1 == 5)
        #expect(text.contains("  number: \"12-CT/TU\"\n") && text.contains("  implements: \"33/CT-TTg\"\n"))
        #expect(text.contains("  title: \"Về \\\"Dân vận khéo\\\" trong tình hình mới\"\n"))

        let failing = try P.run(["check", folder.path, "--today", "2026-06-01"])
        #expect(failing.status == 1)
        let errors = failing.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let leadLines = lines.indices.filter { lines[$0].hasPrefix("    lead: []") }.map { $0 + 1 }
        #expect(leadLines.count == 5)
        #expect(errors == leadLines.map { "\(file):\($0):11: error: 'lead' is empty: name at least one"[...] })

        try text.replacingOccurrences(of: "lead: []", with: "lead: [so-noi-vu-hai-phong]").write(toFile: file, atomically: true, encoding: .utf8)
        let passing = try P.run(["check", folder.path, "--today", "2026-06-01"])
        #expect(passing.status == 0, "\(passing.stderr)")
        #expect(!passing.stderr.contains("error:"))
        // --strict still asks for each choice to be marked: the skeleton's notes are commented out.
        let strict = try P.run(["check", "--strict", folder.path, "--today", "2026-06-01"])
        #expect(strict.stderr.components(separatedBy: "with no quoted source line and no 'note:'").count - 1 == 5)
        // And its obligations can be explained.
        let explained = try P.run(["explain", "12-CT/TU#ke-hoach@so-noi-vu-hai-phong", "--workflows", folder.path])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("counts from the due date of step quan-triet for so-noi-vu-hai-phong: 2026-04-01"))
    }

    /// A file written below a `schema/` folder names the directive schema on its first line.
    @Test func theFirstLineNamesTheSchemaFoundAbove() throws {
        let folder = try Folder()
        // folder/sub/x.yaml below folder/schema/directive.schema.json.
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("schema"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: P.root.appendingPathComponent("schema/directive.schema.json").path,
                                         toPath: folder.path + "/schema/directive.schema.json")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let file = folder.path + "/sub/12-ct-tu.yaml"
        #expect(try P.run(NewDirectiveTests.arguments + ["-o", file]).status == 0)
        let first = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").first
        #expect(first == "# yaml-language-server: $schema=../schema/directive.schema.json")
    }

    @Test func anExistingFileIsNeverOverwritten() throws {
        let folder = try Folder()
        let file = folder.path + "/12-ct-tu.yaml"
        try "# kept\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try P.run(NewDirectiveTests.arguments + ["-o", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file): the file exists; it is not overwritten"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "# kept\n")
    }

    @Test func withoutAFileItGoesToStandardOutput() throws {
        let result = try P.run(NewDirectiveTests.arguments)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# 12-CT/TU — "))
        #expect(result.stdout.contains("steps:\n"))
    }

    @Test(arguments: [
        (["12#CT"], ["--title", "T", "--issuer", "u", "--issued", "2026-01-01"], "<number>: '12#CT' may not contain '#'"),
        (["12-CT"], ["--title", "T", "--issuer", "Ủy ban", "--issued", "2026-01-01"], "--issuer: 'Ủy ban' is not a unit id"),
        (["12-CT"], ["--title", "T", "--issuer", "u", "--issued", "2026-02-30"], "--issued"),
        (["12-CT"], ["--title", "  ", "--issuer", "u", "--issued", "2026-01-01"], "--title"),
        (["12-CT"], ["--title", "T", "--issuer", "u", "--issued", "2026-01-01", "--implements", "a@b"], "--implements: 'a@b'"),
        (["12-CT"], ["--issuer", "u", "--issued", "2026-01-01"], "--title"),
    ])
    func badArgumentsAreUsageErrors(_ number: [String], _ options: [String], _ expected: String) throws {
        let result = try P.run(["new", "directive"] + number + options)
        #expect(result.status == 2 && !result.crashed)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
