import DondocCore
import Foundation
import Testing
@testable import DondocStore

/// The daemon and `dondoc done` open the same file: two connections, possibly two processes.
struct SharedStoreTests {
    @Test func aCompletionWrittenByOneStoreIsSeenByTheOther() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        let daemon = try SQLiteStateStore.open(path: path)
        let cli = try SQLiteStateStore.open(path: path, create: false)

        let before = try daemon.changeCounter()
        #expect(try await cli.recordCompletion(Completion(key: obligationKey, at: 1_796_100_000, by: "A")))
        #expect(try daemon.changeCounter() != before)
        #expect(try await daemon.progress().completions[obligationKey] == LocalDateTime(epochSeconds: 1_796_100_000))

        let afterDone = try daemon.changeCounter()
        try await cli.recordExtension(Extension(key: otherObligationKey, to: CivilDate(iso: "2026-03-02")!, reason: "r", at: 1))
        #expect(try daemon.changeCounter() != afterDone)
        #expect(try await daemon.progress().extensions[otherObligationKey] == CivilDate(iso: "2026-03-02"))
    }

    @Test func aStoresOwnWritesDoNotChangeItsCounter() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStateStore.open(path: dir.file("state.sqlite"))
        let before = try store.changeCounter()
        _ = try await store.claim(message("m1@dondoc", keys: ["k"]))
        try await store.markSent(messageID: "m1@dondoc", at: 1)
        #expect(try store.changeCounter() == before)
    }

    @Test func twoStoresCreatingTheSameFileAtOnceBothOpen() async throws {
        let dir = try TemporaryDirectory()
        for round in 0..<20 {
            let path = dir.file("state-\(round).sqlite")
            let failures = Failures()
            await withTaskGroup(of: Void.self) { group in
                for i in 0..<2 {
                    group.addTask {
                        do {
                            let store = try SQLiteStateStore.open(path: path)
                            _ = try await store.recordCompletion(Completion(key: "k\(i)", at: 1))
                        } catch {
                            failures.append("\(error)")
                        }
                    }
                }
            }
            #expect(failures.all.isEmpty)
            #expect(try await SQLiteStateStore.open(path: path).progress().completions.count == 2)
        }
    }

    @Test func twoStoresWritingAtOnceNeverFindTheFileLocked() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        let stores = [try SQLiteStateStore.open(path: path), try SQLiteStateStore.open(path: path)]
        let writesEach = 200
        let failures = Failures()
        // One task per store: on the pool's threads, so the two write at the same time.
        await withTaskGroup(of: Void.self) { group in
            for writer in stores.indices {
                let store = stores[writer]
                group.addTask {
                    for i in 0..<writesEach {
                        do {
                            let key = "D#s@u\(writer)/\(i)"
                            switch i % 3 {
                            case 0: _ = try await store.recordCompletion(Completion(key: key, at: Int64(i)))
                            case 1: _ = try await store.claim(message("m\(writer)-\(i)", keys: [key], scheduledAt: Int64(i)))
                            default: try await store.audit(AuditEvent(at: Int64(i), actor: "writer \(writer)", action: "test"))
                            }
                        } catch {
                            failures.append("\(error)")
                        }
                    }
                }
            }
        }
        #expect(failures.all.isEmpty)
        let progress = try await stores[0].progress()
        let claims = try await stores[1].claimedDeliveries(since: 0)
        let audits = try await stores[0].auditTrail(limit: 1000)
        let perKind = (0..<writesEach).filter { $0 % 3 == 0 }.count
        #expect(progress.completions.count == stores.count * perKind)
        #expect(claims.count == stores.count * (0..<writesEach).filter { $0 % 3 == 1 }.count)
        #expect(audits.count == stores.count * (0..<writesEach).filter { $0 % 3 == 2 }.count)
    }

    /// A second *process* (the sqlite3 shell, with its own busy timeout) writes while this one does.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: sqlite3), "needs the sqlite3 shell"))
    func aStoreAndAnotherProcessWritingAtOnceNeverFindTheFileLocked() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        let store = try SQLiteStateStore.open(path: path)
        let writes = 200

        var script = ".timeout 10000\n"
        for i in 0..<writes {
            script += "INSERT INTO audit (at, actor, action) VALUES (\(i), 'other process', 'test');\n"
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite3)
        process.arguments = ["-bail", path]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let scriptData = Data(script.utf8)
        let feeding = Thread {
            input.fileHandleForWriting.write(scriptData)
            try? input.fileHandleForWriting.close()
        }
        feeding.start()

        var failures: [String] = []
        for i in 0..<writes {
            do {
                if i.isMultiple(of: 2) {
                    _ = try await store.recordCompletion(Completion(key: "D#s@u/\(i)", at: Int64(i)))
                } else {
                    try await store.audit(AuditEvent(at: Int64(i), actor: "this process", action: "test"))
                }
            } catch {
                failures.append("\(error)")
            }
        }
        process.waitUntilExit()
        let shellErrors = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(failures.isEmpty)
        #expect(process.terminationStatus == 0, "sqlite3: \(shellErrors)")
        let audits = try await store.auditTrail(limit: 10 * writes)
        #expect(audits.filter { $0.actor == "other process" }.count == writes)
        #expect(audits.filter { $0.actor == "this process" }.count == writes / 2)
        #expect(try await store.progress().completions.count == writes / 2)
    }
}

private let sqlite3 = "/usr/bin/sqlite3"

/// Errors collected from several threads.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    func append(_ item: String) {
        lock.lock()
        defer { lock.unlock() }
        items.append(item)
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}
