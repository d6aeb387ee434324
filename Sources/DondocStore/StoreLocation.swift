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

    /// A URL with a password written in it (which the config and `store copy` refuse: the
    /// password belongs in a file, a credential or PGPASSFILE, not in a file or a command line
    /// others can read). The same reading as the one that hides it from messages.
    public var holdsPassword: Bool {
        guard case .postgresql(let url) = self else { return false }
        return Self.password(in: url) != nil
    }

    static func withoutPassword(_ url: String) -> String {
        guard let range = password(in: url) else { return url }
        return url.replacingCharacters(in: range, with: "***")
    }

    /// Where the password is in `scheme://user:password@…`.
    private static func password(in url: String) -> Range<String.Index>? {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return nil }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return nil }
        return url.index(after: colon)..<at
    }
}
