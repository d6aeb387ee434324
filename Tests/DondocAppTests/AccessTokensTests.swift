import DondocStore
import Foundation
import Testing
@testable import DondocApp

/// Tokens against a real SQLite store: shown once, kept as a hash, checked, revoked, audited.
struct AccessTokensTests {
    @Test func aNewTokenIsRandomAndOnlyItsHashIsKept() async throws {
        let rig = try UseCaseTests.Store()
        let tokens = AccessTokens(store: rig.store)
        let (token, record) = try await tokens.create(name: "lanh-dao", role: .read, via: "cli", now: 100)
        #expect(token.hasPrefix("ddt_") && token.count == 4 + 43)
        #expect(token.dropFirst(4).allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(record.hash == AccessTokens.hash(token) && record.hash.count == 64)
        let (other, _) = try await tokens.create(name: "van-phong", role: .admin, via: "cli", now: 100)
        #expect(other != token)
        let stored = try await rig.store.accessTokens()
        #expect(stored.map(\.name) == ["lanh-dao", "van-phong"])
        #expect(!stored.contains { $0.hash.contains(token.dropFirst(4)) })
        // The SHA-256 of a known text, as the store keeps it.
        #expect(AccessTokens.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func verifyNamesTheHolderAndRecordsItsUse() async throws {
        let rig = try UseCaseTests.Store()
        let tokens = AccessTokens(store: rig.store)
        let (token, _) = try await tokens.create(name: "van-phong", role: .admin, via: "cli", now: 100)
        #expect(try await tokens.verify(token, via: "127.0.0.1", now: 200) == .init(name: "van-phong", role: .admin))
        #expect(try await tokens.verify(token, via: "127.0.0.1", now: 300) != nil)
        #expect(try await rig.store.accessTokens().first?.lastUsedAt == 300)
        #expect(try await tokens.verify(token, via: "127.0.0.1", now: 300 + AccessTokens.useAuditInterval) != nil)
        #expect(try await tokens.verify(token + "x", via: "10.0.0.9", now: 400) == nil)
        #expect(try await tokens.verify("", via: "10.0.0.9", now: 400) == nil)
        let trail = try await rig.store.auditTrail(limit: 10)
        #expect(trail.map(\.action) == ["token-refused", "token-refused", "token-use", "token-use", "token-create"])
        #expect(trail.first?.detail == "unknown token")
        #expect(trail[2].actor == "van-phong" && trail[2].detail == "127.0.0.1")
    }

    @Test func aRevokedTokenStopsWorkingAndItsNameIsNotReused() async throws {
        let rig = try UseCaseTests.Store()
        let tokens = AccessTokens(store: rig.store)
        let (token, _) = try await tokens.create(name: "van-phong", role: .admin, via: "cli", now: 100)
        await #expect(throws: AccessTokenError.nameTaken("van-phong", revokedAt: nil)) {
            try await tokens.create(name: "van-phong", role: .read, via: "cli", now: 150)
        }
        #expect(try await tokens.revoke(name: "van-phong", via: "root", now: 200).revokedAt == 200)
        #expect(try await tokens.verify(token, via: "127.0.0.1", now: 300) == nil)
        #expect(try await rig.store.auditTrail(limit: 1).first?.detail == "revoked token van-phong")
        await #expect(throws: AccessTokenError.alreadyRevoked("van-phong", at: 200)) { try await tokens.revoke(name: "van-phong", via: "root", now: 400) }
        await #expect(throws: AccessTokenError.unknownName("khong-co")) { try await tokens.revoke(name: "khong-co", via: "root", now: 400) }
        await #expect(throws: AccessTokenError.nameTaken("van-phong", revokedAt: 200)) {
            try await tokens.create(name: "van-phong", role: .read, via: "cli", now: 500)
        }
        #expect(try await tokens.list(via: "root", now: 600).map(\.isRevoked) == [true])
        #expect(try await rig.store.auditTrail(limit: 10).map(\.action) == ["token-list", "token-refused", "token-revoke", "token-create"])
    }

    @Test(arguments: ["", "có dấu cách", String(repeating: "a", count: 65), "tab\t", "a/b"])
    func aNameOutsideTheAlphabetIsRefused(_ name: String) async throws {
        let rig = try UseCaseTests.Store()
        await #expect(throws: AccessTokenError.badName(name)) {
            try await AccessTokens(store: rig.store).create(name: name, role: .read, via: "cli", now: 1)
        }
        #expect(try await rig.store.accessTokens().isEmpty)
    }
}
