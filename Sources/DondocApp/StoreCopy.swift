import DondocStore
import DondocStorePostgres

/// `dondoc store copy SQLITE_PATH postgresql://…` (DESIGN §7): moves an installation from the
/// embedded store to PostgreSQL — every row of every table (completions, extensions, extension
/// requests, the send log's messages with their bytes and deliveries, the audit trail, access
/// tokens, metadata such as the link secret), keeping ids and the order messages were claimed
/// in. The copy is one transaction on the target: all of it or nothing. Then the target is read
/// back: each table must hold as many rows as were copied.
public enum StoreCopy {
    /// What was copied, per table, and checked.
    public struct Outcome: Sendable {
        public let copied: StoreRowCounts
        /// The source and the target as messages name them (the URL without a password).
        public let source: String
        public let target: String
    }

    /// Copies the SQLite store at `path` (which must exist: it is never created; an older schema
    /// is brought up to date first, as any dondoc process does) into the PostgreSQL database at
    /// `url`, setting up its schema if the database has none yet, and refusing it (`.notEmpty`,
    /// nothing written) when any of its tables holds a row. `passwordFile` as `state-password-file:`;
    /// else the credential `state-password` or `PGPASSFILE` (`PostgresEndpoint.password`). The
    /// source is read in one snapshot, `batchSize` rows at a time: stop `dondoc run` and `dondoc
    /// web` first, or what they write after that snapshot stays behind. Throws `StoreError`s
    /// naming the store at fault.
    public static func run(from path: String, to url: String, passwordFile: String?, batchSize: Int = 500) async throws -> Outcome {
        let source = try SQLiteStateStore.open(path: path, create: false)
        defer { try? source.close() }
        let target = try await PostgresStateStore.open(url: url, passwordFile: passwordFile, create: true)
        do {
            let copied = try await target.importRows(from: source, batchSize: batchSize)
            try check(copied: copied, found: try await target.rowCounts(), in: target.endpoint.description)
            try await target.close()
            return Outcome(copied: copied, source: path, target: target.endpoint.description)
        } catch {
            try? await target.close()
            throw error
        }
    }

    /// The read-back check: each table of the target (named `target`) holds as many rows as were
    /// copied into it; else a `StoreError` naming each table that differs.
    static func check(copied: StoreRowCounts, found: StoreRowCounts, in target: String) throws {
        guard found != copied else { return }
        let differences = zip(copied.counts, found.counts).filter { $0.rows != $1.rows }
            .map { copied, found in "\(found.rows) \(found.table.label) where \(copied.rows) were copied" }
        throw StoreError(
            code: .conflict, path: target,
            message: "read back after the copy, it holds \(differences.joined(separator: ", ")): another process wrote to it; check it before use")
    }
}
