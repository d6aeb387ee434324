/// Where the state store is, as the config's `state:` gives it (DESIGN §5, §7): a SQLite file
/// path, or a PostgreSQL URL (`postgresql://…` or `postgres://…`). Parsed once; the processes
/// open a store from it through one factory (`StateStores.open` in DondocApp).
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgresql(url: String)

    public init(_ text: String) {
        if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") {
            self = .postgresql(url: text)
        } else {
            self = .sqlite(path: text)
        }
    }

    /// The location as errors name it (a URL's password, if written in it, is left out).
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgresql(let url): StoreLocation.withoutPassword(url)
        }
    }

    static func withoutPassword(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}
