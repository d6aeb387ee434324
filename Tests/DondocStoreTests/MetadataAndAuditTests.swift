import Testing
@testable import DondocStore

struct MetadataAndAuditTests {
    @Test(arguments: StoreKind.available) func metadataRoundTrips(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        #expect(try await store.metadata("first-start") == nil)
        try await store.setMetadata("first-start", "1796000000")
        try await store.setMetadata("ghi-chú", "Hải Phòng")
        #expect(try await store.metadata("first-start") == "1796000000")
        #expect(try await store.metadata("ghi-chú") == "Hải Phòng")
        try await store.setMetadata("ghi-chú", "")
        #expect(try await store.metadata("ghi-chú") == "")
    }

    @Test(arguments: StoreKind.available) func theAuditTrailIsNewestFirstAndLimited(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let events = [
            AuditEvent(at: 100, actor: "daemon", action: "start"),
            AuditEvent(at: 200, actor: "Nguyễn Văn A", action: "done", key: obligationKey, detail: "Đã gửi báo cáo"),
            AuditEvent(at: 200, actor: "daemon", action: "sent", key: "\(obligationKey)!reminder:3wd", detail: "<m1@dondoc>"),
            AuditEvent(at: 300, actor: "root", action: "extend", key: otherObligationKey, detail: "to 2026-03-02: Sáp nhập"),
        ]
        for event in events { try await store.audit(event) }
        #expect(try await store.auditTrail(limit: 10) == events.reversed())
        #expect(try await store.auditTrail(limit: 2) == [events[3], events[2]])
        #expect(try await store.auditTrail(limit: 0).isEmpty)
    }
}

/// `transaction`: what the use cases write together.
struct TransactionTests {
    struct Refused: Error, Equatable {}

    @Test(arguments: StoreKind.available) func aTransactionCommitsEverythingOrNothing(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let completion = Completion(key: "1/CT#a@u", at: 100, by: "Văn thư", note: "xong")
        await #expect(throws: Refused()) {
            try await store.transaction { transaction in
                _ = try transaction.recordCompletion(completion)
                try transaction.audit(AuditEvent(at: 100, actor: "cli", action: "done", key: completion.key))
                throw Refused()
            }
        }
        #expect(try await store.completions().isEmpty)
        #expect(try await store.auditTrail(limit: 10).isEmpty)

        let recorded = try await store.transaction { transaction in
            let recorded = try transaction.recordCompletion(completion)
            try transaction.audit(AuditEvent(at: 100, actor: "cli", action: "done", key: completion.key))
            return recorded
        }
        #expect(recorded)
        #expect(try await store.transaction { try $0.completion(key: completion.key) } == completion)
        #expect(try await store.auditTrail(limit: 10).map(\.action) == ["done"])
    }
}
