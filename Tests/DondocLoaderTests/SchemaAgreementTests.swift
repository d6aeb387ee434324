import DondocCore
import Foundation
import Testing
@testable import DondocLoader

/// The JSON Schemas of `schema/` name exactly the keys the loader reads and the words it takes
/// (docs/schemas.md): a key or a word added to one without the other fails here. That files
/// the loader accepts are valid against the schemas, and that files it rejects for their shape
/// are not, is checked with the schemas themselves (`Tests/Schema/check_schemas.py`, run by
/// `SchemaFileTests`).
struct SchemaAgreementTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schema")

    static func schema(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("\(name).schema.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The object at `path` (through `properties`, and `items` where the path says `[]`).
    static func object(_ root: [String: Any], _ path: [String]) throws -> [String: Any] {
        var node = root
        for step in path {
            if step == "[]" {
                node = try #require(node["items"] as? [String: Any], "no items at \(path)")
            } else {
                let properties = try #require(node["properties"] as? [String: Any], "no properties at \(path)")
                node = try #require(properties[step] as? [String: Any], "no \(step) at \(path)")
            }
        }
        return node
    }

    static func keys(_ root: [String: Any], _ path: [String]) throws -> Set<String> {
        let node = try object(root, path)
        #expect(node["additionalProperties"] as? Bool == false, "\(path): unknown keys must be refused")
        return Set(try #require(node["properties"] as? [String: Any]).keys)
    }

    static func words(_ root: [String: Any], _ path: [String]) throws -> Set<String> {
        Set(try #require(try object(root, path)["enum"] as? [Any]).compactMap { $0 as? String })
    }

    @Test func everySchemaIsDraft2020_12() throws {
        for name in ["directive", "units", "calendar", "dondoc"] {
            #expect(try SchemaAgreementTests.schema(name)["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        }
    }

    @Test func theKeysAreTheLoaders() throws {
        let directive = try SchemaAgreementTests.schema("directive")
        #expect(try SchemaAgreementTests.keys(directive, []) == Set(DirectiveDraft.topKeys))
        #expect(try SchemaAgreementTests.keys(directive, ["directive"]) == Set(DirectiveDraft.directiveKeys))
        #expect(try SchemaAgreementTests.keys(directive, ["steps", "[]"]) == Set(StepDraft.keys))
        let units = try SchemaAgreementTests.schema("units")
        #expect(try SchemaAgreementTests.keys(units, []) == Set(UnitsFile.topKeys))
        #expect(try SchemaAgreementTests.keys(units, ["units", "[]"]) == Set(UnitsFile.unitKeys))
        #expect(try SchemaAgreementTests.keys(units, ["units", "[]", "head"]) == Set(UnitsFile.headKeys))
        let members = try #require((try SchemaAgreementTests.object(units, ["groups"])["additionalProperties"] as? [String: Any])?["items"] as? [String: Any])
        let termMember = try #require((members["anyOf"] as? [[String: Any]])?.first { $0["type"] as? String == "object" })
        #expect(termMember["additionalProperties"] as? Bool == false)
        #expect(Set(try #require(termMember["properties"] as? [String: Any]).keys) == Set(UnitsFile.memberKeys))
        let calendar = try SchemaAgreementTests.schema("calendar")
        #expect(try SchemaAgreementTests.keys(calendar, []) == Set(CalendarFile.topKeys))
        #expect(try SchemaAgreementTests.keys(calendar, ["days", "[]"]) == Set(CalendarFile.dayKeys))
        let config = try SchemaAgreementTests.schema("dondoc")
        #expect(try SchemaAgreementTests.keys(config, []) == Set(ConfigLoader.keys))
        #expect(try SchemaAgreementTests.keys(config, ["mail"]) == Set(MailConfig.keys))
        #expect(try SchemaAgreementTests.keys(config, ["http"]) == Set(HTTPConfig.keys))
    }

    @Test func theWordsAreTheLoaders() throws {
        let directive = try SchemaAgreementTests.schema("directive")
        let policies = Set(RestDayPolicy.allCases.map(\.rawValue))
        #expect(try SchemaAgreementTests.words(directive, ["steps", "[]", "phase"]) == Set(Phase.allCases.map(\.rawValue)))
        #expect(try SchemaAgreementTests.words(directive, ["steps", "[]", "on-rest-day"]) == policies)
        #expect(try SchemaAgreementTests.words(directive, ["directive", "on-rest-day"]) == policies)
        let calendar = try SchemaAgreementTests.schema("calendar")
        #expect(try SchemaAgreementTests.words(calendar, ["days", "[]", "kind"]) == Set(DayKind.allCases.map(\.rawValue)))
        #expect(try SchemaAgreementTests.words(calendar, ["status"]) == Set(CalendarYearFile.Status.allCases.map(\.rawValue)))
    }

    /// The patterns accept what the loader accepts, and refuse what it refuses for its shape.
    @Test(arguments: [
        ("2026-02-28", true), ("2026-2-28", false), ("26-02-28", false), ("2026-13-01", false),
    ])
    func theDatePatternIsTheLoaders(_ text: String, _ shaped: Bool) throws {
        let pattern = try #require(try SchemaAgreementTests.object(try SchemaAgreementTests.schema("directive"), ["directive", "issued"])["pattern"] as? String)
        #expect((text.range(of: pattern, options: .regularExpression) != nil) == shaped)
        #expect((CivilDate(iso: text) != nil) == shaped)
    }

    @Test(arguments: ["ubnd-hai-phong", "so_1.a", "Ủy-ban", "a b", "a/b", ""])
    func theUnitIDPatternIsTheLoaders(_ id: String) throws {
        let pattern = try #require(try SchemaAgreementTests.object(try SchemaAgreementTests.schema("units"), ["units", "[]", "id"])["pattern"] as? String)
        #expect((id.range(of: pattern, options: .regularExpression) != nil) == ValueRules.isIdentifier(id))
    }
}
