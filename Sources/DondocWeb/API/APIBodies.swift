import DondocApp
import DondocCore
import Foundation

/// `POST /api/v1/obligation/done`: `{"key","by","note"?,"at"?}`.
struct DoneBody: Decodable {
    let key: String
    let by: String
    let note: String?
    let at: String?
}

/// `POST /api/v1/obligation/extend`: `{"key","to","reason"}`.
struct ExtendBody: Decodable {
    let key: String
    let to: String
    let reason: String
}

/// The text fields of a body, checked as the OpenAPI document says: the length of what was
/// sent, then trimmed; blank is absent.
enum BodyText {
    static func optional(_ value: String?, _ name: String, limit: Int) throws -> String? {
        guard let value else { return nil }
        if let problem = TextCheck.problem(value, limit: limit) { throw APIJSON.bad("field '\(name)' \(problem)") }
        return TextCheck.trimmed(value)
    }

    static func required(_ value: String, _ name: String, limit: Int) throws -> String {
        guard let text = try optional(value, name, limit: limit) else { throw APIJSON.bad("field '\(name)' is blank") }
        return text
    }

    /// An RFC 3339 date-time with an offset (`2026-12-07T10:00:00+07:00`, `…Z`, fractions of a
    /// second dropped), as epoch seconds.
    static func instant(_ text: String, _ name: String) throws -> Int64 {
        let upper = text.uppercased()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: upper) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        }
        throw APIJSON.bad("field '\(name)' is not a date-time with an offset (such as 2026-12-07T10:00:00+07:00)")
    }
}
