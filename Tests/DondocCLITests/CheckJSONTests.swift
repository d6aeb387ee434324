import DondocCore
import DondocTestSupport
import Foundation
import Testing

/// `dondoc check --format json`: one diagnostic per line, for editors and CI.
struct CheckJSONTests {
    typealias P = DondocProcess

    static let broken = P.root.appendingPathComponent("Tests/DondocLoaderTests/Fixtures/broken")

    static let cases: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: broken.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }()

    /// Every line of every broken fixture parses, has exactly the six fields in order, and says
    /// what the text output says.
    @Test(arguments: cases)
    func everyLineIsOneDiagnostic(_ name: String) throws {
        let folder = CheckJSONTests.broken.appendingPathComponent(name).path
        var arguments = ["check", folder]
        if let today = try? String(contentsOfFile: folder + "/today.txt", encoding: .utf8) {
            arguments += ["--today", today.trimmingCharacters(in: .whitespacesAndNewlines)]
        }
        let json = try P.run(arguments + ["--format", "json"])
        let text = try P.run(arguments)
        #expect(!json.crashed && json.status == text.status)
        let lines = json.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let keys = try #require(line.firstMatch(of: /^\{"file":.*"line":\d+,"column":\d+,"severity":"(error|warning)","message":.*,"code":"[a-z0-9.-]+"\}$/),
                                    "fields out of order or missing: \(line)")
            _ = keys
        }
        let objects = try P.jsonLines(json.stdout)
        let rendered = objects.map { o in
            "\(o["file"] as! String):\(o["line"] as! Int):\(o["column"] as! Int): \(o["severity"] as! String): \(o["message"] as! String)"
        }
        #expect(rendered == text.stderr.split(separator: "\n").map(String.init))
        for object in objects {
            #expect(Set(object.keys) == ["file", "line", "column", "severity", "message", "code"])
            #expect(DiagnosticCode(rawValue: object["code"] as! String) != nil, "\(object)")
        }
    }

    /// The bundled workflows have warnings only (a cascade's deadline the source itself sets later).
    @Test func theBundledWorkflowsHaveNoError() throws {
        let result = try P.run(["check", P.workflows, "--today", "2026-06-01", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try P.jsonLines(result.stdout)
        #expect(lines.allSatisfy { $0["severity"] as? String == "warning" })
    }
}
