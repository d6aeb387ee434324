import DondocCore
import GRDB

/// The embedded state store: one SQLite file in WAL mode (default `/var/lib/dondoc/state.sqlite`).
///
/// The daemon and `dondoc done` / `dondoc extend` each open the file with their own
/// `SQLiteStateStore` and write concurrently: every write is one IMMEDIATE transaction, and a
/// writer that finds the file locked waits up to `busyTimeoutSeconds` instead of failing with
/// "database is locked". Commits are fsynced (`synchronous = FULL`): a claim is on disk before
/// the message is handed to sendmail.
///
/// Errors are `StoreError`s naming the file. See `open(path:create:)` for what is refused.
public final class SQLiteStateStore: StateStore {
    /// How long a write waits for another process's write transaction.
    public static let busyTimeoutSeconds = 5

    /// The file's path, as given to `open`.
    public let path: String
    let pool: DatabasePool

    init(pool: DatabasePool, path: String) {
        self.pool = pool
        self.path = path
    }

    /// Copies the write-ahead log into the database file (best effort), then closes the
    /// connections, so that the file alone is a complete copy. Later calls fail; closing twice
    /// is harmless. (Without `close()`, the connections close when the store is released, and
    /// the log stays beside the file until the next open; nothing is lost either way.)
    public func close() throws {
        // GRDB closes the pool's writer before its read-only readers, so the last connection to
        // close cannot checkpoint: do it here.
        _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        do { try pool.close() } catch { throw StoreError.wrapping(error, path: path) }
    }

    // MARK: - Progress

    public func progress() throws -> Progress {
        try read { db in
            var completions: [String: LocalDateTime] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, at FROM completion") {
                let at: Int64 = try row.decode(forColumn: "at")
                completions[try row.decode(forColumn: "key")] = LocalDateTime(epochSeconds: at)
            }
            // Oldest first, so the latest extension of a key is the one left in the map.
            var extensions: [String: CivilDate] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, key, to_date, reason, by, at FROM extension ORDER BY at, id") {
                let granted = try decodeExtension(row)
                extensions[granted.key] = granted.to
            }
            return Progress(completions: completions, extensions: extensions)
        }
    }

    public func recordCompletion(_ completion: Completion) throws -> Bool {
        try transaction { try $0.recordCompletion(completion) }
    }

    /// Every completion, oldest first (for `dondoc status` and audits).
    public func completions() throws -> [Completion] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT key, at, by, note FROM completion ORDER BY at, key").map(Completion.init(row:))
        }
    }

    public func recordExtension(_ extension: Extension) throws {
        try transaction { try $0.recordExtension(`extension`) }
    }

    /// Every extension ever granted, oldest first (the history; `progress()` has those in force).
    public func extensions() throws -> [Extension] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, key, to_date, reason, by, at FROM extension ORDER BY at, id")
                .map(decodeExtension)
        }
    }

    private func decodeExtension(_ row: Row) throws -> Extension {
        let text: String = try row.decode(forColumn: "to_date")
        guard let date = CivilDate(iso: text) else {
            let id: Int64 = try row.decode(forColumn: "id")
            throw StoreError(
                code: .corrupt, path: path, message: "extension \(id) has an invalid date \(text.debugDescription)")
        }
        return Extension(
            key: try row.decode(forColumn: "key"), to: date, reason: try row.decode(forColumn: "reason"),
            by: try row.decode(forColumn: "by"), at: try row.decode(forColumn: "at"))
    }

    // MARK: - Metadata and audit

    public func metadata(_ key: String) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM metadata WHERE key = ?", arguments: [key])
        }
    }

    public func setMetadata(_ key: String, _ value: String) throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO metadata (key, value) VALUES (?, ?)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """,
                arguments: [key, value])
        }
    }

    public func metadata(_ key: String, orInsert value: String) throws -> String {
        try write { db in
            try db.execute(sql: "INSERT INTO metadata (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", arguments: [key, value])
            return try String.fetchOne(db, sql: "SELECT value FROM metadata WHERE key = ?", arguments: [key]) ?? value
        }
    }

    public func audit(_ event: AuditEvent) throws {
        try transaction { try $0.audit(event) }
    }

    public func auditTrail(limit: Int) throws -> [AuditEvent] {
        guard limit > 0 else { return [] }
        return try read { db in
            try Row.fetchAll(db, sql: "\(AuditEvent.selection) ORDER BY id DESC LIMIT ?", arguments: [limit]).map(AuditEvent.init(row:))
        }
    }

    // MARK: - Change detection

    /// `PRAGMA data_version` of this store's writer connection: it changes when *another*
    /// connection commits (another process, or another `SQLiteStateStore` on the same file), not
    /// when this store writes. Cheap enough to poll every second.
    public func changeCounter() throws -> Int {
        do {
            return try pool.writeWithoutTransaction { db in
                try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            }
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }

    // MARK: - Access

    /// A read in a snapshot of the latest commit (a reader connection: never waits for writers).
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw StoreError.wrapping(error, path: path) }
    }

    public func transaction<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        do {
            return try pool.write { db in try body(SQLiteTransaction(db: db)) }
        } catch let error where error is DatabaseError || error is RowDecodingError || error is StoreError || error is CorruptValue {
            throw StoreError.wrapping(error, path: path)
        }
    }

    /// One IMMEDIATE write transaction, committed when `body` returns, rolled back when it throws.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch { throw StoreError.wrapping(error, path: path) }
    }
}
