import Foundation
import HTTPTypes
import Hummingbird

/// Responses of the site's kinds, with the headers every page carries (DESIGN §6.2).
enum Responses {
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func seeOther(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: headers)
    }
}

/// Headers on every response: the URL of a link page holds its token, so no referrer leaves it;
/// no framing, no sniffing, and a policy that allows only the site's own stylesheet.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Content-Security-Policy")!] = Self.policy
        return response
    }
}

/// A request the site refuses, with the page (or, under `/api/`, the JSON) that says why.
struct Refusal: Error {
    let status: HTTPResponse.Status
    let heading: String
    let text: String

    init(_ status: HTTPResponse.Status, _ heading: String, _ text: String) {
        self.status = status
        self.heading = heading
        self.text = text
    }
}

/// Turns every error into a page in Vietnamese (JSON under `/api/`): a refusal with its status,
/// Hummingbird's own errors (a body over the limit: 413, no route: 404) with theirs, and anything
/// else as 500 — logged, never shown.
struct ErrorPages<Context: RequestContext>: RouterMiddleware {
    let pages: Pages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let refusal as Refusal {
            context.logger.notice("\(request.method) refused \(refusal.status.code): \(refusal.heading)")
            return respond(request, refusal)
        } catch let error as HTTPResponseError {
            return respond(request, Refusal(error.status, Self.heading(error.status), Self.text(error.status)))
        } catch {
            context.logger.error("request failed: \(error)")
            return respond(request, Refusal(.internalServerError, "Lỗi hệ thống", "Yêu cầu chưa được thực hiện. Xin thử lại sau."))
        }
    }

    func respond(_ request: Request, _ refusal: Refusal) -> Response {
        if request.uri.path.hasPrefix("/api/") {
            let body = (try? JSONEncoder().encode(["error": refusal.text])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return Responses.text(body, contentType: "application/json; charset=utf-8", status: refusal.status)
        }
        return Responses.html(pages.message(heading: refusal.heading, text: refusal.text, isError: true), status: refusal.status)
    }

    static func heading(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "Không tìm thấy"
        case 413: "Nội dung quá lớn"
        case 405: "Thao tác không hợp lệ"
        default: "Yêu cầu không hợp lệ"
        }
    }

    static func text(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "Trang này không tồn tại."
        case 413: "Nội dung gửi lên vượt quá 64 KiB."
        case 405: "Trang này không nhận thao tác đó."
        default: "Máy chủ không hiểu yêu cầu này (mã \(status.code))."
        }
    }
}
