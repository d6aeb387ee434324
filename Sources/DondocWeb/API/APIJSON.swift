import DondocCore
import Foundation
import HTTPTypes
import Hummingbird

/// The API's JSON (DESIGN §6.5): answers encoded with sorted keys, bodies read to at most 64 KiB
/// and decoded with an error that names the field.
enum APIJSON {
    static let limit = 64 * 1024

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    /// The body as `T`: over the limit 413; not JSON, not an object of that shape, 400.
    static func body<T: Decodable>(_ request: Request, as type: T.Type) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch let error as HTTPResponseError where error.status == .contentTooLarge {
            throw Refusal(.contentTooLarge, "Nội dung quá lớn", "the body is over 64 KiB")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw Refusal(.badRequest, "Yêu cầu không hợp lệ", describe(error))
        } catch let refusal as Refusal {
            throw refusal
        } catch {
            throw Refusal(.badRequest, "Yêu cầu không hợp lệ", "the body is not JSON")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func field(_ path: [any CodingKey]) -> String { path.map(\.stringValue).joined(separator: ".") }
        switch error {
        case .keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return context.codingPath.isEmpty ? "the body must be a JSON object" : "field '\(field(context.codingPath))' has the wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the body is not JSON" : "field '\(field(context.codingPath))': \(context.debugDescription)"
        @unknown default: return "the body is not the expected JSON"
        }
    }

    /// A 400 that names what was wrong.
    static func bad(_ text: String) -> Refusal { Refusal(.badRequest, "Yêu cầu không hợp lệ", text) }

    static func notFound(_ text: String) -> Refusal { Refusal(.notFound, "Không tìm thấy", text) }
}

/// The query of an API request: each parameter at most once, checked with a 400 that names it.
struct APIQuery {
    let request: Request

    func string(_ name: String) throws -> String? {
        let values = request.uri.queryParameters.getAll(name)
        guard values.count <= 1 else { throw APIJSON.bad("parameter '\(name)' is given more than once") }
        guard let value = values.first.map({ String($0) }) else { return nil }
        guard !value.isEmpty else { throw APIJSON.bad("parameter '\(name)' is empty") }
        if let problem = TextCheck.problem(value, limit: 500) { throw APIJSON.bad("parameter '\(name)' \(problem)") }
        return value
    }

    func required(_ name: String) throws -> String {
        guard let value = try string(name) else { throw APIJSON.bad("missing parameter '\(name)'") }
        return value
    }

    func date(_ name: String) throws -> CivilDate? {
        guard let text = try string(name) else { return nil }
        guard let date = CivilDate(iso: text) else { throw APIJSON.bad("parameter '\(name)' is not a date (YYYY-MM-DD)") }
        return date
    }

    func choice<T: RawRepresentable<String> & CaseIterable>(_ name: String, _ type: T.Type) throws -> T? {
        guard let text = try string(name) else { return nil }
        guard let value = T(rawValue: text) else {
            throw APIJSON.bad("parameter '\(name)' must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}
