import Foundation
import Testing

/// Requests through curl, a real HTTP client: the status, the headers and the body of each answer.
public enum HTTP {
    public struct Answer: Sendable {
        public let status: Int
        public let headers: [(String, String)]
        public let body: String

        public func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }

        /// The form token of the page's forms.
        public func csrf() throws -> String {
            let marker = "name=\"csrf\" value=\""
            let start = try #require(body.range(of: marker), "no form on the page").upperBound
            return String(body[start...].prefix { $0 != "\"" })
        }

        public func json() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any], "not a JSON object: \(body)")
        }
    }

    /// `token`, when given, is sent as the dashboard's sign-in cookie.
    public static func get(_ url: String, token: String? = nil) async throws -> Answer { try await curl([url], token: token) }

    /// A form; `client` is the address the site counts failures for (X-Forwarded-For from loopback).
    public static func post(_ url: String, form: String, token: String? = nil, client: String? = nil) async throws -> Answer {
        var arguments = ["-X", "POST", "-H", "Content-Type: application/x-www-form-urlencoded", "--data-binary", "@-", url]
        if let client { arguments += ["-H", "X-Forwarded-For: \(client)"] }
        return try await curl(arguments, token: token, input: form)
    }

    /// A request to the API with `Authorization: Bearer TOKEN` and a JSON body.
    public static func api(_ url: String, token: String?, body: String? = nil, method: String? = nil) async throws -> Answer {
        var arguments: [String] = []
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if let body { arguments += ["-X", method ?? "POST", "-H", "Content-Type: application/json", "--data-binary", "@-"] }
        else if let method { arguments += ["-X", method] }
        return try await curl(arguments + [url], input: body ?? "")
    }

    public static func curl(_ arguments: [String], token: String? = nil, input: String = "") async throws -> Answer {
        let cookie = token.map { ["-b", "dondoc_token=\($0)"] } ?? []
        let result = try await offThePool {
            try TestTools.run("/usr/bin/curl", ["-s", "-i", "--max-time", "60"] + cookie + arguments, input: Data(input.utf8))
        }
        let text = String(decoding: result.stdout, as: UTF8.self)
        let (head, body) = text.range(of: "\r\n\r\n").map { (text[..<$0.lowerBound], text[$0.upperBound...]) } ?? (text[...], ""[...])
        let lines = head.components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Answer(status: status, headers: headers, body: String(body))
    }

    public static func formEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
