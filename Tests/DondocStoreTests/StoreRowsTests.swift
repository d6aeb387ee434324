import DondocCore
import Foundation
import GRDB
import Testing
@testable import DondocStore
@testable import DondocStorePostgres

/// The rows `dondoc store copy` moves (`StoreTable`, `StoreRowSource`): every table and column of
/// both schemas, read in batches, a value of the wrong kind refused.
struct StoreRowsTests {
    /// A new migration that adds a table or a column fails here until `StoreTable.all` copies it.
    @Test func everyTableAndColumnOfTheSQLiteSchemaIsCopied() async throws {
        let (store, place) = try await freshStore(.sqlite)
        defer { place.keep() }
        let sqlite = try #require(store as? SQLiteStateStore)
        let schema = try sqlite.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                .filter { $0 != "grdb_migrations" }
                .map { table in (table, try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String }) }
        }
        let copied = StoreTable.all.map { table in
            (table.name, table.columns.map(\.name).filter { !(table.name == "message" && $0 == "seq") })
        }
        #expect(schema.map(\.0) == copied.map(\.0).sorted())
        for (table, columns) in schema {
            #expect(Set(columns) == Set(copied.first { $0.0 == table }?.1 ?? []), "\(table)")
        }
        try await store.close()
    }

    @Test(.enabled(if: PostgresTestServer.url != nil, "needs DONDOC_TEST_POSTGRES"))
    func everyTableAndColumnOfThePostgreSQLSchemaIsCopied() async throws {
        let (store, place) = try await freshStore(.postgresql)
        let database = try #require(URL(string: place.location)?.lastPathComponent)
        let rows = try await PostgresTestServer.select(
            """
            SELECT table_name::text, column_name::text FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> 'dondoc_migrations' ORDER BY table_name, ordinal_position
            """, database: database)
        var schema: [String: Set<String>] = [:]
        for row in rows { schema[row[0] ?? "", default: []].insert(row[1] ?? "") }
        #expect(Set(schema.keys) == Set(StoreTable.all.map(\.name)))
        for table in StoreTable.all {
            #expect(schema[table.name] == Set(table.columns.map(\.name)), "\(table.name)")
        }
        try await store.close()
    }

    @Test func rowsComeInBatchesInKeyOrderInOneSnapshot() async throws {
        let place = try await StorePlace.fresh(.sqlite)
        defer { place.keep() }
        let store = try SQLiteStateStore.open(path: place.location)
        for key in ["k3", "k1", "k5", "k2", "k4"] {
            #expect(try await store.recordCompletion(Completion(key: key, at: 1, by: key == "k2" ? "B" : nil)))
        }
        var batches: [(String, [StoreRow])] = []
        let counts = try store.exportRows(batchSize: 2) { table, rows in batches.append((table.name, rows)) }
        #expect(batches.map { "\($0.0) \($0.1.count)" } == ["completion 2", "completion 2", "completion 1"])
        #expect(batches.flatMap(\.1).map { $0[0] } == ["k1", "k2", "k3", "k4", "k5"].map(StoreValue.text))
        #expect(batches.flatMap(\.1)[1] == [.text("k2"), .integer(1), .text("B"), .null])
        #expect(counts[StoreTable.all[0]] == 5)
        #expect(counts.counts.dropFirst().allSatisfy { $0.rows == 0 })
        try store.close()
    }

    @Test func aValueOfTheWrongKindIsCorruptNamingTheTableAndColumn() async throws {
        let place = try await StorePlace.fresh(.sqlite)
        defer { place.keep() }
        let store = try SQLiteStateStore.open(path: place.location)
        try store.write { db in
            try db.execute(sql: "INSERT INTO audit (at, actor, action) VALUES (1, 'daemon', 'start')")
            try db.execute(sql: "INSERT INTO audit (at, actor, action) VALUES ('hôm qua', 'daemon', 'start')")
        }
        let error = await storeError { _ = try store.exportRows(batchSize: 10) { _, _ in } }
        #expect(error?.code == .corrupt)
        #expect(error?.description == "state store \(place.location): corrupt: row 2 of audit: at holds text")
        try store.close()
    }

    @Test func whatTheTargetThrowsIsRethrownAsItIs() async throws {
        struct TargetFailed: Error {}
        let place = try await StorePlace.fresh(.sqlite)
        defer { place.keep() }
        let store = try SQLiteStateStore.open(path: place.location)
        try await store.setMetadata("first-start", "1")
        #expect(throws: TargetFailed.self) { _ = try store.exportRows(batchSize: 10) { _, _ in throw TargetFailed() } }
        try store.close()
    }
}
