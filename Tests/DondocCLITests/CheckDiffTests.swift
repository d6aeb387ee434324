import DondocTestSupport
import Foundation
import Testing

/// `dondoc check DIR --diff OLD_DIR`: what a change to the files does to the obligations, on two
/// copies of a workflows folder.
struct CheckDiffTests {
    typealias P = DondocProcess

    /// Two copies of the bundled 33/CT-TTg with its org chart and calendars; the new one edited.
    final class Copies {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-diff-\(UUID().uuidString)")
        var old: String { root.appendingPathComponent("old").path }
        var new: String { root.appendingPathComponent("new").path }

        init() throws {
            for side in [old, new] {
                try FileManager.default.createDirectory(atPath: side, withIntermediateDirectories: true)
                for name in ["units.yaml", "calendars", "33-ct-ttg.yaml"] {
                    try FileManager.default.copyItem(atPath: P.workflows + "/" + name, toPath: side + "/" + name)
                }
            }
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func edit(_ replacements: [(String, String)]) throws {
            let file = new + "/33-ct-ttg.yaml"
            var text = try String(contentsOfFile: file, encoding: .utf8)
            for (from, to) in replacements {
                #expect(text.contains(from), "\(from)")
                text = text.replacingOccurrences(of: from, with: to)
            }
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
    }

    @Test func anUnchangedCopyChangesNothing() throws {
        let copies = try Copies()
        let result = try P.run(["check", copies.new, "--diff", copies.old, "--today", "2026-06-01"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("0 added, 0 removed, 0 moved\n"))
    }

    @Test func movesAdditionsAndRemovalsAreListed() throws {
        let copies = try Copies()
        try copies.edit([
            // bao-cao-nam: "before 12-15" (14/12, Mon) → "by 12-20" (a Sunday: Monday 21/12).
            ("    due: yearly before 12-15\n", "    due: yearly by 12-20\n"),
            // tong-hop-bao-cao gains a second lead; van-phong-chinh-phu's obligations are new.
            ("    lead: [bo-noi-vu]\n    report-to: ttcp\n", "    lead: [bo-noi-vu, van-phong-chinh-phu]\n    report-to: ttcp\n"),
        ])
        // ke-hoach-nam is removed altogether.
        let file = copies.new + "/33-ct-ttg.yaml"
        var text = try String(contentsOfFile: file, encoding: .utf8)
        let start = try #require(text.range(of: "  - id: ke-hoach-nam\n"))
        let end = try #require(text.range(of: "  # Nguồn", range: start.upperBound..<text.endIndex))
        text.removeSubrange(start.lowerBound..<end.lowerBound)
        try text.write(toFile: file, atomically: true, encoding: .utf8)

        let result = try P.run(["check", copies.new, "--diff", copies.old, "--today", "2026-06-01", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let changes = try P.jsonLines(result.stdout).filter { $0["change"] != nil }
        #expect(changes.allSatisfy { Set($0.keys) == ["change", "key", "directive", "step", "unit", "period", "old_due", "new_due"] })
        let moved = changes.filter { $0["change"] as? String == "moved" }
        #expect(!moved.isEmpty && moved.allSatisfy { $0["step"] as? String == "bao-cao-nam" })
        let hp = try #require(moved.first { $0["key"] as? String == "33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026" })
        #expect(hp["old_due"] as? String == "2026-12-14" && hp["new_due"] as? String == "2026-12-21")
        let added = changes.filter { $0["change"] as? String == "added" }
        #expect(added.map { $0["key"] as? String } == ["33/CT-TTg#tong-hop-bao-cao@van-phong-chinh-phu/2026"])
        #expect(added.first?["old_due"] is NSNull && added.first?["new_due"] as? String == "2026-12-31")
        let removed = changes.filter { $0["change"] as? String == "removed" }
        #expect(!removed.isEmpty && removed.allSatisfy { $0["step"] as? String == "ke-hoach-nam" && $0["new_due"] is NSNull })
        #expect(changes.count == moved.count + added.count + removed.count)

        let table = try P.run(["check", copies.new, "--diff", copies.old, "--today", "2026-06-01"])
        #expect(table.stdout.contains("~ 33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026  2026-12-14 → 2026-12-21\n"))
        #expect(table.stdout.contains("+ 33/CT-TTg#tong-hop-bao-cao@van-phong-chinh-phu/2026  due 2026-12-31\n"))
        #expect(table.stdout.contains("- 33/CT-TTg#ke-hoach-nam@ubnd-hai-phong/2026  was due"))
        #expect(table.stdout.hasSuffix("1 added, \(removed.count) removed, \(moved.count) moved\n"))
    }

    /// A deadline moved out of the window is a move, not a removal; the window is --from/--to.
    @Test func aMoveAcrossTheWindowsEdgeIsAMove() throws {
        let copies = try Copies()
        try copies.edit([("    due: yearly by 12-31\n    from: 2021\n", "    due: yearly by 01-15\n    from: 2021\n")])
        let result = try P.run(["check", copies.new, "--diff", copies.old, "--from", "2026-12-01", "--to", "2026-12-31", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let changes = try P.jsonLines(result.stdout).filter { $0["change"] != nil }
        #expect(changes.map { $0["change"] as? String } == ["moved"])
        #expect(changes.first?["old_due"] as? String == "2026-12-31")
        #expect(changes.first?["new_due"] as? String == "2026-01-15")
    }

    @Test func badArgumentsAreUsageErrors() throws {
        let copies = try Copies()
        let missing = try P.run(["check", copies.new, "--diff", copies.root.appendingPathComponent("none").path])
        #expect(missing.status == 2 && missing.stderr.contains("--diff"), "\(missing.stderr)")
        let backwards = try P.run(["check", copies.new, "--diff", copies.old, "--from", "2026-12-31", "--to", "2026-01-01"])
        #expect(backwards.status == 2 && backwards.stderr.contains("--to is before --from"))
        let alone = try P.run(["check", copies.new, "--from", "2026-01-01"])
        #expect(alone.status == 2 && alone.stderr.contains("--diff"))
    }
}
