import DondocApp
import DondocCore
import DondocLinks
import DondocStore
import Hummingbird

/// The pages staff reach from the links in their email (DESIGN §6.2): `GET /o/TOKEN` shows an
/// obligation and never changes anything; `POST /o/TOKEN/done` records its completion.
struct LinkPages: Sendable {
    let site: Site

    func register(on router: Router<WebContext>) {
        router.get("/o/:token") { request, context in try self.page(request, context) }
        router.post("/o/:token/done") { request, context in try await self.done(request, context) }
    }

    /// A token checked: its signature, its expiry on the site's clock, its purpose, the
    /// obligation it names, and that its address is still one the obligation is mailed to.
    struct Checked {
        let token: String
        let claim: LinkClaim
        let found: ObligationLookup.Found
    }

    func check(_ context: WebContext, purpose: LinkClaim.Purpose) throws -> Checked {
        let token = context.parameters.get("token") ?? ""
        let claim: LinkClaim
        do {
            claim = try site.signer.verify(token)
        } catch {
            throw Refusal(.forbidden, "Đường dẫn không hợp lệ",
                          "Đường dẫn này không đúng hoặc đã bị thay đổi. Xin mở lại đường dẫn trong thư nhắc việc mới nhất.")
        }
        guard claim.purpose == purpose else {
            throw Refusal(.forbidden, "Đường dẫn không hợp lệ", "Đường dẫn này không dùng cho trang này.")
        }
        guard !claim.isExpired(at: site.now) else {
            throw Refusal(.gone, "Đường dẫn đã hết hạn",
                          "Đường dẫn này đã hết hạn sử dụng. Thư nhắc việc tiếp theo sẽ có đường dẫn mới; hoặc liên hệ bộ phận theo dõi.")
        }
        let lookup = ObligationLookup(workflows: site.workflows, sendAt: site.config.sendAt)
        let records = try site.records()
        let found: ObligationLookup.Found?
        do {
            found = try lookup.find(key: claim.key, records: records, now: LocalDateTime(epochSeconds: site.now))
        } catch {
            context.logger.notice("a link names \(claim.key): \(error)")
            throw Refusal(.notFound, "Không tìm thấy nhiệm vụ", "Nhiệm vụ này không còn trong danh mục theo dõi.")
        }
        guard let found else {
            throw Refusal(.notFound, "Không tìm thấy nhiệm vụ", "Nhiệm vụ này không còn trong danh mục theo dõi.")
        }
        guard found.recipients.contains(claim.address) else {
            throw Refusal(.forbidden, "Đường dẫn không dành cho địa chỉ này",
                          "Địa chỉ thư nhận đường dẫn này không còn nhận thông báo về nhiệm vụ này.")
        }
        return Checked(token: token, claim: claim, found: found)
    }

    func page(_ request: Request, _ context: WebContext) throws -> Response {
        let checked = try check(context, purpose: .obligation)
        let notice: (text: String, isError: Bool)? = switch request.uri.queryParameters.get("da") {
        case "hoan-thanh": ("Đã ghi nhận hoàn thành. Hệ thống sẽ không gửi nhắc nhở về nhiệm vụ này nữa.", false)
        case "truoc-do": ("Nhiệm vụ này đã được ghi nhận hoàn thành trước đó; ghi nhận đầu tiên được giữ nguyên.", false)
        default: nil
        }
        return Responses.html(render(checked, notice: notice))
    }

    func done(_ request: Request, _ context: WebContext) async throws -> Response {
        let checked = try check(context, purpose: .obligation)
        let form = try await Form.read(request)
        guard let csrf = form["csrf"], site.signer.isValidFormToken(csrf, for: checked.token) else {
            throw Refusal(.forbidden, "Biểu mẫu không hợp lệ", "Biểu mẫu này không được gửi từ trang của hệ thống. Xin mở lại đường dẫn trong thư.")
        }
        let by = try form.required("by", label: "Người thực hiện", limit: 200)
        let note = try form.text("note", label: "Ghi chú")
        let useCase = RecordCompletion(UseCaseContext(workflows: site.workflows, store: site.store))
        let outcome = try useCase.run(.init(key: checked.claim.key, by: by, note: note, via: checked.claim.address), now: site.now)
        let mark = switch outcome { case .recorded: "hoan-thanh"; case .alreadyDone: "truoc-do" }
        return Responses.seeOther("/o/\(checked.token)?da=\(mark)")
    }

    func render(_ checked: Checked, notice: (text: String, isError: Bool)?) -> String {
        let tracked = checked.found.tracked
        let obligation = tracked.obligation
        let directive = checked.found.resolved.directive
        let unitName = site.workflows.org[obligation.unit]?.name ?? obligation.unit
        var values: [String: Any] = [
            "stepTitle": checked.found.resolved.step.title,
            "directiveNumber": directive.number,
            "directiveTitle": directive.title,
            "unitName": unitName,
            "dueDate": obligation.deadline.dueDate.vietnamese,
            "dueWeekday": obligation.deadline.dueDate.weekday.vietnameseName,
            "stateLabel": WebText.state(tracked.state),
            "stateClass": tracked.category.rawValue,
            "canAct": tracked.completion == nil,
            "canRequestExtension": false,
            "actionBase": "/o/\(checked.token)",
            "csrf": site.signer.formToken(for: checked.token),
        ]
        if let period = obligation.period { values["period"] = period.description }
        if tracked.extendedTo != nil { values["extendedTo"] = true }
        if let completion = tracked.completion {
            values["doneAt"] = WebText.instant(completion.at)
            if let by = completion.by { values["doneBy"] = by }
            if let note = completion.note { values["doneNote"] = note }
        }
        if let notice {
            values["notice"] = notice.text
            values["noticeClass"] = notice.isError ? "error" : "ok"
        }
        return site.pages.render("obligation", title: checked.found.resolved.step.title, values)
    }
}
