import GRDB
#if canImport(Glibc)
import Glibc
#endif

extension SQLiteStateStore {
    /// Opens the store at `path`, creating it when `create` is true and nothing (or an empty file)
    /// is there; then brings its schema up to date.
    ///
    /// An existing file is checked before it is opened for writing, and refused — never
    /// recreated, truncated or overwritten — when it
    /// - cannot be read (a directory, a path through a non-directory, no permission): `.unreadable`;
    /// - is not an SQLite database: `.notADatabase`; is an SQLite database of another program
    ///   (tables, but no dondoc migrations): `.notADatabase`;
    /// - fails `PRAGMA quick_check`, or is truncated: `.corrupt`;
    /// - has a migration this build does not know (written by a newer dondoc): `.newerSchema`.
    ///
    /// Nothing at the path with `create: false`, or a missing directory: `.notFound`.
    public static func open(path: String, create: Bool = true) throws -> SQLiteStateStore {
        // Two processes setting up a new file at once can hold each other up past the busy
        // timeout while one switches it to WAL; a second attempt finds the work done.
        var attempt = 1
        while true {
            do {
                return try openOnce(path: path, create: create)
            } catch let error as StoreError where error.code == .locked && attempt < 3 {
                attempt += 1
            }
        }
    }

    /// How long a store another process is setting up may look half made before it counts as
    /// damaged.
    static let setUpWait: Duration = .seconds(3)

    /// The file's state, waiting (up to `setUpWait`) while it looks half made. No lock of its own:
    /// any descriptor of the database file closed by this process would drop SQLite's locks.
    private static func inspectSettled(_ path: String) throws -> StoreFile {
        let clock = ContinuousClock()
        let deadline = clock.now + setUpWait
        while true {
            let state = try StoreFile.inspect(path)
            guard state == .halfMade else { return state }
            guard clock.now < deadline else { throw StoreFile.halfMadeError(path) }
            usleep(20_000)
        }
    }

    private static func openOnce(path: String, create: Bool) throws -> SQLiteStateStore {
        switch try inspectSettled(path) {
        case .absent:
            guard create else {
                throw StoreError(code: .notFound, path: path, message: "does not exist (the daemon creates it on its first start)")
            }
        case .empty:
            guard create else {
                throw StoreError(code: .notFound, path: path, message: "is an empty file, not yet a store (the daemon sets it up on its first start)")
            }
        case .database:
            try verify(path)
        case .halfMade:
            throw StoreFile.halfMadeError(path)
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration())
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
        let store = SQLiteStateStore(pool: pool, path: path)
        do {
            try store.migrate()
        } catch {
            try? pool.close()
            throw StoreError.wrapping(error, path: path)
        }
        return store
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "dondoc.state"
        configuration.busyMode = .timeout(Double(busyTimeoutSeconds))
        configuration.foreignKeysEnabled = true
        return configuration
    }

    /// Checks an existing database through a read-only connection, which cannot modify it.
    private static func verify(_ path: String) throws {
        var configuration = configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            try queue.read { db in
                let problems = try String.fetchAll(db.cachedStatement(sql: "PRAGMA quick_check(5)"))
                guard problems == ["ok"] else {
                    throw StoreError(
                        code: .corrupt, path: path,
                        message: "PRAGMA quick_check: \(problems.joined(separator: "; ")); left untouched. \(StoreError.recoveryAdvice)")
                }
                try checkSchema(db, path: path)
            }
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }

    /// An empty database is fine (it is set up); another program's database, or one written by a
    /// newer dondoc, is not.
    private static func checkSchema(_ db: Database, path: String) throws {
        let tables = try String.fetchAll(
            db.cachedStatement(sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
        guard !tables.isEmpty else { return }
        guard tables.contains("grdb_migrations") else {
            throw StoreError(
                code: .notADatabase, path: path,
                message: "is an SQLite database but not a dondoc state store (tables: \(tables.joined(separator: ", "))); left untouched")
        }
        try checkNotNewer(db, path: path)
    }

    private static func checkNotNewer(_ db: Database, path: String) throws {
        let applied = try StoreSchema.migrator.appliedIdentifiers(db)
        let unknown = applied.subtracting(StoreSchema.identifiers).sorted()
        guard unknown.isEmpty else {
            throw StoreError(
                code: .newerSchema, path: path,
                message: "was written by a newer dondoc (unknown migrations: \(unknown.joined(separator: ", "))); "
                    + "run that version, or restore a backup; left untouched")
        }
    }

    /// Durable commits, then the schema. Two processes opening a new file at once may both try
    /// "v1": the loser's transaction fails and rolls back, and its second try finds v1 applied.
    private func migrate() throws {
        // A claim must be on disk before the hand-over to sendmail (GRDB sets NORMAL for WAL).
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try pool.read { db in try Self.checkNotNewer(db, path: path) }
        let migrator = StoreSchema.migrator
        do {
            try migrator.migrate(pool)
        } catch {
            try migrator.migrate(pool)
        }
    }
}
