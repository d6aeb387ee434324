import Foundation
import GRDB
import Testing
@testable import DondocStore

struct SendLogTests {
    let reminder = "\(obligationKey)!reminder:3wd"
    let escalation = "\(otherObligationKey)!escalation:1wd"

    @Test(arguments: StoreKind.available) func aClaimedMessageIsUnsentUntilMarkedSent(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let m = message("m1@dondoc", keys: [reminder, escalation])
        _ = try await store.claim(m)
        #expect(try await store.unsentMessages() == [m])

        try await store.markSent(messageID: m.messageID, at: 1_796_000_010)
        #expect(try await store.unsentMessages().isEmpty)
        #expect(try await store.sentAt(messageID: m.messageID) == 1_796_000_010)
        // Sent deliveries stay claimed.
        #expect(try await store.claimedDeliveries(since: 0) == Set(m.deliveryKeys))
    }

    @Test(arguments: StoreKind.available) func claimingTwiceChangesNothing(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let m = message("m1@dondoc", keys: [reminder])
        _ = try await store.claim(m)
        try await store.markFailed(messageID: m.messageID, at: 1_796_000_020, error: "exit 75", retryAt: 1_796_000_080)
        _ = try await store.claim(m)
        let unsent = try await store.unsentMessages()
        #expect(unsent.count == 1)
        #expect(unsent.first?.attempts == 1)
        #expect(try await store.claimedDeliveries(since: 0) == Set(m.deliveryKeys))
    }

    @Test(arguments: StoreKind.available) func aPairClaimedByOneMessageStaysWithIt(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let first = message("m1@dondoc", keys: [reminder])
        let second = message("m2@dondoc", keys: [reminder, escalation])
        _ = try await store.claim(first)
        _ = try await store.claim(second)
        // Each notification of the obligation, with the message that holds it.
        let owners = try await store.notifications(ofObligation: obligationKey) + store.notifications(ofObligation: otherObligationKey)
        #expect(Set(owners.map { [$0.notificationKey, $0.messageID] }) == [[reminder, "m1@dondoc"], [escalation, "m2@dondoc"]])
        // The second message is still logged, exactly as claimed.
        #expect(try await store.unsentMessages() == [first, second])
    }

    @Test(arguments: StoreKind.available) func claimedDeliveriesAreThoseOfNotificationsAtOrAfterSince(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let early = message("early@dondoc", to: "a@example.gov.vn", keys: [reminder], scheduledAt: 1000)
        let late = message("late@dondoc", to: "b@example.gov.vn", keys: [reminder, escalation], scheduledAt: 2000)
        _ = try await store.claim(early)
        _ = try await store.claim(late)
        try await store.markSent(messageID: late.messageID, at: 2001)

        #expect(try await store.claimedDeliveries(since: 0) == Set(early.deliveryKeys + late.deliveryKeys))
        #expect(try await store.claimedDeliveries(since: 1000) == Set(early.deliveryKeys + late.deliveryKeys))
        #expect(try await store.claimedDeliveries(since: 1001) == Set(late.deliveryKeys))
        #expect(try await store.claimedDeliveries(since: 2000) == Set(late.deliveryKeys))
        #expect(try await store.claimedDeliveries(since: 2001).isEmpty)
    }

    @Test(arguments: StoreKind.available) func failedAttemptsAreCountedWithTheLastErrorAndRetryTime(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let m = message("m1@dondoc", keys: [reminder])
        _ = try await store.claim(m)
        try await store.markFailed(messageID: m.messageID, at: 100, error: "sendmail: exit 75", retryAt: 160)
        try await store.markFailed(messageID: m.messageID, at: 160, error: "sendmail: không kết nối được", retryAt: 280)

        var expected = m
        expected.attempts = 2
        expected.lastError = "sendmail: không kết nối được"
        expected.retryAt = 280
        #expect(try await store.unsentMessages() == [expected])

        try await store.markSent(messageID: m.messageID, at: 300)
        #expect(try await store.unsentMessages().isEmpty)
        // A late failure report does not unsend it; a second markSent keeps the first time.
        try await store.markFailed(messageID: m.messageID, at: 310, error: "late", retryAt: 400)
        try await store.markSent(messageID: m.messageID, at: 320)
        #expect(try await store.unsentMessages().isEmpty)
        #expect(try await store.sentAt(messageID: m.messageID) == 300)
        #expect(try await store.message(m.messageID)?.attempts == 2)
    }

    @Test(arguments: StoreKind.available) func markingAnUnknownMessageIsAnError(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        #expect(await storeError { try await store.markSent(messageID: "nope@dondoc", at: 1) }?.code == .unknownMessage)
        #expect(await storeError { try await store.markFailed(messageID: "nope@dondoc", at: 1, error: "e", retryAt: 2) }?.code == .unknownMessage)
    }

