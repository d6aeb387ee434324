import DondocCore
import GRDB

/// The writes of `SQLiteStateStore.transaction`, on its connection inside one IMMEDIATE
/// transaction.
struct SQLiteTransaction: StoreTransaction {
    let db: Database

    func completion(key: String) throws -> Completion? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT key, at, by, note FROM completion WHERE key = ?"), arguments: [key]).map(Completion.init(row:))
    }

    func recordCompletion(_ completion: Completion) throws -> Bool {
        try db.execute(
            sql: """
                INSERT INTO completion (key, at, by, note) VALUES (?, ?, ?, ?)
                ON CONFLICT (key) DO NOTHING
                """,
            arguments: [completion.key, completion.at, completion.by, completion.note])
        return db.changesCount == 1
    }

    func recordExtension(_ extension: Extension) throws {
        try db.execute(
            sql: "INSERT INTO extension (key, to_date, reason, by, at) VALUES (?, ?, ?, ?, ?)",
            arguments: [`extension`.key, `extension`.to.description, `extension`.reason, `extension`.by, `extension`.at])
    }

    func audit(_ event: AuditEvent) throws {
        try db.execute(
            sql: "INSERT INTO audit (at, actor, action, key, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [event.at, event.actor, event.action, event.key, event.detail])
    }
}

extension Completion {
    /// A row of `completion` (key, at, by, note).
    init(row: Row) throws {
        self.init(key: try row.decode(forColumn: "key"), at: try row.decode(forColumn: "at"),
                  by: try row.decode(forColumn: "by"), note: try row.decode(forColumn: "note"))
    }
}
