import GRDB
import Testing
@testable import DondocStore

/// Migration "v1" is frozen once shipped (see `StoreSchema`). This test fails if its SQL changes:
/// it compares `sqlite_master` of a file migrated to "v1" with the committed `SchemaSnapshot.v1`.
/// A failure means: undo the edit to v1 and register a new migration instead. (Only if v1 was
/// never released may the snapshot be replaced by the "actual" text this test prints.)
struct SchemaSnapshotTests {
    @Test func migrationV1IsFrozen() throws {
        let dir = try TemporaryDirectory()
        let queue = try DatabaseQueue(path: dir.file("v1.sqlite"))
        try StoreSchema.migrator.migrate(queue, upTo: "v1")
        let actual = try queue.read(Self.schema)
        #expect(actual == SchemaSnapshot.v1, "v1 schema changed; actual:\n\(actual)")
    }

    @Test func aStoreOpenedTodayHasRunEveryMigration() throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStateStore.open(path: dir.file("state.sqlite"))
        let applied = try store.pool.read { try StoreSchema.migrator.appliedMigrations($0) }
        #expect(applied == StoreSchema.identifiers)
        let hasCompleted = try store.pool.read { try StoreSchema.migrator.hasCompletedMigrations($0) }
        #expect(hasCompleted)
    }

    /// Every schema object, one block each, in a stable order.
    static func schema(_ db: Database) throws -> String {
        try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
            .map { row in
                let sql: String? = row["sql"]
                return "-- \(row["type"] as String) \(row["name"] as String) on \(row["tbl_name"] as String)\n"
                    + (sql.map { $0 + ";" } ?? "-- (automatic)")
            }
            .joined(separator: "\n\n") + "\n"
    }
}
