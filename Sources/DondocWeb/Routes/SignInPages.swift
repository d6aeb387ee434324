import DondocApp
import DondocLinks
import HTTPTypes
import Hummingbird

/// Who is signed in on a dashboard page: the token's holder, and the form token every form of
/// the page carries (signed from the cookie's token, so a form made elsewhere is refused).
struct SignedIn: Sendable {
    let access: Access
    /// The cookie's token.
    let token: String
    let signer: LinkSigner

    /// The form token of this sign-in's forms.
    var csrf: String { signer.formToken(for: SignedIn.formSubject(token)) }

    static func formSubject(_ token: String) -> String { "sign-in\n" + token }

    static func accepts(_ form: Form, token: String, signer: LinkSigner) -> Bool {
        guard let csrf = form["csrf"] else { return false }
        return signer.isValidFormToken(csrf, for: formSubject(token))
    }

    /// A read token sees; only an admin token records.
    func requireAdmin() throws {
        guard access.isAdmin else {
            throw Refusal(.forbidden, "Không có quyền thực hiện",
                          "Mã truy cập “\(access.name)” chỉ có quyền xem. Việc ghi nhận cần mã truy cập quản trị.")
        }
    }

    func requireForm(_ form: Form) throws {
        guard SignedIn.accepts(form, token: token, signer: signer) else {
            throw Refusal(.forbidden, "Biểu mẫu không hợp lệ", "Biểu mẫu này không được gửi từ trang của hệ thống. Xin tải lại trang rồi thử lại.")
        }
    }
}

/// Sign-in with an access token (DESIGN §6.3–6.4): `GET /login` shows the form, `POST /login`
/// checks the token and sets the cookie, `POST /logout` clears it.
struct SignInPages: Sendable {
    let site: Site

    func register(on router: Router<WebContext>) {
        router.get("/login") { _, _ in Responses.html(self.form(notice: nil)) }
        router.post("/login") { request, context in try await self.signIn(request, context) }
        router.post("/logout") { request, context in try await self.signOut(request, context) }
    }

    /// Who signed in; `nil` when there is no sign-in cookie. A cookie whose token is
    /// unknown or revoked is a 401 page, and counts as a failed attempt.
    func signedIn(_ request: Request, _ context: WebContext) async throws -> SignedIn? {
        guard let token = request.cookies[Authenticator.cookie]?.value, !token.isEmpty else { return nil }
        let access = try await site.auth.holder(of: token, client: context.client(request), json: false)
        return SignedIn(access: access, token: token, signer: site.signer)
    }

    /// A dashboard page: rendered for the signed-in, a 303 to the sign-in form for the others.
    func page(_ request: Request, _ context: WebContext, _ render: (SignedIn) async throws -> String) async throws -> Response {
        guard let holder = try await signedIn(request, context) else { return Responses.seeOther("/login") }
        return Responses.html(try await render(holder))
    }

    /// A dashboard form: the sign-in, its form token, an admin token.
    func action(_ request: Request, _ context: WebContext) async throws -> (SignedIn, Form) {
        guard let holder = try await signedIn(request, context) else {
            throw Refusal(.unauthorized, "Cần đăng nhập", "Phiên làm việc đã hết. Xin đăng nhập lại.")
        }
        let form = try await Form.read(request)
        try holder.requireForm(form)
        try holder.requireAdmin()
        return (holder, form)
    }

    func signIn(_ request: Request, _ context: WebContext) async throws -> Response {
        let form = try await Form.read(request)
        let token = try form.text("token", label: "Mã truy cập", limit: 200)
        let access: Access
        do {
            access = try await site.auth.holder(of: token, client: context.client(request), json: false)
        } catch let refusal as Refusal where refusal.status == .unauthorized {
            return Responses.html(self.form(notice: refusal.text), status: .unauthorized)
        }
        context.logger.info("signed in", metadata: ["token": "\(access.name)"])
        var response = Responses.seeOther("/")
        response.setCookie(site.auth.cookie(for: token ?? ""))
        return response
    }

    func signOut(_ request: Request, _ context: WebContext) async throws -> Response {
        if let token = request.cookies[Authenticator.cookie]?.value, !token.isEmpty {
            let form = try await Form.read(request)
            guard SignedIn.accepts(form, token: token, signer: site.signer) else {
                throw Refusal(.forbidden, "Biểu mẫu không hợp lệ", "Biểu mẫu này không được gửi từ trang của hệ thống.")
            }
        }
        var response = Responses.seeOther("/login")
        response.setCookie(site.auth.signOutCookie)
        return response
    }

    func form(notice: String?) -> String {
        var values: [String: Any] = [:]
        if let notice { values["notice"] = notice }
        return site.pages.render("login", title: "Đăng nhập", values)
    }
}
