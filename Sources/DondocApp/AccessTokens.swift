import Crypto
import DondocLinks
import DondocStore
import Foundation

/// Tokens for the dashboard and the API (DESIGN §6.4): `dondoc token create|list|revoke`, and
/// the web's check of a presented token. The store keeps only each token's SHA-256; a token is
/// shown once, when it is made. Every call writes its audit entry in the same transaction as
/// its change, the actor being `via` (`cli`, or who acts on the web).
public struct AccessTokens: Sendable {
    /// What a token is: this prefix, then 32 random bytes in base64url without padding.
    public static let prefix = "ddt_"
    /// A successful check is written to the audit trail when the token had not been used for
    /// this long (seconds): a polling API client leaves one line an hour, not one a request.
    /// Its last use is recorded every time.
    public static let useAuditInterval: Int64 = 3600

    /// A token as presented and checked: who it is, and what it may do.
    public struct Holder: Sendable, Hashable {
        public let name: String
        public let role: AccessToken.Role
    }

    public let store: any StateStore

    public init(store: any StateStore) {
        self.store = store
    }

    /// Makes a token named `name` and returns it — the only time it is seen — with its record.
    public func create(name: String, role: AccessToken.Role, via: String, now: Int64) async throws -> (token: String, record: AccessToken) {
        try Self.validate(name: name)
        let token = Self.newToken()
        let record = AccessToken(name: name, role: role, hash: Self.hash(token), createdAt: now)
        try await store.transaction { transaction in
            guard try transaction.createAccessToken(record) else {
                let existing = try transaction.accessToken(name: name)
                throw AccessTokenError.nameTaken(name, revokedAt: existing?.revokedAt)
            }
            try transaction.audit(AuditEvent(at: now, actor: via, action: "token-create", key: nil, detail: "\(name) (\(role.rawValue))"))
        }
        return (token, record)
    }

    /// Every token, revoked ones included, by name.
    public func list(via: String, now: Int64) async throws -> [AccessToken] {
        try await store.transaction { transaction in
            try transaction.audit(AuditEvent(at: now, actor: via, action: "token-list"))
            return try transaction.accessTokens()
        }
    }

    /// Revokes the token: it stops working at once.
    public func revoke(name: String, via: String, now: Int64) async throws -> AccessToken {
        try await store.transaction { transaction in
            guard let token = try transaction.accessToken(name: name) else { throw AccessTokenError.unknownName(name) }
            guard try transaction.revokeAccessToken(name: name, at: now) else {
                throw AccessTokenError.alreadyRevoked(name, at: token.revokedAt ?? now)
            }
            try transaction.audit(AuditEvent(at: now, actor: via, action: "token-revoke", key: nil, detail: name))
            var revoked = token
            revoked.revokedAt = now
            return revoked
        }
    }

    /// The holder of a presented token, or `nil` for a token that is unknown or revoked (written
    /// to the audit trail, the actor being `via`: the client's address, say). The presented
    /// token's hash is compared with every stored hash in constant time, without stopping at a
    /// match; its last use is recorded.
    public func verify(_ token: String, via: String, now: Int64) async throws -> Holder? {
        let digest = SHA256.hash(data: Data(token.utf8))
        return try await store.transaction { transaction in
            var match: AccessToken?
            for candidate in try transaction.accessTokens() {
                guard let stored = Self.bytes(hex: candidate.hash) else { continue }
                if digest == stored { match = candidate }
            }
            guard let match, !match.isRevoked else {
                try transaction.audit(AuditEvent(at: now, actor: via, action: "token-refused", key: nil,
                                                 detail: match.map { "revoked token \($0.name)" } ?? "unknown token"))
                return nil
            }
            try transaction.recordAccessTokenUse(name: match.name, at: now)
            if match.lastUsedAt.map({ now - $0 >= Self.useAuditInterval }) ?? true {
                try transaction.audit(AuditEvent(at: now, actor: match.name, action: "token-use", key: nil, detail: via))
            }
            return Holder(name: match.name, role: match.role)
        }
    }

    // MARK: - Tokens and hashes

    /// Names are what the audit trail shows: 1 to 64 letters, digits, `.`, `_`, `-` or `@`.
    public static func validate(name: String) throws(AccessTokenError) {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-@"))
        guard (1...64).contains(name.count), name.unicodeScalars.allSatisfy(allowed.contains) else {
            throw .badName(name)
        }
    }

    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + Base64URL.encode(bytes)
    }

    /// SHA-256 of the token's UTF-8 bytes, in lowercase hex: what the store keeps.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[i...i + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}

/// Why a token cannot be made or revoked.
public enum AccessTokenError: Error, Sendable, Hashable, CustomStringConvertible {
    case badName(String)
    /// Names are never reused, so that the audit trail's names mean one token each.
    case nameTaken(String, revokedAt: Int64?)
    case unknownName(String)
    case alreadyRevoked(String, at: Int64)

    public var description: String {
        switch self {
        case .badName(let name):
            "'\(name)' is not a token name: 1 to 64 letters, digits, '.', '_', '-' or '@'"
        case .nameTaken(let name, nil):
            "a token named '\(name)' exists already; choose another name"
        case .nameTaken(let name, .some):
            "a token named '\(name)' existed and was revoked; names are not reused, choose another"
        case .unknownName(let name):
            "no token named '\(name)' (dondoc token list shows them)"
        case .alreadyRevoked(let name, _):
            "the token '\(name)' is already revoked"
        }
    }
}
