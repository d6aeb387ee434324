import GRDB

// What happened to one obligation: the notifications claimed for it, its audit trail; and the
// send log counted.

extension SQLiteStateStore {
    /// Notification keys of `key` are `key!…`: they sort from `key!` up to, not including,
    /// `key"` ('"' follows '!'), a range the delivery table's primary key answers.
    public func notifications(ofObligation key: String) async throws -> [SentNotification] {
        try read { db in
            try Row.fetchAll(
                db.cachedStatement(
                sql: """
                    SELECT delivery.notification_key, delivery.address, message.message_id, message.scheduled_at,
                           message.claimed_at, message.sent_at, message.withdrawn_at
                    FROM delivery JOIN message ON message.message_id = delivery.message_id
                    WHERE delivery.notification_key >= ? AND delivery.notification_key < ?
                    ORDER BY message.claimed_at, delivery.notification_key, delivery.address
                    """),
                arguments: [key + "!", key + "\""]
            ).map { row in
                SentNotification(
                    notificationKey: try row.decode(forColumn: "notification_key"), address: try row.decode(forColumn: "address"),
                    messageID: try row.decode(forColumn: "message_id"), scheduledAt: try row.decode(forColumn: "scheduled_at"),
                    claimedAt: try row.decode(forColumn: "claimed_at"), sentAt: try row.decode(forColumn: "sent_at"),
                    withdrawnAt: try row.decode(forColumn: "withdrawn_at"))
            }
        }
    }

    public func sendLogCounts() async throws -> SendLogCounts {
        try read { db in
            let row = try Row.fetchOne(
                db.cachedStatement(
                sql: """
                    SELECT
                      (SELECT COUNT(*) FROM message WHERE sent_at IS NOT NULL) AS messages_sent,
                      (SELECT COUNT(*) FROM delivery JOIN message ON message.message_id = delivery.message_id
                         WHERE message.sent_at IS NOT NULL) AS notifications_sent,
                      (SELECT COALESCE(SUM(attempts), 0) FROM message) AS sendmail_failures,
                      (SELECT COUNT(*) FROM message WHERE sent_at IS NULL AND withdrawn_at IS NULL) AS messages_pending,
                      (SELECT COUNT(*) FROM delivery JOIN message ON message.message_id = delivery.message_id
                         WHERE message.sent_at IS NULL AND message.withdrawn_at IS NULL) AS deliveries_pending
                    """))
            guard let row else { return SendLogCounts() }
            return SendLogCounts(
                messagesSent: try row.decode(forColumn: "messages_sent"), notificationsSent: try row.decode(forColumn: "notifications_sent"),
                sendmailFailures: try row.decode(forColumn: "sendmail_failures"), messagesPending: try row.decode(forColumn: "messages_pending"),
                deliveriesPending: try row.decode(forColumn: "deliveries_pending"))
        }
    }

    public func auditTrail(key: String, limit: Int) async throws -> [AuditEvent] {
        guard limit > 0 else { return [] }
        return try read { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "\(AuditEvent.selection) WHERE key = ? ORDER BY id DESC LIMIT ?"), arguments: [key, limit]
            ).map(AuditEvent.init(row:))
        }
    }
}

extension AuditEvent {
    static let selection = "SELECT at, actor, action, key, detail FROM audit"

    /// A row of `selection`.
    init(row: Row) throws {
        self.init(at: try row.decode(forColumn: "at"), actor: try row.decode(forColumn: "actor"),
                  action: try row.decode(forColumn: "action"), key: try row.decode(forColumn: "key"),
                  detail: try row.decode(forColumn: "detail"))
    }
}
