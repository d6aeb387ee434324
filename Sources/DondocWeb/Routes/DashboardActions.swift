import DondocApp
import DondocCore
import DondocLinks
import Foundation
import Hummingbird

/// What an admin token records from a unit's page (DESIGN §6.3): `POST /u/UNIT/done` (fields
/// `key`, `note`) and `POST /u/UNIT/extend` (`key`, `to`, `reason`), through the use cases the
/// command line uses, with the token's name in the audit trail; then 303 back to the page.
struct DashboardActions: Sendable {
    let site: Site
    let signIn: SignInPages

    func register(on router: Router<WebContext>) {
        router.post("/u/:unit/done") { request, context in try await self.done(request, context) }
        router.post("/u/:unit/extend") { request, context in try await self.extend(request, context) }
    }

    var useCases: UseCaseContext { UseCaseContext(workflows: site.workflows, store: site.store) }

    func done(_ request: Request, _ context: WebContext) async throws -> Response {
        let (holder, form) = try await signIn.action(request, context)
        let key = try form.required("key", label: "Nhiệm vụ", limit: 500)
        let note = try form.text("note", label: "Ghi chú")
        let outcome = try await Self.known(key) {
            try await RecordCompletion(useCases).run(.init(key: key, by: holder.access.name, note: note, via: holder.access.name), now: site.now)
        }
        let mark = switch outcome { case .recorded: "hoan-thanh"; case .alreadyDone: "truoc-do" }
        return back(context, form, mark: mark)
    }

    func extend(_ request: Request, _ context: WebContext) async throws -> Response {
        let (holder, form) = try await signIn.action(request, context)
        let key = try form.required("key", label: "Nhiệm vụ", limit: 500)
        guard let to = try DueWindow.date(form.required("to", label: "Gia hạn đến ngày", limit: 20), label: "Gia hạn đến ngày") else {
            throw Refusal(.badRequest, "Biểu mẫu chưa đủ", "Xin điền trường “Gia hạn đến ngày”.")
        }
        let reason = try form.required("reason", label: "Căn cứ gia hạn")
        _ = try await Self.known(key) {
            try await RecordExtension(useCases).run(.init(key: key, to: to, reason: reason, by: holder.access.name, via: holder.access.name),
                                              now: site.now)
        }
        return back(context, form, mark: "gia-han")
    }

    /// A key the workflows do not have is a 404 page.
    static func known<T>(_ key: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ObligationKeyError {
            throw Refusal(.notFound, "Không tìm thấy nhiệm vụ", "Nhiệm vụ “\(key)” không có trong danh mục theo dõi (\(error)).")
        }
    }

    /// 303 to the unit's page, in the window it was seen in, saying what was done.
    func back(_ context: WebContext, _ form: Form, mark: String) -> Response {
        let unit = context.parameters.get("unit") ?? ""
        var query = "?da=\(mark)"
        for field in ["from", "to-window"] {
            if let text = form[field], let date = try? DueWindow.date(text, label: field) {
                query += "&\(field == "from" ? "from" : "to")=\(date)"
            }
        }
        return Responses.seeOther("/u/\(LinkBuilder.pathSegment(unit.removingPercentEncoding ?? unit))\(query)")
    }

    /// What the page says after an action.
    static func notice(_ request: Request) -> String? {
        switch request.uri.queryParameters.get("da") {
        case "hoan-thanh": "Đã ghi nhận hoàn thành."
        case "truoc-do": "Nhiệm vụ này đã được ghi nhận hoàn thành trước đó; ghi nhận đầu tiên được giữ nguyên."
        case "gia-han": "Đã ghi nhận gia hạn; nhiệm vụ nay có hạn mới."
        default: nil
        }
    }
}
