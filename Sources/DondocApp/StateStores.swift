import DondocStore

/// The one place a process opens its state store from the config's `state:` (the daemon, the
/// CLI and the web alike): they then hold `any StateStore` and do not know which adapter it is.
public enum StateStores {
    /// Opens the store at `location`. `create`: make it when absent (the daemon only; the CLI and
    /// the web never create one, so that a mistyped `state:` does not record completions in a
    /// store the daemon never reads). Throws `StoreError`.
    public static func open(_ location: StoreLocation, create: Bool) async throws -> any StateStore {
        switch location {
        case .sqlite(let path):
            return try SQLiteStateStore.open(path: path, create: create)
        case .postgresql:
            throw StoreError(code: .unreachable, path: location.description,
                             message: "a PostgreSQL state store is not available in this build")
        }
    }
}
