import DondocTestSupport
import Foundation
import Testing

/// `dondoc agenda` of Directive 33/CT-TTg over 2021–2026, compared with committed output
/// (`Golden/agenda-33-ct-ttg-2021-2026.txt`): the reports of 2021–2024 fall on the 63 provinces
/// and 22 ministries that owed them, those from mid-2025 on the bodies after the mergers.
/// After a deliberate change, regenerate with `UPDATE_GOLDEN=1 swift test --filter GoldenAgenda`
/// and review the diff.
struct GoldenAgendaTests {
    typealias P = DondocProcess

    @Test func agendaOf33CTTTgOver2021To2026() throws {
        let work = try GoldenSimulateTests.workflows(with: "33-ct-ttg.yaml")
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try P.run(["agenda", work.path, "--from", "2021-01-01", "--to", "2026-12-31", "--today", "2026-12-02"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = "$ dondoc agenda --from 2021-01-01 --to 2026-12-31 --today 2026-12-02\n" + result.stdout

        // Who owed what, whatever the golden says: a province merged in 2025 reports for 2021–2024,
        // a ministry founded on 1/3/2025 from 2025 on. Columns: due, weekday, days, directive,
        // step, unit, period, note.
        let rows = Set(result.stdout.split(separator: "\n").dropFirst().map { line in
            line.split(separator: " ").dropFirst(4).prefix(3).joined(separator: " ")
        })
        #expect(rows.contains("bao-cao-nam ubnd-nam-dinh 2024"))
        #expect(!rows.contains("bao-cao-nam ubnd-nam-dinh 2025"))
        #expect(rows.contains("bao-cao-nam bo-nong-nghiep-moi-truong 2025"))
        #expect(!rows.contains("bao-cao-nam bo-nong-nghiep-moi-truong 2024"))
        #expect(rows.contains("bao-cao-nam bo-tai-nguyen-moi-truong 2024"))
        let reports = { (year: String) in rows.filter { $0.hasPrefix("bao-cao-nam ") && $0.hasSuffix(" \(year)") }.count }
        #expect(["2021", "2022", "2023", "2024"].map(reports) == [85, 85, 85, 85])  // 22 ministries, 63 provinces
        #expect(["2025", "2026"].map(reports) == [51, 51])  // 17 ministries, 34 provinces
        #expect(!result.stdout.contains("không còn đơn vị nhận"))

        let expectedURL = GoldenSimulateTests.golden.appendingPathComponent("agenda-33-ct-ttg-2021-2026.txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try output.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(output == expected, "agenda of 33/CT-TTg changed: regenerate with UPDATE_GOLDEN=1 and review the diff")
    }
}
