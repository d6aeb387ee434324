import DondocCore
import DondocStore
import NIOCore
import PostgresNIO

/// The statements of the PostgreSQL store, on a session inside one transaction: what
/// `StateStore.transaction` gives a use case, and what the store's own methods run. Each does
/// what `SQLiteTransaction` and `SQLiteStateStore` do, statement for statement.
struct PostgresTransaction: StoreTransaction {
    let session: PostgresSession

    var path: String { session.path }

    // MARK: - Completions and extensions

    func completion(key: String) throws -> Completion? {
        try session.rows("SELECT key, at, by, note FROM completion WHERE key = \(key)", Self.completion).first
    }

    func recordCompletion(_ completion: Completion) throws -> Bool {
        try session.changes(
            """
            INSERT INTO completion (key, at, by, note) VALUES (\(completion.key), \(completion.at), \(completion.by), \(completion.note))
            ON CONFLICT (key) DO NOTHING
            """) == 1
    }

    func recordExtension(_ extension: Extension) throws {
        try session.run(
            """
            INSERT INTO extension (key, to_date, reason, by, at)
            VALUES (\(`extension`.key), \(`extension`.to.description), \(`extension`.reason), \(`extension`.by), \(`extension`.at))
            """)
    }

    static func completion(_ row: PostgresRow) throws -> Completion {
        let (key, at, by, note) = try row.decode((String, Int64, String?, String?).self)
        return Completion(key: key, at: at, by: by, note: note)
    }

    func decodeExtension(_ row: PostgresRow) throws -> Extension {
        let (id, key, text, reason, by, at) = try row.decode((Int64, String, String, String, String?, Int64).self)
        guard let date = CivilDate(iso: text) else {
            throw StoreError(code: .corrupt, path: path, message: "extension \(id) has an invalid date \(text.debugDescription)")
        }
        return Extension(key: key, to: date, reason: reason, by: by, at: at)
    }

    /// Completions and the extensions in force, of every key or of `range`'s.
    func progress(range: (lower: String, upper: String)?) throws -> Progress {
        var completions: [String: LocalDateTime] = [:]
        let completionQuery: PostgresQuery = if let range {
            "SELECT key, at FROM completion WHERE key >= \(range.lower) AND key < \(range.upper)"
        } else {
            "SELECT key, at FROM completion"
        }
        try session.forEachBatch(of: completionQuery, { try $0.decode((String, Int64).self) }) { batch in
            for (key, at) in batch { completions[key] = LocalDateTime(epochSeconds: at) }
        }
        // Oldest first, so that the latest extension of a key is the one in force.
        let extensionQuery: PostgresQuery = if let range {
            "SELECT id, key, to_date, reason, by, at FROM extension WHERE key >= \(range.lower) AND key < \(range.upper) ORDER BY at, id"
        } else {
            "SELECT id, key, to_date, reason, by, at FROM extension ORDER BY at, id"
        }
        return Progress(completions: completions, extensions: Extension.inForce(try session.rows(extensionQuery, decodeExtension)))
    }

    // MARK: - Audit

    func audit(_ event: AuditEvent) throws {
        try session.run(
            """
            INSERT INTO audit (at, actor, action, key, detail)
            VALUES (\(event.at), \(event.actor), \(event.action), \(event.key), \(event.detail))
            """)
    }

    static func auditEvent(_ row: PostgresRow) throws -> AuditEvent {
        let (at, actor, action, key, detail) = try row.decode((Int64, String, String, String?, String?).self)
        return AuditEvent(at: at, actor: actor, action: action, key: key, detail: detail)
    }

    // MARK: - Extension requests

    static let requestSelection = """
        SELECT id, key, to_date, reason, requester, by, at, answer, answered_by, answered_at, answer_note
        FROM extension_request
        """

    func decodeRequest(_ row: PostgresRow) throws -> ExtensionRequest {
        let (id, key, text, reason, requester, by, at, answer, answeredBy, answeredAt, note) = try row.decode(
            (Int64, String, String, String, String?, String?, Int64, String?, String?, Int64?, String?).self)
        guard let to = CivilDate(iso: text) else {
            throw StoreError(code: .corrupt, path: path, message: "extension request \(id) has an invalid date \(text.debugDescription)")
        }
        var decision: ExtensionRequest.Decision?
        if let answer {
            guard let answer = ExtensionRequest.Answer(rawValue: answer), let answeredBy, let answeredAt else {
                throw StoreError(code: .corrupt, path: path, message: "extension request \(id) has an unknown answer \(answer.debugDescription)")
            }
            decision = .init(answer: answer, by: answeredBy, at: answeredAt, note: note)
        }
        return ExtensionRequest(id: id, key: key, to: to, reason: reason, requester: requester, by: by, at: at, decision: decision)
    }

