import DondocCore
import DondocLoader

/// A small set of workflows, planned on the computed calendar.
enum Fixture {
    static func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    static func at(_ iso: String, _ hour: Int = 9) -> LocalDateTime { LocalDateTime(date: d(iso), hour: hour, minute: 0) }

    static let org = OrgChart(units: [
        Unit(id: "bo-noi-vu", name: "Bộ Nội vụ", email: "vanthu@moha.gov.vn"),
        Unit(id: "ubnd-a", name: "UBND A", email: "a@example.gov.vn"),
        Unit(id: "ubnd-b", name: "UBND B", email: "b@example.gov.vn"),
    ], groups: ["tinh": ["ubnd-a", "ubnd-b"]])

    static let directive = Directive(
        number: "1/CT-TEST", title: "Thử", issuer: "bo-noi-vu", issued: d("2024-01-05"), monitor: "bo-noi-vu",
        steps: [
            // Monday 2026-12-14.
            Step(id: "bao-cao", phase: .task, title: "Báo cáo", lead: ["group:tinh"], due: .on(d("2026-12-14"))),
            Step(id: "bao-cao-nam", phase: .report, title: "Báo cáo năm", lead: ["ubnd-a"],
                 due: .yearly(.before(month: 12, day: 15)), from: PeriodBound(year: 2024)),
        ])

    static let workflows = WorkflowSet(org: org, directives: [directive])
}
