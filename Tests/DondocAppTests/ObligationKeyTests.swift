import DondocCore
import Testing
@testable import DondocApp

/// Keys given by users, checked against the workflows, and the unit filter.
struct ObligationKeyTests {
    typealias F = Fixture

    @Test(arguments: [
        ("nothing", ObligationKeyError.malformed("nothing")),
        ("1/CT-TEST#bao-cao@ubnd-a!reminder:3wd", .notificationKey("1/CT-TEST#bao-cao@ubnd-a!reminder:3wd", obligation: "1/CT-TEST#bao-cao@ubnd-a")),
        ("2/CT#bao-cao@ubnd-a", .unknownDirective(key: "2/CT#bao-cao@ubnd-a", directive: "2/CT")),
        ("1/CT-TEST#khac@ubnd-a", .unknownStep(key: "1/CT-TEST#khac@ubnd-a", directive: "1/CT-TEST", step: "khac")),
        ("1/CT-TEST#bao-cao@ubnd-z", .unknownUnit(key: "1/CT-TEST#bao-cao@ubnd-z", unit: "ubnd-z")),
    ])
    func keysThatNameNoObligation(_ key: String, _ expected: ObligationKeyError) {
        #expect(throws: expected) { try F.workflows.resolve(key: key) }
    }

    @Test func aKeyResolvesToItsDirectiveStepUnitAndPeriod() throws {
        let resolved = try F.workflows.resolve(key: "1/CT-TEST#bao-cao-nam@ubnd-a/2026")
        #expect(resolved.directive.number == "1/CT-TEST")
        #expect(resolved.step.id == "bao-cao-nam")
        #expect(resolved.unit == "ubnd-a")
        #expect(resolved.period?.description == "2026")
    }

    @Test func theUnitFilterTakesUnitsAndGroupsAndRefusesUnknownOnes() throws {
        let obligations = F.workflows.planner().obligations(due: F.d("2026-12-01")...F.d("2026-12-31"))
        let b = try UnitFilter(unit: "ubnd-b", org: F.org)
        #expect(obligations.filter(b.includes).map(\.key) == ["1/CT-TEST#bao-cao@ubnd-b"])
        let group = try UnitFilter(unit: "group:tinh", org: F.org)
        #expect(obligations.filter(group.includes).count == 3)
        #expect(throws: UnknownUnitError(unit: "ubnd-z")) { try UnitFilter(unit: "ubnd-z", org: F.org) }
        #expect(throws: UnknownUnitError(unit: "group:khac")) { try UnitFilter(unit: "group:khac", org: F.org) }
    }
}
