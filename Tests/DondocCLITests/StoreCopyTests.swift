import DondocApp
import DondocCore
import DondocStore
import DondocStorePostgres
import DondocTestSupport
import Foundation
import Testing

/// The superuser's URL of the test server, if any.
let copyTestServer = ProcessInfo.processInfo.environment["DONDOC_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

/// The tests that need it (scripts/test starts a server).
let needsServer = Testing.ConditionTrait.enabled(if: copyTestServer != nil, "needs DONDOC_TEST_POSTGRES (scripts/test starts a server)")

/// `dondoc store copy SQLITE_PATH postgresql://…` (DESIGN §7) through the real binary: an SQLite
/// store holding every kind of record, copied into a database of the test server
/// `DONDOC_TEST_POSTGRES` names, then read through the store's interface on both sides.
struct StoreCopyTests {
    typealias P = DondocProcess

    static var server: String? { copyTestServer }

    static let done = "33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026"
    static let plain = "02-ĐA/TU#quan-triet@ubnd-hung-yen"
    static let extended = "33/CT-TTg#bao-cao-quy@so-noi-vu/2026-Q4"
    static let keys = [done, plain, extended]
    static let address = "vanphong@haiphong.gov.vn"
    /// More than two batches of the copy (500 rows each).
    static let auditEvents = 1_234

    /// A new, empty database on the test server, as a URL.
    static func freshDatabase() throws -> String {
        let server = try #require(server)
        let name = "dondoc_copy_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try psql(server, "CREATE DATABASE \(name)")
        var components = try #require(URLComponents(string: server))
        components.path = "/" + name
        return try #require(components.string)
    }

    @discardableResult
    static func psql(_ url: String, _ sql: String) throws -> String {
        let result = try TestTools.run("/usr/bin/psql", [url, "-v", "ON_ERROR_STOP=1", "-Atqc", sql])
        #expect(result.status == 0, "\(result.stderr)")
        return String(decoding: result.stdout, as: UTF8.self)
    }

    /// A folder with an SQLite store holding every kind of record, written through the store's
    /// interface as the daemon, the web and the CLI write them.
    final class Source {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-copy-tests-\(UUID().uuidString)")
        var path: String { directory.appendingPathComponent("state.sqlite").path }

        init() async throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let store = try SQLiteStateStore.open(path: path)
            try await Self.fill(store)
            try store.close()
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        static func fill(_ store: SQLiteStateStore) async throws {
            #expect(try await store.recordCompletion(Completion(key: done, at: 1_796_100_000, by: "Nguyễn Văn A", note: "đã gửi văn bản")))
            #expect(try await store.recordCompletion(Completion(key: plain, at: 1_796_100_100)))
            try await store.recordExtension(Extension(
                key: extended, to: try #require(CivilDate(iso: "2027-01-15")), reason: "chờ số liệu", by: "Sở Nội vụ", at: 1_796_000_000))
            try await store.recordExtension(Extension(
                key: extended, to: try #require(CivilDate(iso: "2027-01-31")), reason: "gia hạn lần hai", at: 1_796_050_000))
            let to = try #require(CivilDate(iso: "2027-02-10"))
            try await store.transaction { transaction in
                let approved = try transaction.recordExtensionRequest(ExtensionRequest(
                    key: extended, to: to, reason: "thiếu người", requester: "Trần B", by: "snv@haiphong.gov.vn", at: 1_796_010_000))
                #expect(try transaction.answerExtensionRequest(
                    id: try #require(approved.id), .init(answer: .approved, by: "vpubnd@haiphong.gov.vn", at: 1_796_020_000, note: "đồng ý")))
                let refused = try transaction.recordExtensionRequest(ExtensionRequest(key: extended, to: to, reason: "lần nữa", at: 1_796_030_000))
                #expect(try transaction.answerExtensionRequest(
                    id: try #require(refused.id), .init(answer: .refused, by: "vpubnd@haiphong.gov.vn", at: 1_796_040_000)))
                _ = try transaction.recordExtensionRequest(ExtensionRequest(
                    key: plain, to: to, reason: "đang chờ", requester: nil, by: "hungyen@dang.vn", at: 1_796_060_000))

                #expect(try transaction.createAccessToken(AccessToken(
                    name: "van-phong", role: .admin, hash: String(repeating: "a1", count: 32), createdAt: 1_796_000_000)))
                #expect(try transaction.createAccessToken(AccessToken(
                    name: "lanh-dao", role: .read, hash: String(repeating: "b2", count: 32), createdAt: 1_796_000_100)))
                #expect(try transaction.revokeAccessToken(name: "lanh-dao", at: 1_796_200_000))
                try transaction.recordAccessTokenUse(name: "van-phong", at: 1_796_150_000)

                for index in 0..<auditEvents {
                    try transaction.audit(AuditEvent(
                        at: 1_796_000_000 + Int64(index), actor: index.isMultiple(of: 3) ? "daemon" : "Lê C", action: "sent",
                        key: index.isMultiple(of: 2) ? done : nil, detail: index.isMultiple(of: 5) ? nil : "lần \(index)"))
                }
            }

            try await store.acquireActive()
            // Sent.
            #expect(try await store.claim(message("m1@dondoc", keys: [done + "!reminder:3wd", plain + "!reminder:3wd"], claimedAt: 1_796_000_010)) == .claimed)
            try await store.markSent(messageID: "m1@dondoc", at: 1_796_000_020)
            // Claimed later, unsent: m3 at the same instant as m2, and after it (the order is kept).
            #expect(try await store.claim(message("m2@dondoc", keys: [extended + "!escalation"], claimedAt: 1_796_000_100)) == .claimed)
            try await store.markFailed(messageID: "m2@dondoc", at: 1_796_000_110, error: "sendmail exited 75", retryAt: 1_796_000_400)
            try await store.markFailed(messageID: "m2@dondoc", at: 1_796_000_410, error: "sendmail exited 69", retryAt: 1_796_001_000)
            var bytes = message("m3@dondoc", keys: []).bytes
            bytes += [0xFF, 0xFE, 0x00, 0x80, 0xC3, 0x28, 0x0D, 0x0A]
            #expect(try await store.claim(message("m3@dondoc", keys: [done + "!extension-request:3"], claimedAt: 1_796_000_100, bytes: bytes)) == .claimed)
            // Withdrawn: one of its claims released, the other kept.
            #expect(try await store.claim(message("m4@dondoc", keys: [done + "!reminder:1wd", extended + "!reminder:1wd"], claimedAt: 1_796_000_050)) == .claimed)
            #expect(try await store.withdraw(messageID: "m4@dondoc", at: 1_796_000_060, releasing: [extended + "!reminder:1wd"]))

            try await store.setMetadata("first-start", "1796000000")
            _ = try await store.metadata("link-secret", orInsert: "c2VjcmV0LWJ5dGVzLW9mLXRoZS1saW5rcy0zMi1ieXRlcw")
        }
    }

    static func message(_ id: String, keys: [String], claimedAt: Int64 = 1_796_000_005, bytes: [UInt8]? = nil) -> OutgoingMessage {
        OutgoingMessage(
            messageID: id, address: address, notificationKeys: keys, scheduledAt: 1_796_000_000, claimedAt: claimedAt,
            bytes: bytes ?? Array("Message-ID: <\(id)>\r\nSubject: Nhắc việc\r\n\r\nKính gửi\r\n".utf8))
    }

    /// What every read of the store's interface gives.
    struct Reading: Equatable {
        var completionsInForce: [String: LocalDateTime] = [:]
        var extensionsInForce: [String: CivilDate] = [:]
        var directive: [String] = []
        var completions: [Completion] = []
        var unsent: [OutgoingMessage] = []
        var claimed: Set<DeliveryKey> = []
        var notifications: [[SentNotification]] = []
        var counts: SendLogCounts?
        var audit: [AuditEvent] = []
        var auditOfKey: [AuditEvent] = []
        var tokens: [AccessToken] = []
        var metadata: [String?] = []
        var requests: [[ExtensionRequest]] = []

        static func of(_ store: any StateStore) async throws -> Reading {
            var reading = Reading()
            let progress = try await store.progress()
            reading.completionsInForce = progress.completions
            reading.extensionsInForce = progress.extensions
            let directive = try await store.records(ofDirective: "33/CT-TTg")
            reading.directive = directive.completions.map(\.key) + directive.pendingRequests.sorted()
                + directive.progress.extensions.map { "\($0.key) \($0.value)" }.sorted()
            reading.completions = try await store.completions()
            reading.unsent = try await store.unsentMessages()
            reading.claimed = try await store.claimedDeliveries(since: 0)
            for key in keys { reading.notifications.append(try await store.notifications(ofObligation: key)) }
            reading.counts = try await store.sendLogCounts()
            reading.audit = try await store.auditTrail(limit: auditEvents + 10)
            reading.auditOfKey = try await store.auditTrail(key: done, limit: 100)
            reading.tokens = try await store.accessTokens()
            for key in ["first-start", "link-secret", "absent"] { reading.metadata.append(try await store.metadata(key)) }
            for filter in [ExtensionRequestFilter.pending, .changedSince(0), .changedSince(1_796_035_000)] + keys.map(ExtensionRequestFilter.key) {
                reading.requests.append(try await store.extensionRequests(filter))
            }
            return reading
        }
    }

    /// Every row of each table, as the adapters export them.
    static func rows(of source: SQLiteStateStore) throws -> [String: [StoreRow]] {
        var rows: [String: [StoreRow]] = [:]
        _ = try source.exportRows(batchSize: 100) { table, batch in rows[table.name, default: []] += batch }
        return rows
    }

    static func rows(of target: PostgresStateStore) async throws -> [String: [StoreRow]] {
        var rows: [String: [StoreRow]] = [:]
        _ = try await target.exportRows(batchSize: 100) { table, batch in rows[table.name, default: []] += batch }
        return rows
    }

    @Test(needsServer) func everyRecordIsCopiedAndReadsTheSameAndTheTargetGoesOn() async throws {
        let source = try await Source()
        let url = try Self.freshDatabase()
        let copy = try await P.run(["store", "copy", source.path, url])
        #expect(copy.status == 0, "\(copy.stderr)")

        let sqlite = try SQLiteStateStore.open(path: source.path, create: false)
        let target = try await PostgresStateStore.open(url: url, create: false)
        // Each table's line, with what the source holds.
        let sourceRows = try Self.rows(of: sqlite)
        let expected = StoreTable.all.map { "\($0.label) \(sourceRows[$0.name]?.count ?? 0)" }
        let lines = copy.stdout.split(separator: "\n").map(String.init)
        #expect(Array(lines.dropLast()) == expected)
        #expect(lines.last == "checked: \(url) holds every row copied from \(source.path)")
        #expect(expected == [
            "completions 2", "extensions 2", "extension-requests 3", "messages 4", "deliveries 5", "audit-events \(Self.auditEvents)",
            "access-tokens 2", "metadata 2",
        ])

        // Row for row, byte for byte: ids, the messages' order, NULLs, the bytes of sent messages.
        #expect(try await Self.rows(of: target) == sourceRows)
        // And through the interface every process uses, opened by its factory.
        let opened = try await StateStores.open(.postgresql(url: url), create: false)
        let before = try await Reading.of(sqlite)
        #expect(try await Reading.of(opened) == before)
        #expect(before.unsent.map(\.messageID) == ["m2@dondoc", "m3@dondoc"])
        #expect(before.unsent.last?.bytes.suffix(8) == [0xFF, 0xFE, 0x00, 0x80, 0xC3, 0x28, 0x0D, 0x0A])
        #expect(before.unsent.first?.attempts == 2 && before.unsent.first?.lastError == "sendmail exited 69")
        #expect(before.requests[0].count == 1 && before.tokens.first { $0.name == "lanh-dao" }?.revokedAt == 1_796_200_000)
        try await opened.close()

        // New rows get new ids after the copied ones, and new messages come after the copied ones.
        try await target.acquireActive()
        #expect(try await target.claim(Self.message("m5@dondoc", keys: [Self.plain + "!escalation"], claimedAt: 1_796_000_100)) == .claimed)
        #expect(try await target.unsentMessages().map(\.messageID) == ["m2@dondoc", "m3@dondoc", "m5@dondoc"])
        let event = AuditEvent(at: 1_797_000_000, actor: "daemon", action: "start")
        try await target.audit(event)
        #expect(try await target.auditTrail(limit: 1) == [event])
        let request = try await target.transaction { transaction in
            try transaction.recordExtensionRequest(ExtensionRequest(
                key: Self.extended, to: try #require(CivilDate(iso: "2027-03-01")), reason: "mới", at: 1_797_000_000))
        }
        #expect(request.id == 4)
        try await target.recordExtension(Extension(key: Self.done, to: try #require(CivilDate(iso: "2027-03-01")), reason: "mới", at: 1_797_000_000))
        let after = try await Self.rows(of: target)
        #expect(after["audit"]?.last?.first == .integer(Int64(Self.auditEvents) + 1))
        #expect(after["extension"]?.last?.first == .integer(3))
        #expect(after["message"]?.last?.first == .integer(5))
        try await target.close()
        try sqlite.close()
    }

    @Test(needsServer) func aTargetHoldingAnyRowIsRefusedAndLeftAsItWas() async throws {
        let source = try await Source()
        let url = try Self.freshDatabase()
        // A database set up and holding one metadata row only.
        let target = try await PostgresStateStore.open(url: url, create: true)
        try await target.setMetadata("first-start", "1")
        let before = try await Self.rows(of: target)

        let refused = try await P.run(["store", "copy", source.path, url])
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("state store \(url): not empty: already holds metadata"), "\(refused.stderr)")
        #expect(refused.stderr.contains("nothing was copied"))
        #expect(try await Self.rows(of: target) == before)

        // A database copied into once is refused the second time, also unchanged.
        let copied = try Self.freshDatabase()
        #expect(try await P.run(["store", "copy", source.path, copied]).status == 0)
        let again = try await P.run(["store", "copy", source.path, copied, "--format", "json"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already holds completions, extensions, extension-requests, messages, deliveries, audit-events, access-tokens, metadata"), "\(again.stderr)")
        let copy = try await PostgresStateStore.open(url: copied, create: false)
        #expect(try await copy.rowCounts()[try #require(StoreTable.all.first { $0.name == "audit" })] == Self.auditEvents)
        try await copy.close()
        try await target.close()
    }

    @Test(needsServer) func aMissingSourceIsRefusedAndNotCreated() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-copy-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("state.sqlite").path
        let url = try Self.freshDatabase()
        let result = try await P.run(["store", "copy", missing, url])
        #expect(result.status == 1)
        #expect(result.stderr.contains("state store \(missing): not found"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing))
        // The target was not touched either: no schema set up.
        #expect(try Self.psql(url, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'") == "0\n")
    }

    @Test(needsServer) func aMissingDatabaseIsAnErrorNamingIt() async throws {
        let source = try await Source()
        let server = try #require(Self.server)
        var components = try #require(URLComponents(string: server))
        components.path = "/dondoc_copy_absent"
        let url = try #require(components.string)
        let result = try await P.run(["store", "copy", source.path, url])
        #expect(result.status == 1)
        #expect(result.stderr.contains("state store \(url): not found: the database does not exist"), "\(result.stderr)")
    }

    @Test func argumentsThatCannotBeCopiedAreUsageErrors() async throws {
        let source = try await Source()
        let withPassword = try await P.run(["store", "copy", source.path, "postgresql://dondoc:geheim@127.0.0.1/dondoc"])
        #expect(withPassword.status == 2)
        #expect(withPassword.stderr.contains("<postgresql-url>: postgresql://dondoc:***@127.0.0.1/dondoc holds a password"), "\(withPassword.stderr)")
        #expect(!withPassword.stderr.contains("geheim"))
        let notAURL = try await P.run(["store", "copy", source.path, "/var/lib/dondoc/other.sqlite"])
        #expect(notAURL.status == 2)
        #expect(notAURL.stderr.contains("<postgresql-url>: '/var/lib/dondoc/other.sqlite' is not a PostgreSQL URL"), "\(notAURL.stderr)")
        let fromAURL = try await P.run(["store", "copy", "postgresql://dondoc@127.0.0.1/a", "postgresql://dondoc@127.0.0.1/b"])
        #expect(fromAURL.status == 2)
        #expect(fromAURL.stderr.contains("<sqlite-path>: postgresql://dondoc@127.0.0.1/a is a PostgreSQL URL"), "\(fromAURL.stderr)")
    }

    @Test(needsServer) func thePasswordComesFromThePasswordFile() async throws {
        let source = try await Source()
        let server = try #require(Self.server)
        let name = "dondoc_copy_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try Self.psql(server, "DO $$ BEGIN CREATE ROLE dondoc_password LOGIN PASSWORD 'mật-khẩu'; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        try Self.psql(server, "CREATE DATABASE \(name) OWNER dondoc_password")
        var components = try #require(URLComponents(string: server))
        components.path = "/" + name
        components.user = "dondoc_password"
        let url = try #require(components.string)
        let file = source.directory.appendingPathComponent("password").path
        try "mật-khẩu\n".write(toFile: file, atomically: true, encoding: .utf8)

        let without = try await P.run(["store", "copy", source.path, url])
        #expect(without.status == 1)
        #expect(without.stderr.contains("state store \(url): unreachable"), "\(without.stderr)")
        let copied = try await P.run(["store", "copy", source.path, url, "--password-file", file, "--format", "json"])
        #expect(copied.status == 0, "\(copied.stderr)")
        let lines = try P.jsonLines(copied.stdout)
        #expect(lines.count == StoreTable.all.count + 1)
        #expect(lines.first?["table"] as? String == "completion" && lines.first?["copied"] as? Int == 2)
        #expect(lines.last?["checked"] as? Bool == true && lines.last?["target"] as? String == url)
    }
}
