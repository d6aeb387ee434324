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
        router.get("/o/:token") { request, context in try await self.page(request, context) }
        router.post("/o/:token/done") { request, context in try await self.done(request, context) }
        router.post("/o/:token/extension") { request, context in try await self.requestExtension(request, context) }
        router.get("/r/:token") { request, context in try await self.review(request, context) }
        router.post("/r/:token/approve") { request, context in try await self.answer(request, context, approve: true) }
        router.post("/r/:token/refuse") { request, context in try await self.answer(request, context, approve: false) }
    }

    /// A token checked: its signature, its expiry on the site's clock, its purpose, the
    /// obligation it names, and that its address is still one the obligation is mailed to.
    struct Checked {
        let token: String
        let claim: LinkClaim
        let found: ObligationLookup.Found
    }

    func check(_ context: WebContext, purpose: LinkClaim.Purpose) async throws -> Checked {
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
        let found: ObligationLookup.Found?
        do {
            found = try await lookup.find(key: claim.key, in: site.store, now: LocalDateTime(epochSeconds: site.now))
        } catch let error as ObligationKeyError {
            context.logger.notice("a link names \(claim.key): \(error)")
            throw Refusal(.notFound, "Không tìm thấy nhiệm vụ", "Nhiệm vụ này không còn trong danh mục theo dõi.")
        }
        guard let found else {
            throw Refusal(.notFound, "Không tìm thấy nhiệm vụ", "Nhiệm vụ này không còn trong danh mục theo dõi.")
        }
        let allowed = purpose == .review ? monitorAddresses(found) : found.recipients
        guard allowed.contains(claim.address) else {
            throw Refusal(.forbidden, "Đường dẫn không dành cho địa chỉ này",
                          "Địa chỉ thư nhận đường dẫn này không còn nhận thông báo về nhiệm vụ này.")
        }
        return Checked(token: token, claim: claim, found: found)
    }

    func page(_ request: Request, _ context: WebContext) async throws -> Response {
        let checked = try await check(context, purpose: .obligation)
        let notice: (text: String, isError: Bool)? = switch request.uri.queryParameters.get("da") {
        case "hoan-thanh": ("Đã ghi nhận hoàn thành. Hệ thống sẽ không gửi nhắc nhở về nhiệm vụ này nữa.", false)
        case "truoc-do": ("Nhiệm vụ này đã được ghi nhận hoàn thành trước đó; ghi nhận đầu tiên được giữ nguyên.", false)
        case "gia-han": ("Đã gửi đề nghị gia hạn tới cơ quan theo dõi. Hạn hiện tại giữ nguyên cho tới khi đề nghị được chấp thuận.", false)
        default: nil
        }
        return await Responses.html(render(checked, notice: notice))
    }

    func done(_ request: Request, _ context: WebContext) async throws -> Response {
        let checked = try await check(context, purpose: .obligation)
        let form = try await Form.read(request)
        try checkForm(form, checked)
        let by = try form.required("by", label: "Người thực hiện", limit: 200)
        let note = try form.text("note", label: "Ghi chú")
        let useCase = RecordCompletion(UseCaseContext(workflows: site.workflows, store: site.store))
        let outcome = try await useCase.run(.init(key: checked.claim.key, by: by, note: note, via: checked.claim.address), now: site.now)
        let mark = switch outcome { case .recorded: "hoan-thanh"; case .alreadyDone: "truoc-do" }
        return Responses.seeOther("/o/\(checked.token)?da=\(mark)")
    }

    /// The form's anti-forgery field, checked before anything is read from the form.
    func checkForm(_ form: Form, _ checked: Checked) throws {
        guard let csrf = form["csrf"], site.signer.isValidFormToken(csrf, for: checked.token) else {
            throw Refusal(.forbidden, "Biểu mẫu không hợp lệ", "Biểu mẫu này không được gửi từ trang của hệ thống. Xin mở lại đường dẫn trong thư.")
        }
    }

    /// The field as YYYY-MM-DD (what a date input sends), `nil` when blank, a 400 naming it otherwise.
    static func date(_ form: Form, _ name: String, label: String) throws -> CivilDate? {
        guard let text = try form.text(name, label: label, limit: 10) else { return nil }
        guard let date = CivilDate(iso: text) else {
            throw Refusal(.badRequest, "Ngày không hợp lệ", "Trường “\(label)” phải là một ngày dạng YYYY-MM-DD, nhận được “\(text)”.")
        }
        return date
    }

    /// The extension request (DESIGN §6.2): the obligation becomes extension-requested, its
    /// deadline unchanged; the monitoring body gets it in its next digest.
    func requestExtension(_ request: Request, _ context: WebContext) async throws -> Response {
        let checked = try await check(context, purpose: .obligation)
        let form = try await Form.read(request)
        try checkForm(form, checked)
        guard let to = try Self.date(form, "to", label: "Gia hạn đến ngày") else {
            throw Refusal(.badRequest, "Biểu mẫu chưa đủ", "Xin điền trường “Gia hạn đến ngày”.")
        }
        let reason = try form.required("reason", label: "Lý do")
        let by = try form.text("by", label: "Người đề nghị", limit: 200)
        let useCase = RequestExtension(UseCaseContext(workflows: site.workflows, store: site.store))
        do {
            _ = try await useCase.run(.init(key: checked.claim.key, to: to, reason: reason, by: by, requester: checked.claim.address,
                                      via: checked.claim.address), now: site.now)
        } catch let error as ExtensionRequestError {
            throw Self.refusal(error)
        }
        return Responses.seeOther("/o/\(checked.token)?da=gia-han")
    }

    static func refusal(_ error: ExtensionRequestError) -> Refusal {
        switch error {
        case .noReason: Refusal(.badRequest, "Biểu mẫu chưa đủ", "Xin nêu lý do đề nghị gia hạn.")
        case .dateInPast(let date, let today):
            Refusal(.badRequest, "Ngày không hợp lệ", "Ngày đề nghị \(date.vietnamese) đã qua (hôm nay là \(today.vietnamese)).")
        case .alreadyDone: Refusal(.conflict, "Nhiệm vụ đã hoàn thành", "Nhiệm vụ này đã được ghi nhận hoàn thành: không cần gia hạn.")
        case .alreadyPending(let pending):
            Refusal(.conflict, "Đã có đề nghị gia hạn", "Nhiệm vụ này đã có một đề nghị gia hạn đến ngày \(pending.to.vietnamese) đang chờ trả lời.")
        case .notPending: Refusal(.conflict, "Không còn đề nghị chờ trả lời", "Đề nghị gia hạn này đã được trả lời, hoặc đã có đề nghị khác.")
        }
    }

    /// The addresses of the body that answers extension requests: the directive's monitor, else
    /// its issuer (the unit's address, else its head's).
    func monitorAddresses(_ found: ObligationLookup.Found) -> Set<String> {
        let directive = found.resolved.directive
        guard let unit = site.workflows.org[directive.monitor ?? directive.issuer] else { return [] }
        return Set([unit.email, unit.head?.email].compactMap { $0?.lowercased() })
    }

    /// `GET /r/TOKEN`: the monitoring body's page for the waiting request, with approve and
    /// refuse forms. Like every GET, it changes nothing.
    func review(_ request: Request, _ context: WebContext) async throws -> Response {
        let checked = try await check(context, purpose: .review)
        let pending = try await site.store.extensionRequests(.key(checked.claim.key)).last
        let obligation = checked.found.tracked.obligation
        var values: [String: Any] = [
            "stepTitle": checked.found.resolved.step.title,
            "directiveNumber": checked.found.resolved.directive.number,
            "unitName": site.workflows.org[obligation.unit]?.name ?? obligation.unit,
            "dueDate": obligation.deadline.dueDate.vietnamese,
            "actionBase": "/r/\(checked.token)",
            "csrf": site.signer.formToken(for: checked.token),
        ]
        if let period = obligation.period { values["period"] = period.description }
        if let pending {
            values["requestID"] = "\(pending.id ?? 0)"
            values["requestedTo"] = pending.to.vietnamese
            values["requestedToISO"] = pending.to.description
            values["reason"] = pending.reason
            values["requestedBy"] = pending.by ?? pending.requester ?? ""
            values["requestedAt"] = WebText.instant(pending.at)
            if let decision = pending.decision {
                values["answered"] = decision.answer == .approved ? "Đã chấp thuận" : "Đã không chấp thuận"
                values["answeredBy"] = decision.by
                values["answeredAt"] = WebText.instant(decision.at)
            } else {
                values["waiting"] = true
            }
        }
        switch request.uri.queryParameters.get("da") {
        case "chap-thuan": values["notice"] = "Đã chấp thuận đề nghị gia hạn; hạn mới có hiệu lực và người đề nghị sẽ được báo."
        case "khong-chap-thuan": values["notice"] = "Đã ghi nhận không chấp thuận; người đề nghị sẽ được báo."
        default: break
        }
        return Responses.html(site.pages.render("review", title: "Đề nghị gia hạn", values))
    }

    /// `POST /r/TOKEN/approve` (optional `to`, `note`, `by`) or `/refuse` (`note`, `by`).
    func answer(_ request: Request, _ context: WebContext, approve: Bool) async throws -> Response {
        let checked = try await check(context, purpose: .review)
        let form = try await Form.read(request)
        try checkForm(form, checked)
        let requestID = form["request"].flatMap { Int64($0) }
        let note = try form.text("note", label: "Ghi chú")
        let by = try form.text("by", label: "Người trả lời", limit: 200)
        let useCase = UseCaseContext(workflows: site.workflows, store: site.store)
        do {
            if approve {
                let to = try Self.date(form, "to", label: "Gia hạn đến ngày")
                _ = try await ApproveExtension(useCase).run(.init(key: checked.claim.key, requestID: requestID, to: to, note: note, by: by,
                                                            via: checked.claim.address), now: site.now)
            } else {
                _ = try await RefuseExtension(useCase).run(.init(key: checked.claim.key, requestID: requestID, note: note, by: by,
                                                           via: checked.claim.address), now: site.now)
            }
        } catch let error as ExtensionRequestError {
            throw Self.refusal(error)
        }
        return Responses.seeOther("/r/\(checked.token)?da=\(approve ? "chap-thuan" : "khong-chap-thuan")")
    }

    /// What the send log handed over for the obligation: when, what, to whom (DESIGN §6.2).
    func sentList(_ key: String) async -> [[String: String]] {
        let sent = (try? await site.store.notifications(ofObligation: key)) ?? []
        return sent.compactMap { notification in
            guard let at = notification.sentAt else { return nil }
            return ["at": WebText.instant(at), "what": WebText.notification(notification.notificationKey) + " — " + notification.address]
        }
    }

    func render(_ checked: Checked, notice: (text: String, isError: Bool)?) async -> String {
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
            "canRequestExtension": tracked.completion == nil && tracked.state != .extensionRequested,
            "actionBase": "/o/\(checked.token)",
            "csrf": site.signer.formToken(for: checked.token),
        ]
        if let period = obligation.period { values["period"] = period.description }
        if tracked.extendedTo != nil { values["extendedTo"] = true }
        let sent = await sentList(checked.claim.key)
        values["sent"] = sent
        values["hasSent"] = !sent.isEmpty
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
