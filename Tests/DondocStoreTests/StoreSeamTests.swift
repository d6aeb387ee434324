import DondocCore
import Testing
@testable import DondocStore

/// What the daemon, the CLI and the web rely on whatever the adapter: one directive's records,
/// the claim's answer, other writers' changes as a stream, where `state:` points.
struct StoreSeamTests {
    @Test(arguments: StoreKind.available) func aDirectivesRecordsHoldItsKeysOnlyAndNotThoseOfADirectiveItPrefixes(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let mine = ["33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026", "33/CT-TTg#quan-triet@bo-noi-vu"]
        let others = ["33/CT-TTg-2#bao-cao-nam@ubnd-hai-phong/2026", "33/CT#quan-triet@bo-noi-vu", "02-ĐA/TU#quan-triet@ubnd-hung-yen"]
        for (i, key) in (mine + others).enumerated() {
            _ = try await store.recordCompletion(Completion(key: key, at: Int64(100 + i), by: "văn thư"))
            try await store.recordExtension(Extension(key: key, to: CivilDate(iso: "2026-03-02")!, reason: "r", at: Int64(i)))
        }
        let pendingKey = "33/CT-TTg#ke-hoach@bo-noi-vu"
        _ = try await store.transaction {
            try $0.recordExtensionRequest(ExtensionRequest(key: pendingKey, to: CivilDate(iso: "2026-04-01")!, reason: "r", requester: "a@b.vn", at: 1))
        }
        _ = try await store.transaction {
            try $0.recordExtensionRequest(ExtensionRequest(key: others[0], to: CivilDate(iso: "2026-04-01")!, reason: "r", requester: "a@b.vn", at: 1))
        }

        let records = try await store.records(ofDirective: "33/CT-TTg")
        #expect(Set(records.progress.completions.keys) == Set(mine))
        #expect(Set(records.progress.extensions.keys) == Set(mine))
        #expect(records.completions.map(\.key) == mine)
        #expect(records.completions.allSatisfy { $0.by == "văn thư" })
        #expect(records.pendingRequests == [pendingKey])
        // The same as the whole store's progress, restricted to the directive.
        let whole = try await store.progress()
        #expect(whole.completions.filter { mine.contains($0.key) } == records.progress.completions)
        #expect(try await store.records(ofDirective: "9465").completions.isEmpty)
    }

    @Test(arguments: StoreKind.available) func aMessageWhosePairsAreAllClaimedByAnotherIsNotToBeSent(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        #expect(try await store.claim(message("m1@dondoc", keys: ["k1", "k2"])) == .claimed)
        // Claiming the same message again: still its own.
        #expect(try await store.claim(message("m1@dondoc", keys: ["k1", "k2"])) == .claimed)
        #expect(try await store.claim(message("m2@dondoc", keys: ["k1", "k2"])) == .alreadyClaimed)
        #expect(try await store.claim(message("m3@dondoc", keys: ["k2", "k3"])) == .claimed)
        #expect(try await store.claimedDeliveries(since: 0).count == 3)
    }

    /// (That its own writes are not reported: SQLite's rests on `data_version`, which they leave as
    /// it is, `SharedStoreTests.aStoresOwnWritesDoNotChangeItsCounter`; PostgreSQL's on the
    /// notifying backend's pid, `PostgresStoreTests.aStoresOwnWritesAreNotReported`.)
    @Test(arguments: StoreKind.available) func changesYieldsAnotherWritersCommitAndEndsWhenTheStoreCloses(_ kind: StoreKind) async throws {
        let place = try await StorePlace.fresh(kind)
        defer { place.keep() }
        let daemon = try await place.open()
        let cli = try await place.open(create: false, active: false)
        let changes = daemon.changes()
        var iterator = changes.makeAsyncIterator()
        _ = try await daemon.claim(message("m1@dondoc", keys: ["k"]))
        _ = try await cli.recordCompletion(Completion(key: obligationKey, at: 1_796_100_000))
        #expect(await iterator.next() != nil)
        try await daemon.close()
        #expect(await iterator.next() == nil)
    }

    @Test func stateNamesAFileOrAServer() {
        #expect(StoreLocation("/var/lib/dondoc/state.sqlite") == .sqlite(path: "/var/lib/dondoc/state.sqlite"))
        #expect(StoreLocation("state.sqlite") == .sqlite(path: "state.sqlite"))
        #expect(StoreLocation("postgresql://dondoc@db.example.gov.vn/dondoc") == .postgresql(url: "postgresql://dondoc@db.example.gov.vn/dondoc"))
        #expect(StoreLocation("postgres:///dondoc?host=/run/postgresql") == .postgresql(url: "postgres:///dondoc?host=/run/postgresql"))
        #expect(StoreLocation("postgresql://dondoc:secret@db/dondoc").description == "postgresql://dondoc:***@db/dondoc")
        #expect(StoreLocation("postgresql://dondoc:secret@db/dondoc").holdsPassword)
        #expect(StoreLocation("postgresql://dondoc:@db/dondoc").holdsPassword)
        #expect(!StoreLocation("postgresql://dondoc@db/dondoc").holdsPassword)
        #expect(!StoreLocation("postgresql:///dondoc?host=/run/postgresql").holdsPassword)
        #expect(!StoreLocation("/var/lib/dondoc/a:b@c.sqlite").holdsPassword)
    }
}
