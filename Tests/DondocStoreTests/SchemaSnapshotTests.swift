import GRDB
import Testing
@testable import DondocStore

/// Migrations are frozen once shipped (see `StoreSchema`). These tests fail if the SQL of one
/// changes: they compare what each migration adds to `sqlite_master` (the objects that are new or
/// different after it) with the committed `SchemaSnapshot`. A failure means: undo the edit and
/// register a new migration instead. (Only if the migration was never released may its snapshot
/// be replaced by the "actual" text the test prints.) A new migration gets a snapshot here.
struct SchemaSnapshotTests {
    @Test(arguments: [("v1", SchemaSnapshot.v1), ("v2", SchemaSnapshot.v2), ("v3", SchemaSnapshot.v3)])
    func migrationIsFrozen(_ identifier: String, _ snapshot: String) throws {
        let actual = try Self.added(by: identifier)
        #expect(actual == snapshot, "\(identifier) schema changed; actual:\n\(actual)")
    }

    @Test func everyMigrationHasASnapshot() {
        #expect(StoreSchema.identifiers == ["v1", "v2", "v3"])
    }

    /// The schema blocks present after `identifier` and not (or not so) before it.
    static func added(by identifier: String) throws -> String {
        let identifiers = StoreSchema.identifiers
        let index = try #require(identifiers.firstIndex(of: identifier))
        let before = index == 0 ? [] : try blocks(upTo: identifiers[index - 1])
        let after = try blocks(upTo: identifier)
        return after.filter { !before.contains($0) }.joined(separator: "\n\n") + "\n"
    }

    static func blocks(upTo identifier: String) throws -> [String] {
        let dir = try TemporaryDirectory()
        let queue = try DatabaseQueue(path: dir.file("\(identifier).sqlite"))
        try StoreSchema.migrator.migrate(queue, upTo: identifier)
        return try queue.read(Self.schema)
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
    static func schema(_ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
            .map { row in
                let sql: String? = row["sql"]
                return "-- \(row["type"] as String) \(row["name"] as String) on \(row["tbl_name"] as String)\n"
                    + (sql.map { $0 + ";" } ?? "-- (automatic)")
            }
    }
}