    @Test(arguments: StoreKind.available) func unsentMessagesComeOldestClaimFirst(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let newer = message("newer@dondoc", keys: [reminder], claimedAt: 200)
        let older = message("older@dondoc", keys: [escalation], claimedAt: 100)
        let sameTime = message("same@dondoc", to: "c@example.gov.vn", keys: [escalation], claimedAt: 200)
        _ = try await store.claim(newer)
        _ = try await store.claim(older)
        _ = try await store.claim(sameTime)
        #expect(try await store.unsentMessages().map(\.messageID) == ["older@dondoc", "newer@dondoc", "same@dondoc"])
    }

    @Test(arguments: StoreKind.available) func messageBytesArePreservedExactly(_ kind: StoreKind) async throws {
        let place = try await StorePlace.fresh(kind)
        defer { place.keep() }
        let text = """
            From: =?UTF-8?B?SOG7hyB0aOG7kW5nIMSRw7RuIMSR4buRYw==?= <dondoc@example.gov.vn>\r
            Subject: =?UTF-8?B?Tmjhuq9jIHZp4buHYw==?=\r
            X-Dondoc-Keys: \(reminder),\r
             \(escalation)\r
            \r
            Kính gửi Ủy ban nhân dân thành phố Hải Phòng,\r
            Hạn báo cáo: 15/12/2026.\r
            .\r
            \n\r\r\n
            """
        var bytes = Array(text.utf8)
        bytes += [0x00, 0xFF, 0xFE, 0x0D, 0x0A, 0x0D]  // NUL, invalid UTF-8, a lone CR at the end
        let m = OutgoingMessage(
            messageID: "<20261210.8f3a@dondoc>", address: "vanphong@haiphong.gov.vn",
            notificationKeys: [reminder, escalation], scheduledAt: 1_796_000_000, claimedAt: 1_796_000_001,
            bytes: bytes)
        do {
            let store = try await place.open()
            _ = try await store.claim(m)
            try await store.close()
        }
        let reopened = try await place.open(create: false)
        let unsent = try await reopened.unsentMessages()
        #expect(unsent == [m])
        #expect(unsent.first?.bytes == bytes)
    }

    @Test(arguments: StoreKind.available) func anEmptyMessageRoundTrips(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let m = OutgoingMessage(
            messageID: "empty@dondoc", address: "a@b", notificationKeys: [], scheduledAt: 1, claimedAt: 2, bytes: [])
        _ = try await store.claim(m)
        #expect(try await store.unsentMessages() == [m])
        #expect(try await store.claimedDeliveries(since: 0).isEmpty)
    }

    @Test(arguments: StoreKind.available) func aWithdrawnMessageIsNoLongerUnsentAndReleasesWhatItWasAsked(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let m = message("m1@dondoc", keys: [reminder, escalation])
        _ = try await store.claim(m)
        try await store.markFailed(messageID: m.messageID, at: 100, error: "exit 75", retryAt: 160)
        #expect(try await store.withdraw(messageID: m.messageID, at: 160, releasing: [escalation]))
        #expect(try await store.unsentMessages().isEmpty)
        #expect(try await store.withdrawnAt(messageID: m.messageID) == 160)
        #expect(try await store.sentAt(messageID: m.messageID) == nil)
        // The completed obligation's reminder stays claimed by the withdrawn message; the
        // escalation can be claimed by a new one.
        #expect(try await store.claimedDeliveries(since: 0) == [DeliveryKey(notificationKey: reminder, address: m.address)])
        let again = message("m2@dondoc", keys: [escalation])
        _ = try await store.claim(again)
        #expect(try await store.unsentMessages() == [again])
        // Once only; a sent message cannot be withdrawn; an unknown one is an error.
        #expect(try await !store.withdraw(messageID: m.messageID, at: 170, releasing: []))
        try await store.markSent(messageID: again.messageID, at: 180)
        #expect(try await !store.withdraw(messageID: again.messageID, at: 190, releasing: [escalation]))
        #expect(try await store.claimedDeliveries(since: 0).count == 2)
        #expect(await storeError { _ = try await store.withdraw(messageID: "nope@dondoc", at: 1, releasing: []) }?.code == .unknownMessage)
    }

    @Test func aStoreOfTheFirstSchemaGainsTheWithdrawnColumn() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: "v1")
        try queue.close()
        let store = try SQLiteStateStore.open(path: path, create: false)
        let m = message("m1@dondoc", keys: [reminder])
        _ = try await store.claim(m)
        #expect(try await store.withdraw(messageID: m.messageID, at: 5, releasing: []))
        #expect(try await store.unsentMessages().isEmpty)
    }
}
