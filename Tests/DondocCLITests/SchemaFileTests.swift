import DondocTestSupport
import Foundation
import Testing

/// The JSON Schemas against real files, with python's `jsonschema` (`Tests/Schema/check_schemas.py`):
/// every bundled file names its schema and is valid, every valid fixture is valid, and every
/// broken fixture that `dondoc check` rejects for a shape reason is rejected by the schema too.
struct SchemaFileTests {
    @Test func theSchemasAgreeWithTheFilesAndWithCheck() throws {
        let binary = try #require(DondocProcess.binary)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", DondocProcess.root.appendingPathComponent("Tests/Schema/check_schemas.py").path, binary.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        // It checked something of each kind.
        for line in ["bundled: ", "valid fixtures: ", "broken files with a shape problem: "] {
            let count = text.split(separator: "\n").first { $0.hasPrefix(line) }.flatMap { Int($0.dropFirst(line.count)) }
            #expect((count ?? 0) > 0, "\(line) in \(text)")
        }
    }
}
