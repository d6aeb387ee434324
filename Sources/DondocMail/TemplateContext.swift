import DondocCore
import Foundation

/// The values a mail template sees, built from a digest (all strings, numbers and booleans).
///
/// Top level:
/// `address`, `recipientNames` (the recipient units' names, `; `-separated), `date` (DD/MM/YYYY),
/// `weekday` (`Thứ Hai` …), `time` (`08:00`), `count`, `reminderCount`, `escalationCount`,
/// `hasReminders`, `hasEscalations`, `onlyReminders`, `onlyEscalations`, `mixed`,
/// `firstDueDate` (the earliest due date, DD/MM/YYYY), `sameDueDate`, `keys` (`k1, k2`),
/// `items`, `reminders`, `escalations` (lists of items).
///
/// Each item: `index` (from 1), `kind` (`reminder`/`escalation`), `isReminder`, `isEscalation`,
/// `kindLabel` (`Nhắc hạn`/`Quá hạn`), `role`, `roleLabel`, `roleNote`, `isCopy`, `isSupport`,
/// `recipientUnit`, `recipientUnitName`, `directiveNumber`, `directiveTitle`, `stepID`, `stepTitle`,
/// `unitID`, `unitName`, `period`, `hasPeriod`, `dueDate`, `dueDateISO`, `dueWeekday`,
/// `targetDate`, `targetWeekday`, `targetDiffers`, `status` (`còn 3 ngày`, `hạn cuối là hôm nay`,
/// `quá hạn 2 ngày`), `daysLeft`, `daysOverdue`, `isOverdue`, `dueToday`, `rule`, `ruleText`,
/// `extended`, `obligationKey`, `notificationKey`, `doneCommand`, `extendCommand`, and, when
/// links are configured, `link` (the obligation's page for this recipient); at the top level
/// `hasLinks` and `feedLinks` (each recipient unit's calendar: `unitName`, `url`).
enum TemplateContext {
    static func make(_ digest: Digest, links: DigestLinks? = nil) -> [String: Any] {
        let items = digest.items
        let at = digest.at
        let dueDates = Set(items.map(\.dueDate))
        let reminders = items.filter { $0.kind == .reminder }
        let escalations = items.filter { $0.kind == .escalation }
        var context: [String: Any] = [
            "address": digest.address,
            "recipientNames": digest.recipientUnits.map(\.name).joined(separator: "; "),
            "date": at.date.vietnamese,
            "weekday": at.date.weekday.vietnameseName,
            "time": "\(HeaderField.pad(at.hour, 2)):\(HeaderField.pad(at.minute, 2))",
            "count": items.count,
            "reminderCount": reminders.count,
            "escalationCount": escalations.count,
            "hasReminders": !reminders.isEmpty,
            "hasEscalations": !escalations.isEmpty,
            "onlyReminders": !reminders.isEmpty && escalations.isEmpty,
            "onlyEscalations": reminders.isEmpty && !escalations.isEmpty,
            "mixed": !reminders.isEmpty && !escalations.isEmpty,
            "firstDueDate": dueDates.min()?.vietnamese ?? "",
            "sameDueDate": dueDates.count <= 1,
            "keys": digest.keys.joined(separator: ", "),
            "items": items.enumerated().map { item($1, index: $0 + 1, at: at) },
            "reminders": reminders.enumerated().map { item($1, index: $0 + 1, at: at) },
            "escalations": escalations.enumerated().map { item($1, index: $0 + 1, at: at) },
        ]
        if let links {
            func linked(_ list: [DigestItem]) -> [[String: Any]] {
                list.enumerated().map { index, element in
                    var values = item(element, index: index + 1, at: at)
                    values["link"] = links.obligation(element.obligationKey, digest.address, at)
                    return values
                }
            }
            context["items"] = linked(items)
            context["reminders"] = linked(reminders)
            context["escalations"] = linked(escalations)
            context["hasLinks"] = true
            context["feedLinks"] = digest.recipientUnits.map { ["unitName": $0.name, "url": links.feed($0.id)] }
        }
        return context
    }

