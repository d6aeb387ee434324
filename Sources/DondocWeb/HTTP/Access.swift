import DondocApp
import DondocStore
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Who is asking with an access token (DESIGN §6.4): `Authorization: Bearer TOKEN` on the API,
/// the sign-in cookie on the dashboard. A `read` token sees; an `admin` token also records.
struct Access: Sendable {
    let name: String
    let role: AccessToken.Role

    var isAdmin: Bool { role == .admin }
}

/// Ten failed attempts a minute from one client, then 429 until the minute has passed.
final class FailureLimit: Sendable {
    static let perMinute = 10
    private let failures = Mutex<[String: [Int64]]>([:])

    func isExceeded(by client: String, now: Int64) -> Bool {
        failures.withLock { table in
            let recent = (table[client] ?? []).filter { $0 > now - 60 }
            table[client] = recent.isEmpty ? nil : recent
            return recent.count >= FailureLimit.perMinute
        }
    }

    func fail(_ client: String, now: Int64) {
        failures.withLock { table in
            table[client, default: []].append(now)
            if table.count > 10_000 { table = table.filter { $0.value.contains { $0 > now - 60 } } }
        }
    }
}

/// Checks tokens against the store's hashes (`AccessTokens.verify`), counting failures.
struct Authenticator: Sendable {
    static let cookie = "dondoc_token"

    let site: Site
    let limit: FailureLimit

    /// The holder of `token`, or a refusal: 429 past the failure limit, 401 for an unknown,
    /// revoked or missing token (a missing one is not counted as a failure).
    func holder(of token: String?, client: String, json: Bool) async throws -> Access {
        let now = site.now
        guard !limit.isExceeded(by: client, now: now) else {
            throw Refusal(.tooManyRequests, "Quá nhiều lần thử", "Quá nhiều lần đăng nhập sai trong một phút. Xin thử lại sau.")
        }
        // No token at all is no attempt at guessing one: refused, not counted.
        guard let token, !token.isEmpty else {
            throw Refusal(.unauthorized, "Cần đăng nhập", json ? "no access token" : "Cần mã truy cập.")
        }
        guard let holder = try await AccessTokens(store: site.store).verify(token, via: client, now: now) else {
            limit.fail(client, now: now)
            throw Refusal(.unauthorized, "Cần đăng nhập", json ? "unknown or revoked access token" : "Mã truy cập không đúng hoặc đã bị thu hồi.")
        }
        return Access(name: holder.name, role: holder.role)
    }

    /// `Authorization: Bearer TOKEN`.
    func bearer(_ request: Request, _ context: WebContext) async throws -> Access {
        let header = request.headers[.authorization] ?? ""
        let token = header.hasPrefix("Bearer ") ? String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces) : nil
        return try await holder(of: token, client: context.client(request), json: true)
    }

    /// The sign-in cookie's holder; `nil` when there is no cookie.
    func signedIn(_ request: Request, _ context: WebContext) async throws -> Access? {
        guard let token = request.cookies[Authenticator.cookie]?.value else { return nil }
        return try await holder(of: token, client: context.client(request), json: false)
    }

    /// The cookie that keeps a sign-in: HttpOnly, SameSite=Strict, Secure when the site is https.
    func cookie(for token: String) -> Cookie { cookie(value: token, maxAge: 12 * 3600) }

    /// The cookie that ends a sign-in: the same one, empty and expired.
    var signOutCookie: Cookie { cookie(value: "", maxAge: 0) }

    private func cookie(value: String, maxAge: Int) -> Cookie {
        Cookie(name: Authenticator.cookie, value: value, maxAge: maxAge, path: "/",
               secure: site.links.baseURL.hasPrefix("https://"), httpOnly: true, sameSite: .strict)
    }
}
