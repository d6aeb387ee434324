import DondocCore
import Foundation
import Synchronization
import Testing
@testable import DondocStore
@testable import DondocStorePostgres

/// What only the PostgreSQL adapter has: a server to reach, several nodes, the active role, the
/// schema set up under a lock; on the test server `DONDOC_TEST_POSTGRES` names.
@Suite(.enabled(if: PostgresTestServer.url != nil, "needs DONDOC_TEST_POSTGRES (scripts/test starts a server)"))
struct PostgresStoreTests {
    func open(_ url: String, passwordFile: String? = nil, create: Bool = true) async throws -> PostgresStateStore {
        try await PostgresStateStore.open(url: url, passwordFile: passwordFile, create: create)
    }

    // MARK: - Several nodes

    @Test func theSecondNodeBecomesActiveOnlyWhenTheFirstCloses() async throws {
        let url = try await PostgresTestServer.freshDatabase()
        let first = try await open(url)
        let second = try await open(url)
        try await first.acquireActive()
        #expect(try await first.claim(message("m1@dondoc", keys: ["k1"])) == .claimed)
        let acquired = Flag()
        let standby = Task {
            try await second.acquireActive()
            acquired.set()
        }
        // The second waits on the server: its session shows as waiting for the advisory lock.
        let database = try #require(URL(string: url)?.lastPathComponent)
        let deadline = ContinuousClock.now + .seconds(60)
        while try await PostgresTestServer.select(
            """
            SELECT count(*)::text FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, database: database) != [["1"]] {
            // Waiting for a condition (bounded, so that a failure fails rather than hangs).
            guard ContinuousClock.now < deadline else {
                Issue.record("the second store never waited for the active role")
                standby.cancel()
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(!acquired.isSet)
        #expect(try await second.claim(message("m2@dondoc", keys: ["k2"])) == .notActive)
        try await first.close()
        try await standby.value
        #expect(acquired.isSet)
        #expect(try await second.claim(message("m2@dondoc", keys: ["k2"])) == .claimed)
        #expect(try await second.claimedDeliveries(since: 0).count == 2)
        try await second.close()
    }

    @Test func aNodeWhoseSessionEndedCannotClaim() async throws {
        let url = try await PostgresTestServer.freshDatabase()
        let store = try await open(url)
        try await store.acquireActive()
        #expect(try await store.claim(message("m1@dondoc", keys: ["k1"])) == .claimed)
        let database = try #require(URL(string: url)?.lastPathComponent)
        try await PostgresTestServer.execute(["""
            SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted
              AND database = (SELECT oid FROM pg_database WHERE datname = '\(database)')
            """])
        #expect(try await store.claim(message("m2@dondoc", keys: ["k2"])) == .notActive)
        // Nothing of it was written; the rest of the store still works on its own session.
        #expect(try await store.claimedDeliveries(since: 0) == [DeliveryKey(notificationKey: "k1", address: message("m1", keys: []).address)])
        #expect(try await store.recordCompletion(Completion(key: obligationKey, at: 1)))
        // Standing by again, it takes the role back once free.
        try await store.acquireActive()
        #expect(try await store.claim(message("m2@dondoc", keys: ["k2"])) == .claimed)
        try await store.close()
    }

    @Test func aStoreThatNeverTookTheRoleCannotClaim() async throws {
        let store = try await open(try await PostgresTestServer.freshDatabase())
        #expect(try await store.claim(message("m1@dondoc", keys: ["k1"])) == .notActive)
        #expect(try await store.unsentMessages().isEmpty)
        try await store.close()
    }

    /// Notifications come in commit order on the listening session: when another writer's is
    /// seen, the store's own earlier ones have been handled, and none was passed on.
    @Test func aStoresOwnWritesAreNotReported() async throws {
        let url = try await PostgresTestServer.freshDatabase()
        let daemon = try await open(url)
        try await daemon.acquireActive()
        let cli = try await open(url, create: false)
        var changes = daemon.changes().makeAsyncIterator()
        _ = try await daemon.recordCompletion(Completion(key: "1/CT#a@u", at: 1))
        try await daemon.recordExtension(Extension(key: "1/CT#b@u", to: CivilDate(iso: "2026-03-02")!, reason: "r", at: 1))
        _ = try await daemon.claim(message("m1@dondoc", keys: ["k"]))
        _ = try await daemon.transaction { try $0.createAccessToken(AccessToken(name: "t", role: .read, hash: "h", createdAt: 1)) }
        _ = try await cli.recordCompletion(Completion(key: obligationKey, at: 2))
        #expect(await changes.next() != nil)
        #expect(daemon.reportedChanges == 1)
        try await daemon.close()
        try await cli.close()
    }

    @Test func twoNodesSettingUpOneDatabaseAtOnceBothOpen() async throws {
        for _ in 0..<5 {
            let url = try await PostgresTestServer.freshDatabase()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<3 {
                    group.addTask {
                        let store = try await PostgresStateStore.open(url: url)
                        _ = try await store.recordCompletion(Completion(key: "k\(i)", at: 1))
                        try await store.close()
                    }
                }
                try await group.waitForAll()
            }
            let store = try await open(url, create: false)
            #expect(try await store.progress().completions.count == 3)
            try await store.close()
        }
    }

    @Test func aUnixSocketURLReachesTheServer() async throws {
        let socket = try #require(ProcessInfo.processInfo.environment["DONDOC_TEST_POSTGRES_SOCKET"])
        let tcp = try await PostgresTestServer.freshDatabase()
        let endpoint = try PostgresEndpoint(url: tcp)
        let url = "postgresql:///\(endpoint.database)?host=\(socket)&port=\(endpoint.port)&user=\(endpoint.user)"
        let store = try await open(url)
        #expect(try await store.recordCompletion(Completion(key: obligationKey, at: 1)))
        try await store.close()
        let overTCP = try await open(tcp, create: false)
        #expect(try await overTCP.completions().map(\.key) == [obligationKey])
        try await overTCP.close()
    }

    // MARK: - Refused at open, the database untouched

    @Test func anUnreachableServerIsAClearError() async throws {
        let error = await storeError { _ = try await open("postgresql://dondoc@127.0.0.1:1/dondoc") }
        #expect(error?.code == .unreachable)
        #expect(error?.description.hasPrefix("state store postgresql://dondoc@127.0.0.1:1/dondoc: unreachable:") == true, "\(String(describing: error))")
    }

    @Test func aMissingDatabaseIsAClearError() async throws {
        let url = PostgresTestServer.url(database: "no_such_database")
        let error = await storeError { _ = try await open(url) }
        #expect(error?.code == .notFound)
        #expect(error?.message.contains("does not exist") == true, "\(String(describing: error))")
    }

    @Test func aWrongPasswordIsRefusedAndTheRightOneFromItsFileWorks() async throws {
        let database = "dondoc_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await PostgresTestServer.execute([
            "DO $$ BEGIN CREATE ROLE dondoc_password LOGIN PASSWORD 'mật-khẩu'; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
            "CREATE DATABASE \(database) OWNER dondoc_password",
        ])
        let url = PostgresTestServer.url(database: database, user: "dondoc_password")
        let dir = try TemporaryDirectory()
        let wrong = dir.file("wrong")
        try "sai\n".write(toFile: wrong, atomically: true, encoding: .utf8)
        let refused = await storeError { _ = try await open(url, passwordFile: wrong) }
        #expect(refused?.code == .unreachable)
        #expect(refused?.message.contains("refused the credentials") == true, "\(String(describing: refused))")
        let none = await storeError { _ = try await open(url, passwordFile: dir.file("missing")) }
        #expect(none?.code == .unreadable)
        let right = dir.file("right")
        try "mật-khẩu\n".write(toFile: right, atomically: true, encoding: .utf8)
        let store = try await open(url, passwordFile: right)
        #expect(try await store.recordCompletion(Completion(key: obligationKey, at: 1)))
        try await store.close()
    }

    @Test func aSchemaFromANewerDondocIsRefusedAndLeftUntouched() async throws {
        let url = try await PostgresTestServer.freshDatabase()
        let store = try await open(url)
        _ = try await store.recordCompletion(Completion(key: obligationKey, at: 1))
        try await store.close()
        let database = try #require(URL(string: url)?.lastPathComponent)
        try await PostgresTestServer.execute(["INSERT INTO dondoc_migrations (identifier) VALUES ('v99')"], database: database)
        let before = try await PostgresTestServer.select("SELECT identifier FROM dondoc_migrations ORDER BY 1", database: database)
        let error = await storeError { _ = try await open(url) }
        #expect(error?.code == .newerSchema)
        #expect(error?.message.contains("v99") == true)
        #expect(try await PostgresTestServer.select("SELECT identifier FROM dondoc_migrations ORDER BY 1", database: database) == before)
        #expect(try await PostgresTestServer.select("SELECT key FROM completion", database: database) == [[obligationKey]])
    }

    @Test func anotherProgramsDatabaseIsRefusedAndAnEmptyOneIsNotSetUpWithoutCreate() async throws {
        let url = try await PostgresTestServer.freshDatabase()
        let database = try #require(URL(string: url)?.lastPathComponent)
        #expect(await storeError { _ = try await open(url, create: false) }?.code == .notFound)
        #expect(try await PostgresTestServer.select(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'", database: database).isEmpty)
        try await PostgresTestServer.execute(["CREATE TABLE invoices (id int)"], database: database)
        let error = await storeError { _ = try await open(url) }
        #expect(error?.code == .notADatabase)
        #expect(try await PostgresTestServer.select(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'", database: database) == [["invoices"]])
    }
}

/// The URL and the password's sources, without a server.
struct PostgresEndpointTests {
    @Test func urlsOverTCPAndOnASocket() throws {
        let tcp = try PostgresEndpoint(url: "postgresql://dondoc@db.haiphong.gov.vn:5433/dondoc_state")
        #expect(tcp.host == "db.haiphong.gov.vn" && tcp.port == 5433 && tcp.user == "dondoc" && tcp.database == "dondoc_state")
        #expect(tcp.socketDirectory == nil && tcp.tls == .prefer)
        let socket = try PostgresEndpoint(url: "postgresql:///dondoc?host=/run/postgresql")
        #expect(socket.host == nil && socket.socketDirectory == "/run/postgresql" && socket.port == 5432 && socket.database == "dondoc")
        #expect(try PostgresEndpoint(url: "postgres://u@h/d?sslmode=disable").tls == .disable)
        #expect(throws: StoreError.self) { try PostgresEndpoint(url: "postgresql://u@h/d?sslmode=sometimes") }
        #expect(try PostgresEndpoint(url: "postgresql://u:secret@h/d").description == "postgresql://u:***@h/d")
    }

    @Test func thePasswordFileLineThatMatches() throws {
        let endpoint = try PostgresEndpoint(url: "postgresql://dondoc@db:5432/state")
        let file = """
            # comment
            other:5432:state:dondoc:no
            db:5432:other:dondoc:no
            db:*:state:dondoc:p\\:ass\\\\word
            *:*:*:*:fallback
            """
        #expect(endpoint.pgpassPassword(file) == "p:ass\\word")
        #expect(try PostgresEndpoint(url: "postgresql://x@elsewhere/y").pgpassPassword(file) == "fallback")
        let socket = try PostgresEndpoint(url: "postgresql://dondoc@/state?host=/run/postgresql")
        #expect(socket.pgpassPassword("localhost:5432:state:dondoc:local") == "local")
    }
}

/// Set once from one task, read from another.
final class Flag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
