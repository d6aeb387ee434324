import DondocLoader
import DondocStore
import DondocStorePostgres

/// The one place a process opens its state store from the config's `state:` (the daemon, the
/// CLI and the web alike): they then hold `any StateStore` and do not know which adapter it is.
public enum StateStores {
    /// Opens the store at `location`. `create`: make it when absent (the daemon only; the CLI and
    /// the web never create one, so that a mistyped `state:` does not record completions in a
    /// store the daemon never reads; on PostgreSQL: set up the schema). `passwordFile`: the
    /// config's `state-password-file:` (PostgreSQL only). Throws `StoreError`.
    public static func open(_ location: StoreLocation, passwordFile: String? = nil, create: Bool) async throws -> any StateStore {
        switch location {
        case .sqlite(let path):
            return try SQLiteStateStore.open(path: path, create: create)
        case .postgresql(let url):
            return try await PostgresStateStore.open(url: url, passwordFile: passwordFile, create: create)
        }
    }

    /// The store the installation's config names: `state:` with `state-password-file:`.
    public static func open(_ config: InstallationConfig, create: Bool) async throws -> any StateStore {
        try await open(StoreLocation(config.state), passwordFile: config.statePasswordFile, create: create)
    }
}
