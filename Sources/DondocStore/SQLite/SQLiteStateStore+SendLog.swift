import Foundation
import GRDB

// The send log: claim, send, mark (see `StateStore`). On one SQLite file there is one daemon,
// so a claim never answers `.notActive`.

extension SQLiteStateStore {
    /// Records the message (if its id is new) and claims, for it, each (key, address) pair it
    /// carries that no message has claimed yet — all in one transaction. Claiming the same
    /// message again changes nothing. A pair already claimed by another message stays with that
    /// message; the planner should not have composed it again (it reads `claimedDeliveries`).
    /// `.alreadyClaimed` when the message holds none of its pairs.
    public func claim(_ message: OutgoingMessage) async throws -> ClaimOutcome {
        let keys = try OutgoingMessage.encodeKeys(message.notificationKeys)
        return try write { db in
            try db.execute(
                sql: """
                    INSERT INTO message (message_id, address, notification_keys, scheduled_at, claimed_at,
                                         attempts, last_error, retry_at, bytes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (message_id) DO NOTHING
                    """,
                arguments: [
                    message.messageID, message.address, keys, message.scheduledAt, message.claimedAt,
                    message.attempts, message.lastError, message.retryAt, Data(message.bytes),
                ])
            for key in message.notificationKeys {
                try db.execute(
                    sql: """
                        INSERT INTO delivery (notification_key, address, message_id) VALUES (?, ?, ?)
                        ON CONFLICT (notification_key, address) DO NOTHING
                        """,
                    arguments: [key, message.address, message.messageID])
            }
            let held = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM delivery WHERE message_id = ?)"), arguments: [message.messageID]) ?? false
            return held || message.notificationKeys.isEmpty ? .claimed : .alreadyClaimed
        }
    }

    /// Marks the message sent. Marking a sent message again keeps the first time.
    public func markSent(messageID: String, at: Int64) async throws {
        try write { db in
            try db.execute(
                sql: "UPDATE message SET sent_at = ?, retry_at = NULL WHERE message_id = ? AND sent_at IS NULL",
                arguments: [at, messageID])
            if db.changesCount == 0 { try requireMessage(messageID, db) }
        }
    }

    /// Counts a failed attempt. A failure reported for a message already sent changes nothing.
    public func markFailed(messageID: String, at: Int64, error: String, retryAt: Int64) async throws {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE message SET attempts = attempts + 1, failed_at = ?, last_error = ?, retry_at = ?
                    WHERE message_id = ? AND sent_at IS NULL
                    """,
                arguments: [at, error, retryAt, messageID])
            if db.changesCount == 0 { try requireMessage(messageID, db) }
        }
    }

    public func unsentMessages() async throws -> [OutgoingMessage] {
        try read { db in
            try Row.fetchAll(
                db.cachedStatement(
                sql: """
                    SELECT message_id, address, notification_keys, scheduled_at, claimed_at, attempts,
                           last_error, retry_at, bytes
                    FROM message WHERE sent_at IS NULL AND withdrawn_at IS NULL ORDER BY claimed_at, rowid
                    """)
            ).map(outgoingMessage)
        }
    }

    public func withdraw(messageID: String, at: Int64, releasing keys: [String]) async throws -> Bool {
        try write { db in
            try db.execute(
                sql: "UPDATE message SET withdrawn_at = ?, retry_at = NULL WHERE message_id = ? AND sent_at IS NULL AND withdrawn_at IS NULL",
                arguments: [at, messageID])
            guard db.changesCount == 1 else {
                try requireMessage(messageID, db)
                return false
            }
            for key in keys {
                try db.execute(
                    sql: "DELETE FROM delivery WHERE notification_key = ? AND message_id = ?",
                    arguments: [key, messageID])
            }
            return true
        }
    }

    /// When the message was withdrawn, or nil (not withdrawn, or unknown).
    public func withdrawnAt(messageID: String) async throws -> Int64? {
        try read { db in
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT withdrawn_at FROM message WHERE message_id = ?"), arguments: [messageID])
        }
    }

    /// The message with this id, sent or not.
    public func message(_ messageID: String) async throws -> OutgoingMessage? {
        try read { db in
            try Row.fetchOne(
                db.cachedStatement(
                sql: """
                    SELECT message_id, address, notification_keys, scheduled_at, claimed_at, attempts,
                           last_error, retry_at, bytes
                    FROM message WHERE message_id = ?
                    """),
                arguments: [messageID]
            ).map(outgoingMessage)
        }
    }

    /// When the message was marked sent, or nil (not sent, or unknown).
    public func sentAt(messageID: String) async throws -> Int64? {
        try read { db in
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT sent_at FROM message WHERE message_id = ?"), arguments: [messageID])
        }
    }

    public func claimedDeliveries(since: Int64) async throws -> Set<DeliveryKey> {
        try read { db in
            var keys = Set<DeliveryKey>()
            let rows = try Row.fetchCursor(
                db.cachedStatement(
                sql: """
                    SELECT delivery.notification_key, delivery.address FROM delivery
                    JOIN message ON message.message_id = delivery.message_id
                    WHERE message.scheduled_at >= ?
                    """),
                arguments: [since])
            while let row = try rows.next() {
                keys.insert(DeliveryKey(
                    notificationKey: try row.decode(forColumn: "notification_key"),
                    address: try row.decode(forColumn: "address")))
            }
            return keys
        }
    }

    // MARK: - Rows

    private func requireMessage(_ messageID: String, _ db: Database) throws {
        let known = try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM message WHERE message_id = ?)"), arguments: [messageID]) ?? false
        guard known else {
            throw StoreError(
                code: .unknownMessage, path: path,
                message: "no claimed message has the id \(messageID.debugDescription)")
        }
    }

    private func outgoingMessage(_ row: Row) throws -> OutgoingMessage {
        let id: String = try row.decode(forColumn: "message_id")
        guard let keys = OutgoingMessage.decodeKeys(try row.decode(forColumn: "notification_keys")) else {
            throw StoreError(code: .corrupt, path: path, message: "message \(id) has unreadable notification keys")
        }
        let bytes: Data = try row.decode(forColumn: "bytes")
        return OutgoingMessage(
            messageID: id, address: try row.decode(forColumn: "address"), notificationKeys: keys,
            scheduledAt: try row.decode(forColumn: "scheduled_at"), claimedAt: try row.decode(forColumn: "claimed_at"),
            attempts: try row.decode(forColumn: "attempts"), lastError: try row.decode(forColumn: "last_error"),
            retryAt: try row.decode(forColumn: "retry_at"), bytes: [UInt8](bytes))
    }
}
