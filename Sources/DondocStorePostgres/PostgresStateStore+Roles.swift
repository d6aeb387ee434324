import DondocCore
import DondocStore
import NIOCore
import PostgresNIO

// The four roles, as SQLiteStateStore has them: the same statements in PostgreSQL's dialect.

extension PostgresStateStore {
    // MARK: - Progress

    public func progress() async throws -> Progress {
        try await read { try $0.progress(range: nil) }
    }

    public func records(ofDirective number: String) async throws -> DirectiveRecords {
        let range = DirectiveRecords.keyRange(ofDirective: number)
        return try await read { transaction in
            let progress = try transaction.progress(range: range)
            let completions = try transaction.session.rows(
                "SELECT key, at, by, note FROM completion WHERE key >= \(range.lower) AND key < \(range.upper) ORDER BY at, key",
                PostgresTransaction.completion)
            let pending = try transaction.session.rows(
                """
                SELECT key FROM extension_request WHERE key >= \(range.lower) AND key < \(range.upper) AND answer IS NULL
                """
            ) { try $0.decode(String.self) }
            return DirectiveRecords(progress: progress, completions: completions, pendingRequests: Set(pending))
        }
    }

    public func completions() async throws -> [Completion] {
        try await read { try $0.session.rows("SELECT key, at, by, note FROM completion ORDER BY at, key", PostgresTransaction.completion) }
    }

    public func recordCompletion(_ completion: Completion) async throws -> Bool {
        try await write { try $0.recordCompletion(completion) }
    }

    public func recordExtension(_ extension: Extension) async throws {
        try await write { try $0.recordExtension(`extension`) }
    }

    /// Every extension ever granted, oldest first.
    public func extensions() async throws -> [Extension] {
        try await read { transaction in
            try transaction.session.rows("SELECT id, key, to_date, reason, by, at FROM extension ORDER BY at, id", transaction.decodeExtension)
        }
    }

    public func extensionRequests(_ filter: ExtensionRequestFilter) async throws -> [ExtensionRequest] {
        try await read { try $0.extensionRequests(filter) }
    }

    // MARK: - Metadata, audit, tokens

    public func metadata(_ key: String) async throws -> String? {
        try await read { try $0.metadata(key) }
    }

    public func setMetadata(_ key: String, _ value: String) async throws {
        try await write { transaction in
            try transaction.session.run(
                """
                INSERT INTO metadata (key, value) VALUES (\(key), \(value))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """)
        }
    }

    /// Of several processes inserting at once, the later ones wait for the first's commit and
    /// then read its value (each statement of READ COMMITTED sees the latest commit).
    public func metadata(_ key: String, orInsert value: String) async throws -> String {
        try await write { transaction in
            try transaction.session.run("INSERT INTO metadata (key, value) VALUES (\(key), \(value)) ON CONFLICT (key) DO NOTHING")
            return try transaction.metadata(key) ?? value
        }
    }

    public func accessTokens() async throws -> [AccessToken] {
        try await read { try $0.accessTokens() }
    }

    public func audit(_ event: AuditEvent) async throws {
        try await write { try $0.audit(event) }
    }

    public func auditTrail(limit: Int) async throws -> [AuditEvent] {
        guard limit > 0 else { return [] }
        return try await read {
            try $0.session.rows("SELECT at, actor, action, key, detail FROM audit ORDER BY id DESC LIMIT \(limit)", PostgresTransaction.auditEvent)
        }
    }

    public func auditTrail(key: String, limit: Int) async throws -> [AuditEvent] {
        guard limit > 0 else { return [] }
        return try await read {
            try $0.session.rows(
                "SELECT at, actor, action, key, detail FROM audit WHERE key = \(key) ORDER BY id DESC LIMIT \(limit)",
                PostgresTransaction.auditEvent)
        }
    }

    // MARK: - The send log

