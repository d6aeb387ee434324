import Testing
@testable import DondocCore

/// Units in time: a lead list or group may name the units of every time; each owes only the
/// periods (or the one-off due date) within its validity.
struct UnitValidityTests {
    /// Nam Định until 30/6/2025, merged into Ninh Bình; a ministry founded on 1/3/2025.
    static let org = OrgChart(units: [
        Unit(id: "ttcp", name: "Thủ tướng Chính phủ"),
        Unit(id: "ubnd-nam-dinh", name: "UBND tỉnh Nam Định", parent: "ttcp",
             validUntil: d("2025-06-30"), successor: "ubnd-ninh-binh-moi"),
        Unit(id: "ubnd-ninh-binh-moi", name: "UBND tỉnh Ninh Bình (sau hợp nhất)", email: "vp@ninhbinh.gov.vn",
             parent: "ttcp", validFrom: d("2025-07-01")),
        Unit(id: "bo-moi", name: "Một bộ thành lập 1/3/2025", email: "vt@bo.gov.vn", parent: "ttcp",
             validFrom: d("2025-03-01")),
    ], groups: ["tinh": ["ubnd-nam-dinh", "ubnd-ninh-binh-moi"], "bo": ["bo-moi"]])

    static func planner(_ steps: [Step]) -> Planner {
        Planner(directives: [Directive(number: "1/CT", title: "t", issuer: "ttcp", issued: d("2024-11-01"), steps: steps)],
                org: org, calendar: WorkCalendar())
    }

