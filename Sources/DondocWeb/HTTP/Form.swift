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
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        guard value.count <= limit else {
            throw Refusal(.badRequest, "Biểu mẫu không hợp lệ", "Trường “\(label)” dài quá \(limit) ký tự.")
        }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t" }) else {
            throw Refusal(.badRequest, "Biểu mẫu không hợp lệ", "Trường “\(label)” có ký tự điều khiển.")
        }
        return value
    }

    func required(_ name: String, label: String, limit: Int = 2000) throws -> String {
        guard let value = try text(name, label: label, limit: limit) else {
            throw Refusal(.badRequest, "Biểu mẫu chưa đủ", "Xin điền trường “\(label)”.")
        }
        return value
    }

    subscript(name: String) -> String? { fields[name] }
}