    /// As SQLite's claim (insert if absent, per message and per pair), but on the role session,
    /// in a transaction that first checks the active node's lock is still held: `.notActive`
    /// (nothing written) when this store never acquired the role or its session ended.
    public func claim(_ message: OutgoingMessage) async throws -> ClaimOutcome {
        let keys = try OutgoingMessage.encodeKeys(message.notificationKeys)
        let outcome = try await onRoleSession { session -> ClaimOutcome in
            try session.run(
                """
                INSERT INTO message (message_id, address, notification_keys, scheduled_at, claimed_at,
                                     attempts, last_error, retry_at, bytes)
                VALUES (\(message.messageID), \(message.address), \(keys), \(message.scheduledAt), \(message.claimedAt),
                        \(message.attempts), \(message.lastError), \(message.retryAt), \(ByteBuffer(bytes: message.bytes)))
                ON CONFLICT (message_id) DO NOTHING
                """)
            for key in message.notificationKeys {
                try session.run(
                    """
                    INSERT INTO delivery (notification_key, address, message_id) VALUES (\(key), \(message.address), \(message.messageID))
                    ON CONFLICT (notification_key, address) DO NOTHING
                    """)
            }
            let held = try session.rows(
                "SELECT EXISTS (SELECT 1 FROM delivery WHERE message_id = \(message.messageID))"
            ) { try $0.decode(Bool.self) }.first ?? false
            return held || message.notificationKeys.isEmpty ? .claimed : .alreadyClaimed
        }
        return outcome ?? .notActive
    }

    public func markSent(messageID: String, at: Int64) async throws {
        try await write { transaction in
            let changed = try transaction.session.changes(
                "UPDATE message SET sent_at = \(at), retry_at = NULL WHERE message_id = \(messageID) AND sent_at IS NULL")
            if changed == 0 { try requireMessage(messageID, transaction) }
        }
    }

    public func markFailed(messageID: String, at: Int64, error: String, retryAt: Int64) async throws {
        try await write { transaction in
            let changed = try transaction.session.changes(
                """
                UPDATE message SET attempts = attempts + 1, failed_at = \(at), last_error = \(error), retry_at = \(retryAt)
                WHERE message_id = \(messageID) AND sent_at IS NULL
                """)
            if changed == 0 { try requireMessage(messageID, transaction) }
        }
    }

    static let messageSelection = """
        SELECT message_id, address, notification_keys, scheduled_at, claimed_at, attempts, last_error, retry_at, bytes
        FROM message
        """

    public func unsentMessages() async throws -> [OutgoingMessage] {
        try await read { transaction in
            try transaction.session.rows(
                PostgresQuery(unsafeSQL: Self.messageSelection + " WHERE sent_at IS NULL AND withdrawn_at IS NULL ORDER BY claimed_at, seq"),
                outgoingMessage)
        }
    }

    public func withdraw(messageID: String, at: Int64, releasing keys: [String]) async throws -> Bool {
        try await write { transaction in
            let changed = try transaction.session.changes(
                """
                UPDATE message SET withdrawn_at = \(at), retry_at = NULL
                WHERE message_id = \(messageID) AND sent_at IS NULL AND withdrawn_at IS NULL
                """)
            guard changed == 1 else {
                try requireMessage(messageID, transaction)
                return false
            }
            for key in keys {
                try transaction.session.run("DELETE FROM delivery WHERE notification_key = \(key) AND message_id = \(messageID)")
            }
            return true
        }
    }

    /// When the message was withdrawn, or nil (not withdrawn, or unknown).
    public func withdrawnAt(messageID: String) async throws -> Int64? {
        try await read { transaction in
            try transaction.session.rows("SELECT withdrawn_at FROM message WHERE message_id = \(messageID)") {
                try $0.decode(Int64?.self)
            }.first ?? nil
        }
    }

    /// When the message was marked sent, or nil (not sent, or unknown).
    public func sentAt(messageID: String) async throws -> Int64? {
        try await read { transaction in
            try transaction.session.rows("SELECT sent_at FROM message WHERE message_id = \(messageID)") {
                try $0.decode(Int64?.self)
            }.first ?? nil
        }
    }

    /// The message with this id, sent or not.
    public func message(_ messageID: String) async throws -> OutgoingMessage? {
        try await read { transaction in
            try transaction.session.rows(
                PostgresQuery(unsafeSQL: Self.messageSelection + " WHERE message_id = $1", binds: binds(messageID)), outgoingMessage
            ).first
        }
    }

