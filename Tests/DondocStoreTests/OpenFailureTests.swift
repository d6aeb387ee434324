import DondocTestSupport
import Foundation
import GRDB
import Testing
@testable import DondocStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// DESIGN §5: a corrupt or unreadable store stops the daemon with a clear message; it is never
/// recreated, truncated or overwritten.
struct OpenFailureTests {
    /// Opens `path`, expects a `StoreError` naming it, and checks the file and its directory
    /// are exactly as before.
    private func expectRefused(
        _ path: String, in dir: TemporaryDirectory, create: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> StoreError? {
        let before = try contents(of: path)
        let listing = try dir.listing()
        let error = await storeError { _ = try SQLiteStateStore.open(path: path, create: create) }
        #expect(error != nil, "opening \(path) should fail", sourceLocation: sourceLocation)
        #expect(error?.path == path, sourceLocation: sourceLocation)
        #expect(error.map { "\($0)".contains(path) } == true, sourceLocation: sourceLocation)
        #expect(try contents(of: path) == before, "the file was modified", sourceLocation: sourceLocation)
        // SQLite's read-only check of a WAL-mode file may leave its index (-shm) and an empty
        // log (-wal) beside it, as any reader does; nothing else, and no data.
        let added = Set(try dir.listing()).subtracting(listing)
        let name = String(path.split(separator: "/").last!)
        #expect(added.isSubset(of: [name + "-wal", name + "-shm"]), "\(added)", sourceLocation: sourceLocation)
        if added.contains(name + "-wal") {
            #expect(try contents(of: path + "-wal").isEmpty, sourceLocation: sourceLocation)
        }
        return error
    }

    /// A real store with enough rows to span many pages, closed (checkpointed), as a copy of the
    /// file alone would be: without the `-wal` and `-shm` files.
    private func makeStore(_ path: String) async throws {
        let store = try SQLiteStateStore.open(path: path)
        for i in 0..<400 {
            try await store.audit(AuditEvent(at: Int64(i), actor: "daemon", action: "test", detail: String(repeating: "đôn đốc ", count: 20)))
        }
        try store.close()
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    @Test func randomBytesAreNotADatabase() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        var generator = SplitMix64(seed: 33)
        let bytes = (0..<16_384).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = try await expectRefused(path, in: dir)
        #expect(error?.code == .notADatabase)
    }

    @Test func anSQLiteHeaderFollowedByGarbageIsRefused() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        var generator = SplitMix64(seed: 2021)
        let bytes = StoreFile.magic + (16..<8192).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = try await expectRefused(path, in: dir)
        #expect(error?.code == .notADatabase || error?.code == .corrupt)
    }

    @Test func aTextFileIsNotADatabase() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        try Data("workflows: /etc/dondoc/workflows\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try await expectRefused(path, in: dir)?.code == .notADatabase)
    }

