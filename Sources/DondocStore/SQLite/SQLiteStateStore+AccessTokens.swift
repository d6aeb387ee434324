import GRDB

// Access tokens (migration v3): names, roles and hashes, never the tokens.

extension SQLiteStateStore {
    public func accessTokens() async throws -> [AccessToken] {
        try read { db in try SQLiteTransaction(db: db).accessTokens() }
    }
}

extension SQLiteTransaction {
    func accessToken(name: String) throws -> AccessToken? {
        try Row.fetchOne(db.cachedStatement(sql: "\(AccessToken.selection) WHERE name = ?"), arguments: [name]).map(AccessToken.init(row:))
    }

    func accessTokens() throws -> [AccessToken] {
        try Row.fetchAll(db.cachedStatement(sql: "\(AccessToken.selection) ORDER BY name")).map(AccessToken.init(row:))
    }

    func createAccessToken(_ token: AccessToken) throws -> Bool {
        try db.execute(
            sql: """
                INSERT INTO access_token (name, role, token_hash, created_at, revoked_at, last_used_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING
                """,
            arguments: [token.name, token.role.rawValue, token.hash, token.createdAt, token.revokedAt, token.lastUsedAt])
        return db.changesCount == 1
    }

    func revokeAccessToken(name: String, at: Int64) throws -> Bool {
        try db.execute(sql: "UPDATE access_token SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", arguments: [at, name])
        return db.changesCount == 1
    }

    func recordAccessTokenUse(name: String, at: Int64) throws {
        try db.execute(sql: "UPDATE access_token SET last_used_at = ? WHERE name = ?", arguments: [at, name])
    }
}

extension AccessToken {
    static let selection = "SELECT name, role, token_hash, created_at, revoked_at, last_used_at FROM access_token"

    /// A row of `selection`.
    init(row: Row) throws {
        let name: String = try row.decode(forColumn: "name")
        let text: String = try row.decode(forColumn: "role")
        guard let role = Role(rawValue: text) else {
            throw CorruptValue(message: "access token \(name.debugDescription) has an unknown role \(text.debugDescription)")
        }
        self.init(name: name, role: role, hash: try row.decode(forColumn: "token_hash"),
                  createdAt: try row.decode(forColumn: "created_at"), revokedAt: try row.decode(forColumn: "revoked_at"),
                  lastUsedAt: try row.decode(forColumn: "last_used_at"))
    }
}
