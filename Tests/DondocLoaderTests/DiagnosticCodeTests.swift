import DondocCore
import Foundation
import Testing
@testable import DondocLoader

/// Diagnostic codes are stable identifiers: unique, well formed, documented, and given to the
/// problems they name.
struct DiagnosticCodeTests {
    @Test func codesAreUniqueAndWellFormed() {
        let codes = DiagnosticCode.allCases.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        for code in codes {
            #expect(code.wholeMatch(of: /[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*/) != nil, "\(code)")
        }
    }

    /// docs/diagnostic-codes.md: one row per code, in the enum's order, its schema mark as `isShape`.
    @Test func theTableInDocsListsEveryCode() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/diagnostic-codes.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { row in
            row.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(rows.map { $0[1].trimmingCharacters(in: CharacterSet(charactersIn: "`")) } == DiagnosticCode.allCases.map(\.rawValue))
        for row in rows {
            guard let code = DiagnosticCode(rawValue: row[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))) else { continue }
            #expect((row[4] == "✓") == code.isShape, "\(code.rawValue): the schema column says \(row[4])")
            #expect(["error", "warning"].contains(row[2]), "\(code.rawValue)")
        }
    }

    /// A broken fixture reports the kind of problem it was made for.
    @Test(arguments: [
        ("unknown-key-suggestion", DiagnosticCode.unknownKey),
        ("unknown-phase-and-rest-day", .unknownWord),
        ("missing-required-key", .missingKey),
        ("misplaced-keys", .misplacedKey),
        ("wrong-types", .notText),
        ("steps-not-a-list", .notList),
        ("duplicate-keys", .duplicateKey),
        ("yaml-syntax-error", .yamlSyntax),
        ("tab-indentation", .yamlTab),
        ("invalid-utf8", .invalidUTF8),
        ("empty-file", .emptyFile),
        ("impossible-date", .impossibleDate),
        ("periodic", .periodicWithoutCadence),
        ("bad-due-column", .invalidDue),
        ("unknown-unit", .unknownUnit),
        ("unknown-group", .unknownGroup),
        ("parent-cycle", .unitCycle),
        ("step-cycle", .anchorCycle),
        ("unknown-step-anchor", .unknownAnchorStep),
        ("duplicate-step-ids", .duplicateStep),
        ("calendar-unknown-kind", .unknownWord),
        ("calendar-year-mismatch", .calendarYearMismatch),
        ("calendar-provisional", .provisionalYear),
        ("no-email", .undeliverableUnit),
        ("report-window", .reportWindow),
        ("cascade-later-than-upstream", .laterThanUpstream),
        ("missing-units", .missingUnitsFile),
        ("bad-identifiers", .identifierShape),
    ])
    func fixturesReportTheirKind(_ name: String, _ code: DiagnosticCode) {
        let folder = Fixtures.folder("broken", name)
        let report = WorkflowLoader.load(directory: folder.path, today: Fixtures.today(folder))
        let codes = Set(report.diagnostics.map(\.code))
        #expect(codes.contains(code), "\(name): \(codes.map(\.rawValue).sorted())")
    }

    /// A config's problems carry codes too.
    @Test func configProblemsHaveCodes() throws {
        let dir = try TemporaryDirectory()
        try dir.write("dondoc.yaml", "workflows: .\nsend-at: noon\nstate: postgresql://x:secret@y/z\n")
        let (_, diagnostics) = ConfigLoader.load(path: dir.path + "/dondoc.yaml")
        #expect(diagnostics.map(\.code) == [.configValue, .configValue])
        let (_, missing) = ConfigLoader.load(path: dir.path + "/none.yaml")
        #expect(missing.map(\.code) == [.noConfig])
    }
}
