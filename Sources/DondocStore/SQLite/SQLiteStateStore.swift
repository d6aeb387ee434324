import DondocCore
import GRDB
import Synchronization

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
    /// The streams `changes()` gave out, ended by `close()`.
    private let watchers = Mutex<[AsyncStream<Void>.Continuation]>([])

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
        watchers.withLock { continuations in
            continuations.forEach { $0.finish() }
            continuations.removeAll()
        }
        do { try pool.close() } catch { throw StoreError.wrapping(error, path: path) }
    }

    // MARK: - Progress

    public func progress() async throws -> Progress {
        try read { db in try wholeProgress(db).progress }
    }

    /// Only the completions whose row numbers follow the last one read, when the count says that
    /// they are all that was added (none is ever deleted; a file replaced, restored or vacuumed
    /// under the daemon can renumber the rows, and is read again whole); the extensions in force
    /// are read again (there are few).
    public var extendsProgressSnapshots: Bool { true }

    public func progress(after previous: consuming ProgressSnapshot?) async throws -> ProgressSnapshot {
        var base = previous
        return try read { db in
            if var snapshot = base.take(), let mark = snapshot.mark {
                let now = try Row.fetchOne(db.cachedStatement(sql: "SELECT count(*), coalesce(max(rowid), 0) FROM completion"))
                let count: Int = now?[0] ?? 0
                let highest: Int64 = now?[1] ?? 0
                let added = try Row.fetchAll(
                    db.cachedStatement(sql: "SELECT key, at, by, note FROM completion WHERE rowid > ? ORDER BY rowid"), arguments: [mark.highest]
                ).map(Completion.init(row:))
                if count >= mark.count, mark.count + added.count == count {
                    for completion in added { snapshot.progress.completions[completion.key] = LocalDateTime(epochSeconds: completion.at) }
                    snapshot.progress.extensions = Extension.inForce(try extensions(db, where: "", arguments: []))
                    snapshot.mark = .init(count: count, highest: highest)
                    return snapshot
                }
            }
            let (progress, mark) = try wholeProgress(db)
            return ProgressSnapshot(progress: progress, mark: mark)
        }
    }

    public func records(ofDirective number: String) async throws -> DirectiveRecords {
        let (lower, upper) = DirectiveRecords.keyRange(ofDirective: number)
        return try read { db in
            // Each completion read once, for the page and for the progress its deadlines count
            // from: every link's page reads its directive's records.
            let range = "WHERE key >= ? AND key < ?"
            let completions = try Row.fetchAll(
                db.cachedStatement(sql: "SELECT key, at, by, note FROM completion \(range) ORDER BY at, key"), arguments: [lower, upper]
            ).map(Completion.init(row:))
            let progress = Progress(completions: completions, extensions: try extensions(db, where: range, arguments: [lower, upper]))
            let pending = try String.fetchAll(
                db.cachedStatement(sql: "SELECT key FROM extension_request \(range) AND answer IS NULL"), arguments: [lower, upper])
            return DirectiveRecords(progress: progress, completions: completions, pendingRequests: Set(pending))
        }
    }

    /// Every completion and the extensions in force, with where the completions stood (their
    /// count and highest row number, for `progress(after:)`).
    private func wholeProgress(_ db: Database) throws -> (progress: Progress, mark: ProgressSnapshot.Mark) {
        // Sized once and read through a cursor by column index: the daemon's pass reads every
        // completion (a million at national scale), and growing the table as it fills, or a row
        // object per completion, was most of the pass. SQLite lets a hand-edited column hold any
        // type, and the fast read would convert it: the count checks the types first.
        let counts = try Row.fetchOne(db.cachedStatement(
            sql: "SELECT count(*), total(typeof(key) != 'text' OR typeof(at) != 'integer'), coalesce(max(rowid), 0) FROM completion"))
        let misfits: Double = counts?[1] ?? 0
        if misfits > 0 { throw CorruptValue(message: "\(Int(misfits)) completion(s) hold a value of the wrong type") }
        let count: Int = counts?[0] ?? 0
        var completions: [String: LocalDateTime] = [:]
        completions.reserveCapacity(count)
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT key, at FROM completion"))
        while let row = try rows.next() {
            let at: Int64 = try row.decode(atIndex: 1)
            completions[try row.decode(atIndex: 0)] = LocalDateTime(epochSeconds: at)
        }
        let progress = Progress(completions: completions, extensions: Extension.inForce(try extensions(db, where: "", arguments: [])))
        return (progress, .init(count: count, highest: counts?[2] ?? 0))
    }

    /// The extensions of the keys `condition` admits, oldest first.
    private func extensions(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [Extension] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, key, to_date, reason, by, at FROM extension \(condition) ORDER BY at, id"), arguments: arguments
        ).map(decodeExtension)
    }

    public func recordCompletion(_ completion: Completion) async throws -> Bool {
        try await transaction { try $0.recordCompletion(completion) }
    }

    /// Every completion, oldest first (for `dondoc status` and audits).
    public func completions() async throws -> [Completion] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT key, at, by, note FROM completion ORDER BY at, key")).map(Completion.init(row:))
        }
    }

    public func recordExtension(_ extension: Extension) async throws {
        try await transaction { try $0.recordExtension(`extension`) }
    }

    /// Every extension ever granted, oldest first (the history; `progress()` has those in force).
    public func extensions() async throws -> [Extension] {
        try read { db in try extensions(db, where: "", arguments: []) }
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

    public func metadata(_ key: String) async throws -> String? {
        try read { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM metadata WHERE key = ?"), arguments: [key])
        }
    }

    public func setMetadata(_ key: String, _ value: String) async throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO metadata (key, value) VALUES (?, ?)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """,
                arguments: [key, value])
        }
    }

    public func metadata(_ key: String, orInsert value: String) async throws -> String {
        try write { db in
            try db.execute(sql: "INSERT INTO metadata (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", arguments: [key, value])
            return try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM metadata WHERE key = ?"), arguments: [key]) ?? value
        }
    }

    public func audit(_ event: AuditEvent) async throws {
        try await transaction { try $0.audit(event) }
    }

    public func auditTrail(limit: Int) async throws -> [AuditEvent] {
        guard limit > 0 else { return [] }
        return try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "\(AuditEvent.selection) ORDER BY id DESC LIMIT ?"), arguments: [limit]).map(AuditEvent.init(row:))
        }
    }

    // MARK: - Change detection

    /// `PRAGMA data_version` of this store's writer connection: it changes when *another*
    /// connection commits (another process, or another `SQLiteStateStore` on the same file), not
    /// when this store writes.
    public func changeCounter() throws -> Int {
        do {
            return try pool.writeWithoutTransaction { db in
                try Int.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
            }
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }

    /// inotify on the store's files wakes a check of `data_version`: only another writer's
    /// commit is yielded, this store's own writes are not. Without inotify, the stream is
    /// empty (and never ends before the store closes).
    public func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let seen = Mutex((try? changeCounter()) ?? 0)
        watchers.withLock { $0.append(continuation) }
        StoreWatcher.watch(path: path) { [weak self] in
            guard let self, let counter = try? self.changeCounter() else { return }
            let changed = seen.withLock { last in
                defer { last = counter }
                return last != counter
            }
            if changed { continuation.yield() }
        }
        return stream
    }

    /// One file has one daemon: the role is this process's at once.
    public func acquireActive() async throws {}

    // MARK: - Access

    /// A read in a snapshot of the latest commit (a reader connection: never waits for writers).
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw StoreError.wrapping(error, path: path) }
    }

    public func transaction<T>(_ body: (any StoreTransaction) throws -> T) async throws -> T {
        try writeTransaction(body)
    }

    /// GRDB's synchronous write, on the caller's thread: its async overload would hop to a
    /// dispatch queue, and an idle daemon must not wake libdispatch's pool.
    private func writeTransaction<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
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
