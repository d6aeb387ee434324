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

    /// `08:30 thứ Hai, 14/12/2026` at the civil offset.
    static func instant(_ epochSeconds: Int64) -> String {
        let local = LocalDateTime(epochSeconds: epochSeconds)
        let hour = local.hour < 10 ? "0\(local.hour)" : "\(local.hour)"
        let minute = local.minute < 10 ? "0\(local.minute)" : "\(local.minute)"
        return "\(hour):\(minute) \(local.date.weekday.vietnameseName), \(local.date.vietnamese)"
    }
}
