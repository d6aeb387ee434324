import Foundation
import Hummingbird

/// A submitted form (`application/x-www-form-urlencoded`), at most `Form.limit` bytes.
struct Form: Sendable {
    static let limit = 64 * 1024

    private var fields: [String: String] = [:]

    init(fields: [String: String]) { self.fields = fields }

    /// Reads and parses the body; a body over the limit is 413, one that is not a form 400.
    static func read(_ request: Request) async throws -> Form {
        let buffer = try await request.body.collect(upTo: limit)
        guard let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes) else {
            throw Refusal(.badRequest, "Biểu mẫu không hợp lệ", "Nội dung gửi lên không phải văn bản UTF-8.")
        }
        return try parse(text)
    }

    static func parse(_ text: String) throws -> Form {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                throw Refusal(.badRequest, "Biểu mẫu không hợp lệ", "Nội dung gửi lên không đúng định dạng biểu mẫu.")
            }
            if fields[name] == nil { fields[name] = value }
        }
        return Form(fields: fields)
    }

    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The field trimmed, `nil` when absent or blank; longer than `limit` characters is a 400
    /// naming the field.
    func text(_ name: String, label: String, limit: Int = 2000) throws -> String? {
        guard let value = TextCheck.trimmed(fields[name]) else { return nil }
        switch TextCheck.check(value, limit: limit) {
        case .tooLong: throw Refusal(.badRequest, "Biểu mẫu không hợp lệ", "Trường “\(label)” dài quá \(limit) ký tự.")
        case .controlCharacter: throw Refusal(.badRequest, "Biểu mẫu không hợp lệ", "Trường “\(label)” có ký tự điều khiển.")
        case nil: return value
        }
    }

    func required(_ name: String, label: String, limit: Int = 2000) throws -> String {
        guard let value = try text(name, label: label, limit: limit) else {
            throw Refusal(.badRequest, "Biểu mẫu chưa đủ", "Xin điền trường “\(label)”.")
        }
        return value
    }

    subscript(name: String) -> String? { fields[name] }
}

/// What a text field of a form or of the API's JSON may hold: at most `limit` characters
/// (Unicode scalars, as JSON Schema's `maxLength` counts), no control characters but line
/// breaks and tabs.
enum TextCheck {
    enum Problem: Equatable {
        case tooLong, controlCharacter
    }

    /// The text trimmed, `nil` when absent or blank.
    static func trimmed(_ text: String?) -> String? {
        guard let value = text?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    static func check(_ value: String, limit: Int) -> Problem? {
        if value.unicodeScalars.count > limit { return .tooLong }
        if value.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t") || $0.value == 0x7F }) {
            return .controlCharacter
        }
        return nil
    }

    /// The problem in the API's words, after the field's name.
    static func problem(_ value: String, limit: Int) -> String? {
        switch check(value, limit: limit) {
        case .tooLong: "is longer than \(limit) characters"
        case .controlCharacter: "holds a control character"
        case nil: nil
        }
    }
}
