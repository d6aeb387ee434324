import DondocApp
import DondocCore
import DondocLoader
import Foundation
import Hummingbird

/// `GET /ics/UNIT.ics?sig=S` (DESIGN §6.6): a unit's obligations due from a year back to a year
/// ahead on the site's clock, as an iCalendar feed. `S` signs the unit id: a feed is read by
/// calendar programs that hold no token. A feed has no recipient, so it carries no signed link
/// to an obligation's page: the key and the directive are in each event's description.
struct FeedRoutes: Sendable {
    let site: Site

    func register(on router: Router<WebContext>) {
        router.get("/ics/:file") { request, context in try await self.feed(request, context) }
    }

    func feed(_ request: Request, _ context: WebContext) async throws -> Response {
        let file = context.parameters.get("file") ?? ""
        guard file.hasSuffix(".ics") else { throw Refusal(.notFound, "Không tìm thấy", "Trang này không tồn tại.") }
        let raw = String(file.dropLast(4))
        let unit = raw.removingPercentEncoding ?? raw
        guard let signature = request.uri.queryParameters.get("sig"), site.signer.isValidFeedSignature(signature, unit: unit) else {
            throw Refusal(.forbidden, "Đường dẫn không hợp lệ", "Đường dẫn lịch này không đúng hoặc đã bị thay đổi.")
        }
        let workflows = site.workflows
        guard let filter = try? UnitFilter(unit: unit, org: workflows.org) else {
            throw Refusal(.notFound, "Không tìm thấy đơn vị", "Đơn vị này không còn trong sơ đồ đơn vị.")
        }
        let now = LocalDateTime(epochSeconds: site.now)
        let dates = now.date.adding(years: -1)...now.date.adding(years: 1)
        let events = workflows.tracked(due: dates, records: try await site.records(), now: now, unit: filter).map { event($0, workflows) }
        let feed = CalendarFeed(name: workflows.org[unit]?.name ?? unit, events: events)
        var response = Responses.text(feed.render(stamp: site.now), contentType: "text/calendar; charset=utf-8")
        response.headers[.cacheControl] = "no-cache"
        return response
    }

    func event(_ tracked: TrackedObligation, _ workflows: WorkflowSet) -> CalendarFeed.Event {
        let obligation = tracked.obligation
        let directive = workflows.directive(obligation.directive)
        let title = directive?.steps.first { $0.id == obligation.step }?.title ?? obligation.step
        let due = obligation.deadline.dueDate
        var summary = title
        if let period = obligation.period { summary += " (kỳ \(period))" }
        var lines = ["Văn bản: \(obligation.directive)" + (directive.map { " — \($0.title)" } ?? "")]
        lines.append("Hạn: \(due.weekday.vietnameseName), \(due.vietnamese)")
        lines.append("Trạng thái: \(WebText.state(tracked.state))")
        lines.append("Mã nghĩa vụ: \(obligation.key)")
        return CalendarFeed.Event(uid: obligation.key, dueDate: due, summary: summary, description: lines.joined(separator: "\n"),
                                  done: tracked.completion != nil)
    }
}
