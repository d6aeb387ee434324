import DondocCore
import Foundation

extension HTTPConfig {
    static let keys = ["listen", "base-url", "link-days"]
}

extension ConfigSection {
    /// `http: {listen, base-url, link-days}` (DESIGN §6.1).
    func read(into http: inout HTTPConfig, locations: inout [String: SourceLocation]) {
        if let text = text("listen", locations: &locations) {
            if let address = ListenAddress(text.value) { http.listen = address } else {
                error(.configValue, text, "'listen' must be HOST:PORT such as 127.0.0.1:8080 or [::1]:8080 (a port from 1 to 65535), found '\(text.value)'")
            }
        }
        if let text = text("base-url", locations: &locations) {
            if let url = HTTPConfig.baseURL(text.value) { http.baseURL = url } else {
                error(.configValue, text, "'base-url' must be an http:// or https:// address without query or fragment, such as https://dondoc.example.gov.vn, found '\(text.value)'")
            }
        }
        if let text = text("link-days", locations: &locations), let days = days(text, key: "link-days", in: 1...3660) {
            http.linkDays = days
        }
    }
}

extension HTTPConfig {
    /// The address without its trailing slash, or `nil` when it is not an absolute http(s) URL
    /// with a host and nothing after the path.
    static func baseURL(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
              components.query == nil, components.fragment == nil, components.user == nil else { return nil }
        var url = text
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
