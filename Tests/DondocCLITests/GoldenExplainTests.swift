import DondocStore
import DondocTestSupport
import Foundation
import Testing

/// `dondoc explain` of one obligation of each bundled directive, text and JSON, compared with
/// committed output (`Golden/explain-FILE.txt`). After a deliberate change, regenerate with
/// `UPDATE_GOLDEN=1 swift test --filter GoldenExplain` and review the diff.
struct GoldenExplainTests {
    typealias P = DondocProcess

    /// One key per bundled directive, each showing a different path through the computation.
    static let keys: [(file: String, key: String)] = [
        // counts 30 days (Civil Code) from another step, itself due "in 2016-10"
        ("02-da-tu-hung-yen", "02-ĐA/TU#ke-hoach-mttq@mttq-hung-yen"),
        // 30 days after issued lands on a Sunday
        ("33-ct-ttg", "33/CT-TTg#quan-triet@ubnd-hai-phong"),
        // "trong tháng 12/2021": the month's last day
        ("9465-ubnd-kstthc", "9465/UBND-KSTTHC#tham-muu-bao-cao@so-noi-vu-hai-phong"),
        // a half-yearly report (Decree 09/2019 window) on a Saturday, a successor unit copied
        ("nam-dinh-ct-tu-dan-van-chinh-quyen", "CT/TU-NamDinh#bao-cao-btv@ban-tuyen-giao-dan-van-tinh-uy-ninh-binh/2026-H1"),
        // counts from another step, the anchor's own computation shown
        ("tay-ninh-ct-tu-dan-van", "CT/TU-TayNinh#ke-hoach@mttq-tay-ninh"),
    ]

    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test func everyBundledDirectiveHasAKey() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: P.workflows)
            .filter { $0.hasSuffix(".yaml") && $0 != "units.yaml" }.map { String($0.dropLast(5)) }.sorted()
        #expect(GoldenExplainTests.keys.map(\.file) == files)
    }

    @Test(arguments: keys.map(\.file))
    func explainMatchesGolden(_ file: String) throws {
        let key = try #require(GoldenExplainTests.keys.first { $0.file == file }).key
        var output = ""
        for format in ["table", "json"] {
            let result = try P.run(["explain", key, "--workflows", "Workflows", "--format", format])
            #expect(result.status == 0 && !result.crashed, "\(key): \(result.stderr)")
            output += "$ dondoc explain '\(key)' --workflows Workflows --format \(format)\n" + result.stdout + "\n"
            if format == "json" {
                let object = try #require(try P.jsonLines(result.stdout).first)
                #expect(result.stdout.split(separator: "\n").count == 1)
                #expect(object["key"] as? String == key)
                let computation = try #require(object["computation"] as? [String: Any])
                let steps = try #require(computation["steps"] as? [[String: Any]])
                #expect(steps.allSatisfy { !($0["basis"] as? String ?? "").isEmpty })
                #expect((steps.last?["step"] as? String) == "target")
            }
        }
        let expectedURL = GoldenExplainTests.golden.appendingPathComponent("explain-\(file).txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try output.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(output == expected, "explain of \(key) changed: regenerate with UPDATE_GOLDEN=1 and review the diff")
    }

    /// The store's extension and completion are read and shown, the deadline following the
    /// extension; without a store, explain says none was read.
    @Test func recordsInTheStoreAreShown() throws {
        let site = try TokenAndReportTests.Installation()
        let key = "33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026"
        #expect(try site.run(["extend", key, "--to", "2026-12-31", "--reason", "Công văn 1/UBND"]).status == 0)
        #expect(try site.run(["done", key, "--by", "Văn thư", "--at", "2026-12-20T09:00:00+07:00"]).status == 0)
        let result = try site.run(["explain", key, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try P.jsonLines(result.stdout).first)
        let recorded = try #require(object["recorded"] as? [String: Any])
        #expect(recorded["store"] as? String == site.state)
        #expect(recorded["extended_to"] as? String == "2026-12-31")
        #expect(recorded["done_at"] as? String == "2026-12-20T09:00:00+07:00")
        #expect(recorded["done_by"] as? String == "Văn thư")
        #expect(object["due_date"] as? String == "2026-12-31")
        // The computed deadline is still shown as the deadline code reached it.
        let steps = try #require((object["computation"] as? [String: Any])?["steps"] as? [[String: Any]])
        #expect(steps.contains { $0["step"] as? String == "rest-day" && $0["to"] as? String == "2026-12-14" })
        let text = try site.run(["explain", key])
        #expect(text.stdout.contains("extension to 2026-12-31"))
        #expect(text.stdout.contains("done at 2026-12-20T09:00:00+07:00 by Văn thư"))

        try FileManager.default.removeItem(atPath: site.state)
        let none = try site.run(["explain", key])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(none.stdout.contains("Recorded: none read: no state store at \(site.state)"))
    }

    /// A lead unit that ceased to exist before the due date: its successor holds the obligation.
    @Test func theSuccessorOfACeasedUnitIsNamed() throws {
        let key = "CT/TU-NamDinh#kiem-tra-giam-sat@cap-uy-truc-thuoc-tinh-uy-ninh-binh/2025"
        let text = try P.run(["explain", key, "--workflows", "Workflows"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("the file names cap-uy-truc-thuoc-tinh-uy-nam-dinh, which ceased to exist after 2025-06-30: "
            + "its successor cap-uy-truc-thuoc-tinh-uy-ninh-binh holds the obligation"))
        let json = try #require(try P.jsonLines(try P.run(["explain", key, "--workflows", "Workflows", "--format", "json"]).stdout).first)
        let holder = try #require(json["holder"] as? [String: Any])
        #expect(holder["assigned"] as? String == "cap-uy-truc-thuoc-tinh-uy-nam-dinh")
        #expect(holder["holder"] as? String == "cap-uy-truc-thuoc-tinh-uy-ninh-binh")
        // The computation is the named unit's: the file's lead, before succession.
        #expect((json["computation"] as? [String: Any])?["unit"] as? String == "cap-uy-truc-thuoc-tinh-uy-nam-dinh")
    }

    @Test func keysThatNameNothingAreRefused() throws {
        let unknown = try P.run(["explain", "33/CT-TTg#khong-co@ubnd-hai-phong", "--workflows", "Workflows"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no step 'khong-co'"), "\(unknown.stderr)")
        let malformed = try P.run(["explain", "not-a-key", "--workflows", "Workflows"])
        #expect(malformed.status == 2 && malformed.stderr.contains("not an obligation key"), "\(malformed.stderr)")
        let outside = try P.run(["explain", "33/CT-TTg#bao-cao-nam@ubnd-hai-phong/1990", "--workflows", "Workflows"])
        #expect(outside.status == 1 && outside.stderr.contains("no such obligation"), "\(outside.stderr)")
    }
}
