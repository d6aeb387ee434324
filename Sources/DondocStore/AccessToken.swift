/// A token for the dashboard and the API (DESIGN §6.4), as the store keeps it: never the token
/// itself, only the SHA-256 of it. Names are unique for ever, revoked ones included, so that a
/// name in the audit trail always means one token.
public struct AccessToken: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable, CaseIterable {
        /// Sees the dashboard and reads the API.
        case read
        /// Also records completions, extensions and answers to extension requests.
        case admin
    }

    public var name: String
    public var role: Role
    /// SHA-256 of the token's UTF-8 bytes, 64 lowercase hexadecimal digits.
    public var hash: String
    /// Epoch seconds.
    public var createdAt: Int64
    public var revokedAt: Int64?
    public var lastUsedAt: Int64?

    public init(name: String, role: Role, hash: String, createdAt: Int64, revokedAt: Int64? = nil, lastUsedAt: Int64? = nil) {
        self.name = name
        self.role = role
        self.hash = hash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    public var isRevoked: Bool { revokedAt != nil }
}