    @Test func aDatabaseCutInHalfIsCorrupt() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        try await makeStore(path)
        let whole = try contents(of: path)
        #expect(whole.count > 16 * 4096)
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
        let error = try await expectRefused(path, in: dir)
        #expect(error?.code == .corrupt)
    }

    @Test func aDatabaseCutInsideItsHeaderIsCorrupt() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        try await makeStore(path)
        try contents(of: path).prefix(50).write(to: URL(fileURLWithPath: path))
        #expect(try await expectRefused(path, in: dir)?.code == .corrupt)
    }

    @Test func aDatabaseWithADamagedPageIsCorrupt() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        try await makeStore(path)
        var bytes = [UInt8](try contents(of: path))
        // Overwrite the middle of the file (b-tree pages of the audit table) with garbage.
        for i in (bytes.count / 2)..<(bytes.count / 2 + 8192) { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try await expectRefused(path, in: dir)?.code == .corrupt)
    }

    @Test func anotherProgramsDatabaseIsRefused() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        let queue = try DatabaseQueue(path: path)
        try await queue.write { try $0.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)") }
        try queue.close()
        let error = try await expectRefused(path, in: dir)
        #expect(error?.code == .notADatabase)
        #expect(error?.message.contains("invoices") == true)
    }

    @Test func aStoreFromANewerDondocIsRefused() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        try await makeStore(path)
        let queue = try DatabaseQueue(path: path)
        try await queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v7-leases')") }
        try queue.close()
        let error = try await expectRefused(path, in: dir)
        #expect(error?.code == .newerSchema)
        #expect(error?.message.contains("v7-leases") == true)
    }

    @Test func aDirectoryIsUnreadable() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let error = await storeError { _ = try SQLiteStateStore.open(path: path) }
        #expect(error?.code == .unreadable)
        #expect(error?.path == path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: path).isEmpty)
    }

    @Test func aPathThroughAFileIsUnreadable() async throws {
        let dir = try TemporaryDirectory()
        let file = dir.file("dondoc.yaml")
        try Data("workflows: Workflows\n".utf8).write(to: URL(fileURLWithPath: file))
        let path = file + "/state.sqlite"
        let error = await storeError { _ = try SQLiteStateStore.open(path: path) }
        #expect(error?.code == .unreadable)
        #expect(error?.path == path)
        #expect(try contents(of: file) == Data("workflows: Workflows\n".utf8))
    }

    // Root reads any file whatever its mode, so chmod 000 proves nothing there; the directory and
    // path-through-a-file cases above cover `.unreadable` for root.
    @Test(.enabled(if: getuid() != 0, "root can read a file of mode 000"))
    func aFileWithoutReadPermissionIsUnreadable() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        try await makeStore(path)
        let before = try contents(of: path)
        #expect(chmod(path, 0) == 0)
        defer { chmod(path, 0o600) }
        let error = await storeError { _ = try SQLiteStateStore.open(path: path) }
        #expect(error?.code == .unreadable)
        #expect(error?.path == path)
        chmod(path, 0o600)
        #expect(try contents(of: path) == before)
    }

    @Test func aMissingDirectoryIsAClearError() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("no-such-dir/state.sqlite")
        let error = await storeError { _ = try SQLiteStateStore.open(path: path, create: true) }
        #expect(error?.code == .notFound)
        #expect(error?.path == path)
        #expect(error?.message.contains(dir.file("no-such-dir")) == true)
        #expect(FileManager.default.fileExists(atPath: dir.file("no-such-dir")) == false)
    }

    @Test func aMissingFileIsNotCreatedWithoutCreate() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        let error = await storeError { _ = try SQLiteStateStore.open(path: path, create: false) }
        #expect(error?.code == .notFound)
        #expect(try dir.listing().isEmpty)
    }

    @Test func anEmptyFileIsSetUpLikeANewStore() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(await storeError { _ = try SQLiteStateStore.open(path: path, create: false) }?.code == .notFound)
        let store = try SQLiteStateStore.open(path: path)
        try await store.setMetadata("first-start", "1")
        #expect(try await store.metadata("first-start") == "1")
    }

    @Test func anEmptyFileWithAWriteAheadLogIsRefused() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        try await makeStore(path)
        try FileManager.default.moveItem(atPath: path, toPath: path + "-wal")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let log = try contents(of: path + "-wal")
        #expect(try await expectRefused(path, in: dir)?.code == .corrupt)
        #expect(try contents(of: path + "-wal") == log)
    }

    @Test func anEmptySQLiteDatabaseIsSetUp() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        let queue = try DatabaseQueue(path: path)
        try await queue.write { try $0.execute(sql: "PRAGMA user_version = 0") }
        try queue.close()
        let store = try SQLiteStateStore.open(path: path, create: false)
        #expect(try await store.recordCompletion(Completion(key: obligationKey, at: 1)))
    }

    @Test func theErrorDescriptionNamesThePathAndTheProblem() {
        let error = StoreError(code: .corrupt, path: "/var/lib/dondoc/state.sqlite", message: "fails PRAGMA quick_check")
        #expect("\(error)" == "state store /var/lib/dondoc/state.sqlite: corrupt: fails PRAGMA quick_check")
    }
}
