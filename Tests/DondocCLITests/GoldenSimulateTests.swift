import DondocTestSupport
import Foundation
import Testing

/// `dondoc simulate` of every bundled workflow, compared with committed output
/// (`Golden/simulate-FILE.txt`). After a deliberate change, regenerate with
/// `UPDATE_GOLDEN=1 swift test --filter GoldenSimulate` and review the diff.
struct GoldenSimulateTests {
    typealias P = DondocProcess

    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let directiveFiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: P.workflows)) ?? []
        return names.filter { $0.hasSuffix(".yaml") && $0 != "units.yaml" }.sorted()
    }()

    /// Two windows per workflow: the first two years after it was issued, and the year 2026.
    static func windows(issued: String) -> [(String, String)] {
        let year = Int(issued.prefix(4)) ?? 2026
        return [(issued, "\(year + 1)-12-31"), ("2026-01-01", "2026-12-31")]
    }

    /// A scratch workflows directory with one bundled directive file beside the org chart and
    /// calendars it needs; the caller removes it.
    static func workflows(with file: String) throws -> URL {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let source = URL(fileURLWithPath: P.workflows)
        for name in ["units.yaml", "calendars", file] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: work.appendingPathComponent(name))
        }
        return work
    }

    @Test(arguments: directiveFiles)
    func simulateMatchesGolden(_ file: String) throws {
        // One directive at a time, beside the org chart and calendars it needs.
        let work = try GoldenSimulateTests.workflows(with: file)
        defer { try? FileManager.default.removeItem(at: work) }
        let text = try String(contentsOf: work.appendingPathComponent(file), encoding: .utf8)
        let issued = try #require(text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("issued:") })
            .split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces).prefix(10)

        var output = ""
        for (from, to) in GoldenSimulateTests.windows(issued: String(issued)) {
            let result = try P.run(["simulate", work.path, "--from", from, "--to", to])
            #expect(result.status == 0, "\(file): \(result.stderr)")
            output += "$ dondoc simulate --from \(from) --to \(to)\n" + result.stdout + "\n"
        }
        let expectedURL = GoldenSimulateTests.golden.appendingPathComponent("simulate-\(file.dropLast(5)).txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: GoldenSimulateTests.golden, withIntermediateDirectories: true)
            try output.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(output == expected, "simulate of \(file) changed: regenerate with UPDATE_GOLDEN=1 and review the diff")
    }
}