    public func claimedDeliveries(since: Int64) async throws -> Set<DeliveryKey> {
        try await read { transaction in
            Set(try transaction.session.rows(
                """
                SELECT delivery.notification_key, delivery.address FROM delivery
                JOIN message ON message.message_id = delivery.message_id
                WHERE message.scheduled_at >= \(since)
                """
            ) { row in
                let (key, address) = try row.decode((String, String).self)
                return DeliveryKey(notificationKey: key, address: address)
            })
        }
    }

    public func notifications(ofObligation key: String) async throws -> [SentNotification] {
        try await read { transaction in
            try transaction.session.rows(
                """
                SELECT delivery.notification_key, delivery.address, message.message_id, message.scheduled_at,
                       message.claimed_at, message.sent_at, message.withdrawn_at
                FROM delivery JOIN message ON message.message_id = delivery.message_id
                WHERE delivery.notification_key >= \(key + "!") AND delivery.notification_key < \(key + "\"")
                ORDER BY message.claimed_at, delivery.notification_key, delivery.address
                """
            ) { row in
                let (notificationKey, address, messageID, scheduledAt, claimedAt, sentAt, withdrawnAt) = try row.decode(
                    (String, String, String, Int64, Int64, Int64?, Int64?).self)
                return SentNotification(notificationKey: notificationKey, address: address, messageID: messageID,
                                        scheduledAt: scheduledAt, claimedAt: claimedAt, sentAt: sentAt, withdrawnAt: withdrawnAt)
            }
        }
    }

    public func sendLogCounts() async throws -> SendLogCounts {
        try await read { transaction in
            let counts = try transaction.session.rows(
                """
                SELECT
                  (SELECT COUNT(*) FROM message WHERE sent_at IS NOT NULL),
                  (SELECT COUNT(*) FROM delivery JOIN message ON message.message_id = delivery.message_id
                     WHERE message.sent_at IS NOT NULL),
                  (SELECT COALESCE(SUM(attempts), 0) FROM message),
                  (SELECT COUNT(*) FROM message WHERE sent_at IS NULL AND withdrawn_at IS NULL),
                  (SELECT COUNT(*) FROM delivery JOIN message ON message.message_id = delivery.message_id
                     WHERE message.sent_at IS NULL AND message.withdrawn_at IS NULL)
                """
            ) { try $0.decode((Int64, Int64, Int64, Int64, Int64).self) }
            guard let (sent, notifications, failures, pending, deliveries) = counts.first else { return SendLogCounts() }
            return SendLogCounts(messagesSent: Int(sent), notificationsSent: Int(notifications), sendmailFailures: Int(failures),
                                 messagesPending: Int(pending), deliveriesPending: Int(deliveries))
        }
    }

    // MARK: - Rows

    private func requireMessage(_ messageID: String, _ transaction: PostgresTransaction) throws {
        let known = try transaction.session.rows("SELECT EXISTS (SELECT 1 FROM message WHERE message_id = \(messageID))") {
            try $0.decode(Bool.self)
        }.first ?? false
        guard known else {
            throw StoreError(code: .unknownMessage, path: path, message: "no claimed message has the id \(messageID.debugDescription)")
        }
    }

    private func outgoingMessage(_ row: PostgresRow) throws -> OutgoingMessage {
        let (id, address, keysText, scheduledAt, claimedAt, attempts, lastError, retryAt, bytes) = try row.decode(
            (String, String, String, Int64, Int64, Int32, String?, Int64?, ByteBuffer).self)
        guard let keys = OutgoingMessage.decodeKeys(keysText) else {
            throw StoreError(code: .corrupt, path: path, message: "message \(id) has unreadable notification keys")
        }
        return OutgoingMessage(messageID: id, address: address, notificationKeys: keys, scheduledAt: scheduledAt, claimedAt: claimedAt,
                               attempts: Int(attempts), lastError: lastError, retryAt: retryAt, bytes: Array(bytes.readableBytesView))
    }
}
