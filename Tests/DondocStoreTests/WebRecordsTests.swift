import DondocCore
import Testing
@testable import DondocStore

/// Migration v3's records on a real SQLite file: extension requests, access tokens, and the
/// read models of one obligation (its notifications, its audit trail).
struct ExtensionRequestStoreTests {
    let to = CivilDate(iso: "2026-12-31")!

    func request(_ key: String = obligationKey, at: Int64 = 100) -> ExtensionRequest {
        ExtensionRequest(key: key, to: to, reason: "Chờ số liệu", requester: "vanphong@haiphong.gov.vn", by: "Nguyễn Văn A", at: at)
    }

    @Test(arguments: StoreKind.available) func aRequestIsPendingUntilAnsweredOnce(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let recorded = try await store.transaction { try $0.recordExtensionRequest(request()) }
        let id = try #require(recorded.id)
        #expect(try await store.extensionRequests(.pending) == [recorded])
        #expect(try await store.transaction { try $0.pendingExtensionRequest(key: obligationKey) } == recorded)

        let decision = ExtensionRequest.Decision(answer: .approved, by: "vanthu@moha.gov.vn", at: 200, note: "Đồng ý")
        #expect(try await store.transaction { try $0.answerExtensionRequest(id: id, decision) })
        let refusal = ExtensionRequest.Decision(answer: .refused, by: "x", at: 300)
        #expect(try await !store.transaction { try $0.answerExtensionRequest(id: id, refusal) })
        #expect(try await store.extensionRequests(.pending).isEmpty)
        var answered = recorded
        answered.decision = decision
        #expect(try await store.extensionRequests(.key(obligationKey)) == [answered])
        #expect(try await store.transaction { try $0.pendingExtensionRequest(key: obligationKey) } == nil)
    }

    @Test(arguments: StoreKind.available) func aSecondPendingRequestOfAKeyIsAConflictAndWritesNothing(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        _ = try await store.transaction { try $0.recordExtensionRequest(request()) }
        let error = await storeError { _ = try await store.transaction { try $0.recordExtensionRequest(request(at: 150)) } }
        #expect(error?.code == .conflict)
        #expect(try await store.extensionRequests(.key(obligationKey)).count == 1)
        // Another key is not held up.
        _ = try await store.transaction { try $0.recordExtensionRequest(request(otherObligationKey)) }
        #expect(try await store.extensionRequests(.pending).map(\.key) == [obligationKey, otherObligationKey])
    }

    @Test(arguments: StoreKind.available) func changedSinceListsWhatWasAskedOrAnsweredFromThen(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let old = try await store.transaction { try $0.recordExtensionRequest(request(at: 100)) }
        let recent = try await store.transaction { try $0.recordExtensionRequest(request(otherObligationKey, at: 500)) }
        #expect(try await store.extensionRequests(.changedSince(400)).map(\.id) == [recent.id])
        _ = try await store.transaction {
            try $0.answerExtensionRequest(id: old.id!, .init(answer: .refused, by: "vanthu@moha.gov.vn", at: 600))
        }
        #expect(try await store.extensionRequests(.changedSince(400)).map(\.id) == [old.id, recent.id])
        #expect(try await store.extensionRequests(.changedSince(700)).isEmpty)
    }
}

struct AccessTokenStoreTests {
    let hash = String(repeating: "ab", count: 32)

    @Test(arguments: StoreKind.available) func aNameIsNeverTakenTwiceEvenAfterRevocation(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let token = AccessToken(name: "van-phong", role: .admin, hash: hash, createdAt: 100)
        #expect(try await store.transaction { try $0.createAccessToken(token) })
        let again = AccessToken(name: "van-phong", role: .read, hash: String(repeating: "cd", count: 32), createdAt: 200)
        #expect(try await !store.transaction { try $0.createAccessToken(again) })
        #expect(try await store.accessTokens() == [token])

        #expect(try await store.transaction { try $0.revokeAccessToken(name: "van-phong", at: 300) })
        #expect(try await !store.transaction { try $0.revokeAccessToken(name: "van-phong", at: 400) })
        #expect(try await !store.transaction { try $0.revokeAccessToken(name: "khong-co", at: 400) })
        #expect(try await !store.transaction { try $0.createAccessToken(again) })
        #expect(try await store.transaction { try $0.accessToken(name: "van-phong") }?.revokedAt == 300)
        #expect(try await store.transaction { try $0.accessTokens() }.map(\.isRevoked) == [true])
    }