    static func item(_ item: DigestItem, index: Int, at: LocalDateTime) -> [String: Any] {
        let daysLeft = item.daysLeft(at: at)
        let overdue = item.isOverdue(at: at)
        let daysOverdue = item.daysOverdue(at: at)
        let status = overdue ? "quá hạn \(daysOverdue) ngày" : daysLeft == 0 ? "hạn cuối là hôm nay" : "còn \(daysLeft) ngày"
        return [
            "index": index,
            "kind": item.kind.rawValue,
            "isReminder": item.kind == .reminder,
            "isEscalation": item.kind == .escalation,
            "kindLabel": item.kind == .reminder ? "Nhắc hạn" : "Quá hạn",
            "role": item.role,
            "roleLabel": roleLabel(item.role),
            "roleNote": roleNote(item),
            "isCopy": item.isCopy,
            "isSupport": item.role == "support",
            "recipientUnit": item.recipientUnit,
            "recipientUnitName": item.recipientUnitName,
            "directiveNumber": item.directiveNumber,
            "directiveTitle": item.directiveTitle,
            "stepID": item.stepID,
            "stepTitle": item.stepTitle,
            "unitID": item.unitID,
            "unitName": item.unitName,
            "period": item.period ?? "",
            "hasPeriod": item.period != nil,
            "dueDate": item.dueDate.vietnamese,
            "dueDateISO": item.dueDate.description,
            "dueWeekday": item.dueDate.weekday.vietnameseName,
            "targetDate": item.targetDate.vietnamese,
            "targetWeekday": item.targetDate.weekday.vietnameseName,
            "targetDiffers": item.targetDate != item.dueDate,
            "status": status,
            "daysLeft": daysLeft,
            "daysOverdue": daysOverdue,
            "isOverdue": overdue,
            "dueToday": !overdue && daysLeft == 0,
            "rule": item.rule,
            "ruleText": ruleText(item.rule),
            "extended": item.extended,
            "obligationKey": item.obligationKey,
            "notificationKey": item.notificationKey,
            "doneCommand": "dondoc done \(shellQuoted(item.obligationKey))",
            "extendCommand": "dondoc extend \(shellQuoted(item.obligationKey)) --to YYYY-MM-DD --reason \"…\"",
        ]
    }

    static func roleLabel(_ role: String) -> String {
        switch role {
        case "lead": "đơn vị chủ trì"
        case "support": "đơn vị phối hợp"
        case "head": "thủ trưởng đơn vị chủ trì"
        case "parent": "cơ quan cấp trên của đơn vị chủ trì"
        case "monitor": "cơ quan theo dõi, đôn đốc"
        case "report-to": "cơ quan nhận báo cáo"
        case "issuer": "cơ quan ban hành văn bản"
        default: "đơn vị nhận thông báo"
        }
    }

    static func roleNote(_ item: DigestItem) -> String {
        switch item.role {
        case "lead" where item.isCopy: "Đơn vị chủ trì nhận bản sao thông báo quá hạn này để biết và khẩn trương hoàn thành."
        case "lead": "Đơn vị nhận thư là đơn vị chủ trì thực hiện nhiệm vụ."
        case "support": "Đơn vị nhận thư được gửi để phối hợp với đơn vị chủ trì (\(item.unitName))."
        case "head": "Gửi thủ trưởng đơn vị chủ trì để chỉ đạo thực hiện."
        case "parent": "Gửi cơ quan cấp trên của đơn vị chủ trì để biết và chỉ đạo."
        case "monitor": "Gửi cơ quan theo dõi, đôn đốc việc thực hiện văn bản."
        case "report-to": "Gửi cơ quan nhận báo cáo để biết."
        case "issuer": "Gửi cơ quan ban hành văn bản để biết."
        default: "Gửi để biết."
        }
    }

    /// The stable English rule label in Vietnamese: `3 working days before` → `trước hạn 3 ngày làm việc`.
    static func ruleText(_ rule: String) -> String {
        if rule == "on due" { return "vào ngày làm việc cuối cùng trước hạn" }
        let words = rule.split(separator: " ")
        guard let n = words.first.flatMap({ Int($0) }), words.count >= 3 else { return rule }
        let unit = words[1] == "working" ? "\(n) ngày làm việc" : "\(n) ngày"
        if words.last == "before" { return "trước hạn \(unit)" }
        if words.suffix(2) == ["after", "due"] { return "sau hạn \(unit)" }
        return rule
    }

    /// `'text'` for a POSIX shell, with `'` written as `'\''`.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
