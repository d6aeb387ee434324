import DondocApp
import DondocCore

/// How the pages say states, categories and instants in Vietnamese.
enum WebText {
    static func state(_ state: ObligationState) -> String {
        switch state {
        case .pending: "chưa đến hạn"
        case .dueSoon: "sắp đến hạn"
        case .overdue: "quá hạn"
        case .done: "đã hoàn thành"
        case .extended: "đã gia hạn"
        case .extensionRequested: "đang đề nghị gia hạn"
        }
    }

    /// The report category as a heading: `Hoàn thành đúng hạn`.
    static func category(_ category: ReportCategory) -> String {
        let name = category.vietnamese
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    /// `năm 2026`, `6 tháng đầu năm 2026`, `quý II/2026`, `tháng 3/2026`.
    static func period(_ period: Period) -> String {
        switch period {
        case .year(let y): "năm \(y)"
        case .half(let y, let h): "6 tháng \(h == 1 ? "đầu" : "cuối") năm \(y)"
        case .quarter(let y, let q): "quý \(["I", "II", "III", "IV"][q - 1])/\(y)"
        case .month(let y, let m): "tháng \(m)/\(y)"
        }
    }

    /// `Thứ Hai, 14/12/2026`.
    static func date(_ date: CivilDate) -> String { "\(date.weekday.vietnameseName), \(date.vietnamese)" }

    /// `08:30 thứ Hai, 14/12/2026` at the civil offset.
    static func instant(_ epochSeconds: Int64) -> String {
        let local = LocalDateTime(epochSeconds: epochSeconds)
        let hour = local.hour < 10 ? "0\(local.hour)" : "\(local.hour)"
        let minute = local.minute < 10 ? "0\(local.minute)" : "\(local.minute)"
        return "\(hour):\(minute) \(local.date.weekday.vietnameseName), \(local.date.vietnamese)"
    }

    /// A notification key's rule in words: `…!reminder:3wd` → `nhắc hạn (3 ngày làm việc trước hạn)`.
    static func notification(_ key: String) -> String {
        guard let bang = key.lastIndex(of: "!") else { return key }
        let rule = key[key.index(after: bang)...].split(separator: ":", maxSplits: 1).map(String.init)
        let kind = rule.first ?? ""
        let offset = rule.count > 1 ? rule[1] : ""
        let amount = offset.hasSuffix("wd") ? "\(offset.dropLast(2)) ngày làm việc" : offset.hasSuffix("d") ? "\(offset.dropLast()) ngày" : ""
        switch kind {
        case "reminder": return offset == "0" ? "nhắc hạn (vào ngày đến hạn)" : "nhắc hạn (\(amount) trước hạn)"
        case "escalation": return "báo quá hạn (\(amount) sau hạn)"
        case "extension-request": return "đề nghị gia hạn"
        case "extension-answer": return "trả lời đề nghị gia hạn"
        default: return kind
        }
    }
}