    @Test(arguments: StoreKind.available) func liveTokensAndTheirLastUse(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let reader = AccessToken(name: "lanh-dao", role: .read, hash: hash, createdAt: 100)
        let admin = AccessToken(name: "admin", role: .admin, hash: String(repeating: "01", count: 32), createdAt: 100)
        try await store.transaction {
            _ = try $0.createAccessToken(reader)
            _ = try $0.createAccessToken(admin)
            try $0.recordAccessTokenUse(name: "lanh-dao", at: 900)
        }
        #expect(try await store.accessTokens().map(\.name) == ["admin", "lanh-dao"])
        #expect(try await store.transaction { try $0.accessTokens() }.map(\.lastUsedAt) == [nil, 900])
    }
}

struct ObligationHistoryTests {
    @Test(arguments: StoreKind.available) func theNotificationsOfOneKeyAndNotOfAKeyItPrefixes(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let oneOff = "1/CT#a@u"
        let yearly = "1/CT#a@u/2026"
        let first = message("m1@dondoc", to: "a@example.gov.vn", keys: ["\(oneOff)!reminder:3wd", "\(yearly)!reminder:3wd"],
                            claimedAt: 1000)
        let second = message("m2@dondoc", to: "b@example.gov.vn", keys: ["\(oneOff)!escalation:1wd"], claimedAt: 2000)
        _ = try await store.claim(first)
        _ = try await store.claim(second)
        try await store.markSent(messageID: "m1@dondoc", at: 1010)
        #expect(try await store.notifications(ofObligation: oneOff) == [
            SentNotification(notificationKey: "\(oneOff)!reminder:3wd", address: "a@example.gov.vn", messageID: "m1@dondoc",
                             scheduledAt: first.scheduledAt, claimedAt: 1000, sentAt: 1010),
            SentNotification(notificationKey: "\(oneOff)!escalation:1wd", address: "b@example.gov.vn", messageID: "m2@dondoc",
                             scheduledAt: second.scheduledAt, claimedAt: 2000),
        ])
        #expect(try await store.notifications(ofObligation: yearly).map(\.notificationKey) == ["\(yearly)!reminder:3wd"])
        #expect(try await store.notifications(ofObligation: "1/CT#a@v").isEmpty)
        _ = try await store.withdraw(messageID: "m2@dondoc", at: 3000, releasing: [])
        #expect(try await store.notifications(ofObligation: oneOff).last?.withdrawnAt == 3000)
    }

    @Test(arguments: StoreKind.available) func theAuditTrailOfOneKeyIsNewestFirst(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let events = [
            AuditEvent(at: 100, actor: "a@example.gov.vn", action: "request-extension", key: obligationKey, detail: "to 2026-12-31"),
            AuditEvent(at: 150, actor: "dondoc", action: "start"),
            AuditEvent(at: 200, actor: "root", action: "done", key: otherObligationKey),
            AuditEvent(at: 300, actor: "vanthu@moha.gov.vn", action: "approve-extension", key: obligationKey),
        ]
        for event in events { try await store.audit(event) }
        #expect(try await store.auditTrail(key: obligationKey, limit: 10) == [events[3], events[0]])
        #expect(try await store.auditTrail(key: obligationKey, limit: 1) == [events[3]])
        #expect(try await store.auditTrail(key: obligationKey, limit: 0).isEmpty)
    }
}