    @Test func aUnitEndingMidYearAndItsSuccessorEachOweTheirOwnPeriods() {
        let planner = UnitValidityTests.planner([
            Step(id: "thang", phase: .report, title: "Báo cáo tháng", lead: ["group:tinh"],
                 due: .report(.monthly, month: nil, day: 20), from: PeriodBound(year: 2025)),
        ])
        let keys = planner.obligations(due: d("2025-01-01")...d("2025-12-31")).map(\.key)
        #expect(keys == (1...6).map { "1/CT#thang@ubnd-nam-dinh/2025-0\($0)" }
            + ["1/CT#thang@ubnd-ninh-binh-moi/2025-07", "1/CT#thang@ubnd-ninh-binh-moi/2025-08",
               "1/CT#thang@ubnd-ninh-binh-moi/2025-09", "1/CT#thang@ubnd-ninh-binh-moi/2025-10",
               "1/CT#thang@ubnd-ninh-binh-moi/2025-11", "1/CT#thang@ubnd-ninh-binh-moi/2025-12"])
    }

    @Test func aPeriodBegunBeforeAUnitCeasedGoesToItsSuccessorOnce() {
        // The year 2025 is Nam Định's (it began while it existed) and Ninh Bình's own: one obligation.
        let planner = UnitValidityTests.planner([
            Step(id: "nam", phase: .report, title: "Báo cáo năm", lead: ["group:tinh"],
                 due: .yearly(.before(month: 12, day: 15)), from: PeriodBound(year: 2024)),
        ])
        let obligations = planner.obligations(due: d("2024-01-01")...d("2026-12-31"))
        #expect(obligations.map(\.key) == ["1/CT#nam@ubnd-nam-dinh/2024", "1/CT#nam@ubnd-ninh-binh-moi/2025",
                                           "1/CT#nam@ubnd-ninh-binh-moi/2026"])
        #expect(obligations.allSatisfy { $0.hasHolder })
    }

    @Test func aUnitThatDidNotExistYetOwesNothing() {
        let planner = UnitValidityTests.planner([
            // Due 31/1/2025, before the ministry existed; its 2026 plan is its own.
            Step(id: "ke-hoach", phase: .planning, title: "Kế hoạch năm", lead: ["group:bo"],
                 due: .yearly(.by(month: 1, day: 31)), from: PeriodBound(year: 2025)),
            // A one-off step due before the ministry existed.
            Step(id: "quan-triet", phase: .dissemination, title: "Quán triệt", lead: ["bo-moi"],
                 due: .after(30, .days, .issued)),
        ])
        let keys = planner.obligations(due: d("2024-01-01")...d("2026-12-31")).map(\.key)
        #expect(keys == ["1/CT#ke-hoach@bo-moi/2026"])
    }

    @Test func aOneOffStepDueAfterAUnitCeasedIsNotItsOwn() {
        let planner = UnitValidityTests.planner([
            Step(id: "tong-ket", phase: .finalReview, title: "Tổng kết", lead: ["group:tinh"], due: .on(d("2026-03-02"))),
        ])
        #expect(planner.obligations(due: d("2026-01-01")...d("2026-12-31")).map(\.key) == ["1/CT#tong-ket@ubnd-ninh-binh-moi"])
    }

    @Test func validityBoundsTheSpanFromThePeriodsStartToItsDueDate() {
        let unit = Unit(id: "u", name: "u", validFrom: d("2025-03-01"), validUntil: d("2025-06-30"))
        #expect(unit.owes(periodStart: d("2025-01-01"), due: d("2025-03-01")))
        #expect(!unit.owes(periodStart: d("2025-01-01"), due: d("2025-02-28")))
        #expect(unit.owes(periodStart: d("2025-06-01"), due: d("2025-07-20")))
        #expect(!unit.owes(periodStart: d("2025-07-01"), due: d("2025-07-20")))
        #expect(!unit.owes(periodStart: nil, due: d("2025-07-01")))
        #expect(unit.owes(periodStart: nil, due: d("2025-06-30")))
    }

    /// A body that existed before it took a group's work over (Ninh Bình's merged board, valid
    /// from 1/3/2025, owes the Nam Định directive only from 1/7/2025): listed for a term, it owes
    /// only the periods that meet both its validity and the term.
    static let merged = OrgChart(units: [
        Unit(id: "ban-nam-dinh", name: "Ban Nam Định", validUntil: d("2025-06-30"), successor: "ban-ninh-binh"),
        Unit(id: "ban-ninh-binh", name: "Ban Ninh Bình", validFrom: d("2025-03-01")),
    ], memberships: [
        "nam-dinh": [GroupMember("ban-nam-dinh"), GroupMember("ban-ninh-binh", term: Term(from: d("2025-07-01")))],
        "nested": [GroupMember("group:nam-dinh", term: Term(until: d("2025-12-31")))],
        "twice": [GroupMember("group:nam-dinh"), GroupMember("ban-ninh-binh")],
    ])

    static func halfYearly(_ lead: String) -> [String] {
        let planner = Planner(directives: [Directive(number: "1/CT", title: "t", issuer: "ban-nam-dinh", issued: d("2024-11-01"), steps: [
            Step(id: "sau-thang", phase: .report, title: "Báo cáo 6 tháng", lead: [lead],
                 due: .report(.halfYearly, month: nil, day: 20), from: PeriodBound(year: 2025)),
        ])], org: merged, calendar: WorkCalendar())
        return planner.obligations(due: d("2025-01-01")...d("2026-12-31")).map(\.key)
    }

    @Test func aUnitListedForATermOwesOnlyThePeriodsWithinIt() {
        #expect(UnitValidityTests.halfYearly("group:nam-dinh")
            == ["1/CT#sau-thang@ban-nam-dinh/2025-H1", "1/CT#sau-thang@ban-ninh-binh/2025-H2", "1/CT#sau-thang@ban-ninh-binh/2026-H1",
                "1/CT#sau-thang@ban-ninh-binh/2026-H2"])
    }

    @Test func termsNarrowAlongNestedGroupsAndWidenAcrossPaths() {
        // Through "nested" the group's term (to 31/12/2025) narrows each member's.
        #expect(UnitValidityTests.halfYearly("group:nested") == ["1/CT#sau-thang@ban-nam-dinh/2025-H1", "1/CT#sau-thang@ban-ninh-binh/2025-H2"])
        #expect(UnitValidityTests.merged.expansion(of: ["group:nested"]).term(of: "ban-ninh-binh") == Term(from: d("2025-07-01"), until: d("2025-12-31")))
        // Named also directly, it is always a member: it owes its first half of 2025 too.
        #expect(UnitValidityTests.merged.expansion(of: ["group:twice"]).term(of: "ban-ninh-binh") == nil)
        #expect(UnitValidityTests.halfYearly("group:twice").contains("1/CT#sau-thang@ban-ninh-binh/2025-H1"))
        #expect(UnitValidityTests.merged.expansion(of: ["group:nam-dinh", "group:nested"]).term(of: "ban-ninh-binh") == Term(from: d("2025-07-01")))
        #expect(UnitValidityTests.merged.expand(["group:twice"]) == ["ban-nam-dinh", "ban-ninh-binh"])
    }
}
