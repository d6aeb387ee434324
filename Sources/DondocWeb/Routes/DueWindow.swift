import DondocApp
import DondocCore
import Hummingbird

/// The due dates a dashboard page counts: `?from=&to=` (YYYY-MM-DD, or dd/mm/yyyy as people
/// write it), by default this year on the site's clock — as `dondoc report`.
struct DueWindow: Sendable {
    /// Longer windows would make a page plan decades of obligations.
    static let maxDays = 3660

    let dates: ClosedRange<CivilDate>

    init(_ request: Request, today: CivilDate) throws {
        let query = request.uri.queryParameters
        let from = try Self.date(query.get("from"), label: "Từ ngày")
        let to = try Self.date(query.get("to"), label: "Đến ngày")
        guard let dates = Report.window(from: from, to: to, today: today) else {
            throw Refusal(.badRequest, "Khoảng thời gian không hợp lệ", "“Đến ngày” đứng trước “Từ ngày”.")
        }
        guard dates.lowerBound.days(to: dates.upperBound) <= Self.maxDays else {
            throw Refusal(.badRequest, "Khoảng thời gian không hợp lệ", "Khoảng thời gian dài quá 10 năm.")
        }
        self.dates = dates
    }

    static func date(_ text: String?, label: String) throws -> CivilDate? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let date = CivilDate(iso: text) ?? vietnamese(text) { return date }
        throw Refusal(.badRequest, "Ngày không hợp lệ",
                      "“\(label)” phải là một ngày có thật, viết dạng năm-tháng-ngày (2026-01-31) hoặc ngày/tháng/năm (31/01/2026).")
    }

    /// `31/01/2026`.
    static func vietnamese(_ text: String) -> CivilDate? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2])
        else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    /// What the window form shows, and the query that keeps the window on links.
    var values: [String: Any] {
        ["from": dates.lowerBound.description, "to": dates.upperBound.description,
         "fromText": dates.lowerBound.vietnamese, "toText": dates.upperBound.vietnamese,
         "query": "?from=\(dates.lowerBound)&to=\(dates.upperBound)"]
    }
}
