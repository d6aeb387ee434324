@testable import DondocCore
import DondocTestSupport
import DondocMail

/// Notifications as the planner makes them, for a December 2026 morning.
enum Fixture {
    static func date(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    /// 08:00 on Wednesday 9 December 2026.
    static let sendAt = LocalDateTime(date: date("2026-12-09"), hour: 8, minute: 0)

    static let from = "Hệ thống đôn đốc <dondoc@example.gov.vn>"

    static let units: [String: String] = [
        "bo-noi-vu": "Bộ Nội vụ",
        "ubnd-hai-phong": "Ủy ban nhân dân thành phố Hải Phòng",
        "ubnd-hung-yen": "Ủy ban nhân dân tỉnh Hưng Yên",
        "so-noi-vu-hung-yen": "Sở Nội vụ tỉnh Hưng Yên",
        "tinh-uy-hung-yen": "Tỉnh ủy Hưng Yên",
    ]

    static let directives: [String: String] = [
        "33/CT-TTg": "Về tiếp tục tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà nước, chính quyền các cấp trong tình hình mới",
        "02-ĐA/TU": "Đề án nâng cao chất lượng công tác dân vận chính quyền",
    ]

    static let steps: [String: String] = [
        "bao-cao-nam": "Báo cáo kết quả thực hiện công tác dân vận hằng năm",
        "so-ket": "Sơ kết 3 năm thực hiện Đề án",
    ]

    static func describe(_ n: Notification) -> ItemContext {
        ItemContext(directiveTitle: directives[n.obligation.directive] ?? "", stepTitle: steps[n.obligation.step] ?? "")
    }

    static func unitName(_ id: String) -> String { units[id] ?? id }

    static func notification(
        directive: String = "33/CT-TTg", step: String = "bao-cao-nam", unit: String = "ubnd-hai-phong",
        period: String? = "2026", due: String = "2026-12-14", target: String? = nil,
        kind: Notification.Kind = .reminder, rule: String = "3 working days before", ruleID: String = "3wd",
        at: LocalDateTime = sendAt, to: [Recipient], cc: [Recipient] = []
    ) -> Notification {
        let p = period.flatMap { Period(label: $0) }
        let dueDate = date(due)
        let obligation = Obligation(
            key: Obligation.key(directive: directive, step: step, unit: unit, period: p),
            directive: directive, step: step, unit: unit, assignedUnit: unit, hasHolder: true,
            period: p, window: nil,
            deadline: Deadline(nominal: dueDate, dueDate: dueDate, targetDate: target.map(date) ?? dueDate),
            extended: false)
        return Notification(at: at, kind: kind, rule: rule, ruleID: ruleID, obligation: obligation, to: to, cc: cc)
    }

    static let moha = Recipient(role: "support", unit: "bo-noi-vu", email: "vanthu@moha.gov.vn")

    /// Two yearly-report reminders (Hải Phòng, Hưng Yên; the ministry copied to coordinate) and an
    /// overdue one-off step of a provincial scheme with a non-ASCII number, escalated to the
    /// ministry as monitor with the lead unit copied. Four addresses.
    static func morning() -> [Notification] {
        [
            notification(
                unit: "ubnd-hai-phong",
                to: [Recipient(role: "lead", unit: "ubnd-hai-phong", email: "vanphong@haiphong.gov.vn")], cc: [moha]),
            notification(
                unit: "ubnd-hung-yen",
                to: [Recipient(role: "lead", unit: "ubnd-hung-yen", email: "VanPhong@HungYen.gov.vn ")], cc: [moha]),
            notification(
                directive: "02-ĐA/TU", step: "so-ket", unit: "so-noi-vu-hung-yen", period: nil, due: "2026-12-01",
                kind: .escalation, rule: "5 working days after due", ruleID: "5wd",
                to: [Recipient(role: "monitor", unit: "bo-noi-vu", email: "vanthu@moha.gov.vn")],
                cc: [Recipient(role: "lead", unit: "so-noi-vu-hung-yen", email: "sonoivu@hungyen.gov.vn")]),
        ]
    }

    static func morningDigests() -> [Digest] {
        Digest.group(morning(), at: sendAt, describe: describe, unitName: unitName)
    }
}
