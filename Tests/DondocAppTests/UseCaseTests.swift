import DondocCore
import DondocStore
import Foundation
import Testing
@testable import DondocApp

/// The use cases against a real SQLite store: the change and its audit entry, or neither.
struct UseCaseTests {
    typealias F = Fixture

    final class Store {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-app-tests-\(UUID().uuidString)")
        let store: SQLiteStateStore

        init() throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try SQLiteStateStore.open(path: directory.appendingPathComponent("state.sqlite").path)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    let key = "1/CT-TEST#bao-cao@ubnd-a"

    @Test func recordingDoneWritesTheCompletionAndItsAuditEntryAndTheFirstStands() async throws {
        let rig = try Store()
        let done = RecordCompletion(UseCaseContext(workflows: F.workflows, store: rig.store))
        let first = try await done.run(.init(key: key, at: 500, by: "Văn thư", note: "đã gửi", via: "cli"), now: 1000)
        #expect(first == .recorded(Completion(key: key, at: 500, by: "Văn thư", note: "đã gửi")))
        let again = try await done.run(.init(key: key, via: "a@example.gov.vn"), now: 2000)
        #expect(again == .alreadyDone(Completion(key: key, at: 500, by: "Văn thư", note: "đã gửi")))
        #expect(try await rig.store.completions() == [Completion(key: key, at: 500, by: "Văn thư", note: "đã gửi")])
        let trail = try await rig.store.auditTrail(limit: 10)
        #expect(trail.map(\.actor) == ["a@example.gov.vn", "Văn thư"])
        #expect(trail.allSatisfy { $0.action == "done" && $0.key == key })
        #expect(trail.last?.at == 1000)
    }

    @Test func aKeyTheWorkflowsDoNotHaveWritesNothing() async throws {
        let rig = try Store()
        await #expect(throws: ObligationKeyError.unknownUnit(key: "1/CT-TEST#bao-cao@ubnd-z", unit: "ubnd-z")) {
            try await RecordCompletion(UseCaseContext(workflows: F.workflows, store: rig.store)).run(.init(key: "1/CT-TEST#bao-cao@ubnd-z", via: "cli"), now: 1)
        }
        #expect(try await rig.store.completions().isEmpty)
        #expect(try await rig.store.auditTrail(limit: 10).isEmpty)
    }

    @Test func anExtensionMovesTheDueDateAndSaysWhyInTheTrail() async throws {
        let rig = try Store()
        let extend = RecordExtension(UseCaseContext(workflows: F.workflows, store: rig.store))
        await #expect(throws: RecordExtension.RequestError.noReason) {
            try await extend.run(.init(key: key, to: F.d("2026-12-31"), reason: "  ", via: "cli"), now: 1)
        }
        let granted = try await extend.run(.init(key: key, to: F.d("2026-12-31"), reason: "CV 12/UBND", by: "Chánh VP", via: "cli"), now: 7)
        #expect(granted == Extension(key: key, to: F.d("2026-12-31"), reason: "CV 12/UBND", by: "Chánh VP", at: 7))
        #expect(try await rig.store.progress().extensions == [key: F.d("2026-12-31")])
        #expect(try await rig.store.auditTrail(limit: 10) == [
            AuditEvent(at: 7, actor: "Chánh VP", action: "extend", key: key, detail: "to 2026-12-31: CV 12/UBND"),
        ])
    }
}