    func pendingExtensionRequest(key: String) throws -> ExtensionRequest? {
        try session.rows(
            PostgresQuery(unsafeSQL: Self.requestSelection + " WHERE key = $1 AND answer IS NULL", binds: binds(key)), decodeRequest
        ).first
    }

    /// The pending-request index makes a second pending request of a key insert nothing (a
    /// concurrent writer's uncommitted one is waited for): that is the `.conflict`, raised
    /// without aborting the transaction, as SQLite's constraint error leaves it usable.
    func recordExtensionRequest(_ request: ExtensionRequest) throws -> ExtensionRequest {
        let ids = try session.rows(
            """
            INSERT INTO extension_request (key, to_date, reason, requester, by, at)
            VALUES (\(request.key), \(request.to.description), \(request.reason), \(request.requester), \(request.by), \(request.at))
            ON CONFLICT (key) WHERE answer IS NULL DO NOTHING
            RETURNING id
            """
        ) { try $0.decode(Int64.self) }
        guard let id = ids.first else {
            throw StoreError(code: .conflict, path: path,
                             message: "\(request.key) already has an extension request waiting for an answer; nothing was written")
        }
        var recorded = request
        recorded.id = id
        return recorded
    }

    func answerExtensionRequest(id: Int64, _ decision: ExtensionRequest.Decision) throws -> Bool {
        try session.changes(
            """
            UPDATE extension_request SET answer = \(decision.answer.rawValue), answered_by = \(decision.by),
                answered_at = \(decision.at), answer_note = \(decision.note)
            WHERE id = \(id) AND answer IS NULL
            """) == 1
    }

    func extensionRequests(_ filter: ExtensionRequestFilter) throws -> [ExtensionRequest] {
        let (condition, values): (String, PostgresBindings) = switch filter {
        case .key(let key): ("key = $1", binds(key))
        case .pending: ("answer IS NULL", PostgresBindings())
        case .changedSince(let instant): ("at >= $1 OR answered_at >= $1", binds(instant))
        }
        return try session.rows(
            PostgresQuery(unsafeSQL: "\(Self.requestSelection) WHERE \(condition) ORDER BY at, id", binds: values), decodeRequest)
    }

    // MARK: - Access tokens

    static let tokenSelection = "SELECT name, role, token_hash, created_at, revoked_at, last_used_at FROM access_token"

    func decodeToken(_ row: PostgresRow) throws -> AccessToken {
        let (name, text, hash, createdAt, revokedAt, lastUsedAt) = try row.decode((String, String, String, Int64, Int64?, Int64?).self)
        guard let role = AccessToken.Role(rawValue: text) else {
            throw StoreError(code: .corrupt, path: path,
                             message: "access token \(name.debugDescription) has an unknown role \(text.debugDescription)")
        }
        return AccessToken(name: name, role: role, hash: hash, createdAt: createdAt, revokedAt: revokedAt, lastUsedAt: lastUsedAt)
    }

    func accessToken(name: String) throws -> AccessToken? {
        try session.rows(PostgresQuery(unsafeSQL: Self.tokenSelection + " WHERE name = $1", binds: binds(name)), decodeToken).first
    }

    func accessTokens() throws -> [AccessToken] {
        try session.rows(PostgresQuery(unsafeSQL: Self.tokenSelection + " ORDER BY name"), decodeToken)
    }

    func createAccessToken(_ token: AccessToken) throws -> Bool {
        try session.changes(
            """
            INSERT INTO access_token (name, role, token_hash, created_at, revoked_at, last_used_at)
            VALUES (\(token.name), \(token.role.rawValue), \(token.hash), \(token.createdAt), \(token.revokedAt), \(token.lastUsedAt))
            ON CONFLICT (name) DO NOTHING
            """) == 1
    }

    func revokeAccessToken(name: String, at: Int64) throws -> Bool {
        try session.changes("UPDATE access_token SET revoked_at = \(at) WHERE name = \(name) AND revoked_at IS NULL") == 1
    }

    func recordAccessTokenUse(name: String, at: Int64) throws {
        try session.run("UPDATE access_token SET last_used_at = \(at) WHERE name = \(name)")
    }

    // MARK: - Metadata

    func metadata(_ key: String) throws -> String? {
        try session.rows("SELECT value FROM metadata WHERE key = \(key)") { try $0.decode(String.self) }.first
    }
}

/// Values bound as `$1`, `$2`, … in order.
func binds(_ values: any PostgresNonThrowingEncodable & Sendable...) -> PostgresBindings {
    var bindings = PostgresBindings()
    for value in values { bindings.append(value) }
    return bindings
}
