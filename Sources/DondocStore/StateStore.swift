import DondocCore

/// Everything dondoc keeps between runs: completions, extensions, the send log, metadata and
/// the audit trail. The daemon and the CLI see the store only through this protocol; SQLite
/// (`SQLiteStateStore`) is the embedded adapter, PostgreSQL for several nodes comes later
/// (DESIGN §6) as a second adapter with the same keys and the same three send-log steps.
///
/// ## The send log: claim, send, mark (DESIGN §3)
///
/// 1. **claim** — before the hand-over, `claim(_:)` records the composed message and claims
///    each `(notificationKey, address)` pair it carries. A pair is claimed at most once, ever:
///    "insert if absent". The planner leaves out pairs that `claimedDeliveries(since:)` lists,
///    so a claimed notification is never composed into a second message.
/// 2. **send** — the daemon pipes `bytes` to sendmail.
/// 3. **mark** — exit 0: `markSent(messageID:at:)`. Otherwise `markFailed(…, retryAt:)`, and the
///    message stays in `unsentMessages()` until a retry succeeds.
///
/// A claimed message that is not yet sent can be **withdrawn** (`withdraw(messageID:at:releasing:)`)
/// when an obligation it carries is done: it leaves `unsentMessages()` and is never handed over
/// again, and the claims of its other notifications are released so that they go out in a new
/// message without the completed obligation's (DESIGN §3).
///
/// After a crash, `unsentMessages()` holds what was claimed and not marked: the daemon resends
/// those exact bytes (same `Message-ID`) on start. So nothing claimed is lost, and only a message
/// in flight at the crash (handed over, not yet marked) can go out twice.
///
/// ## The PostgreSQL adapter (several nodes)
///
/// The same tables, with two columns more on `message`: `lease_owner` (node id) and
/// `lease_until` (timestamp). The adapter is constructed with its node id; the protocol does
/// not change.
/// - claim: one transaction, `INSERT INTO message … ON CONFLICT (message_id) DO NOTHING` and
///   `INSERT INTO delivery … ON CONFLICT (notification_key, address) DO NOTHING`, setting the
///   lease to this node for a short time (e.g. 30 s). Two nodes composing the same digest produce
///   the same message id: the second node's insert does nothing and it does not hold the lease,
///   so it must not send — the adapter then throws instead of returning (a lost race, not a
///   failure), and the pair is already in the winner's `claimedDeliveries`.
/// - send, mark: as above; `markSent` clears the lease (`WHERE lease_owner = me`).
/// - takeover: `unsentMessages()` returns only messages whose lease has expired or is this
///   node's, after taking the lease with `UPDATE … SET lease_owner = me, lease_until = now() + …
///   WHERE message_id = … AND (lease_until < now() OR lease_owner = me)` (or
///   `SELECT … FOR UPDATE SKIP LOCKED`), so a failed node's messages are resent by exactly one
///   other node within seconds.
/// - `changeCounter()`: a sequence bumped by a trigger on `completion` and `extension`
///   (or LISTEN/NOTIFY feeding a counter).
public protocol StateStore: Sendable {
    /// Completions and extensions, for the planner.
    func progress() throws -> Progress
    /// Every completion with who recorded it and the note, oldest first.
    func completions() throws -> [Completion]
    /// Records a completion; returns false (and changes nothing) when the key was already done.
    func recordCompletion(_ completion: Completion) throws -> Bool
    /// Records an extension (gia hạn); a later extension of the same key replaces the earlier for
    /// planning, both stay in history.
    func recordExtension(_ extension: Extension) throws
    /// Runs `body` in one write transaction: what it writes is committed when it returns, and
    /// nothing when it throws (its error is rethrown as it is; the store's own failures as
    /// `StoreError`). The use cases write a change and its audit entry this way.
    func transaction<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    /// The send log, step 1 (before sendmail): claims deliveries of one message; idempotent per
    /// (notificationKey, address).
    func claim(_ message: OutgoingMessage) throws
    /// Step 2: sendmail exited 0.
    func markSent(messageID: String, at: Int64) throws
    /// A failed attempt: counts attempts, keeps the error, and when to try again.
    func markFailed(messageID: String, at: Int64, error: String, retryAt: Int64) throws
    /// Messages claimed and not yet marked sent (in flight at a crash, or failing) nor withdrawn,
    /// oldest first.
    func unsentMessages() throws -> [OutgoingMessage]
    /// Withdraws a claimed, unsent message: it never goes (again) to sendmail. The claims of the
    /// notification keys in `releasing` (keys the message carries) are dropped in the same
    /// transaction, so those notifications can be claimed by a new message; the message keeps the
    /// others. Returns false, changing nothing, when the message was already sent or withdrawn.
    func withdraw(messageID: String, at: Int64, releasing: [String]) throws -> Bool
    /// Which (notificationKey, address) pairs have been claimed (sent or not) for notifications
    /// at or after `since` (epoch seconds).
    func claimedDeliveries(since: Int64) throws -> Set<DeliveryKey>
    /// Key-value metadata, e.g. "first-start" (epoch seconds as text), written once.
    func metadata(_ key: String) throws -> String?
    func setMetadata(_ key: String, _ value: String) throws
    /// The value of `key`, storing `value` first when there is none: of several processes that
    /// race to create it (the link secret, say), all get the one that was stored first.
    func metadata(_ key: String, orInsert value: String) throws -> String
    /// Appends to the audit trail (who did what when).
    func audit(_ event: AuditEvent) throws
    /// The latest `limit` events, newest first.
    func auditTrail(limit: Int) throws -> [AuditEvent]
    /// The latest `limit` events about one obligation key, newest first.
    func auditTrail(key: String, limit: Int) throws -> [AuditEvent]
    /// What the send log holds for one obligation: every (notification, address) claimed for a
    /// notification key `KEY!…`, oldest claim first (DESIGN §6.2, §6.5).
    func notifications(ofObligation key: String) throws -> [SentNotification]
    /// The send log counted, in one snapshot (for `/metrics`).
    func sendLogCounts() throws -> SendLogCounts
    /// Extension requests, oldest first.
    func extensionRequests(_ filter: ExtensionRequestFilter) throws -> [ExtensionRequest]
    /// Every access token, revoked ones included, by name.
    func accessTokens() throws -> [AccessToken]
    /// A number that changes whenever another connection/process commits (SQLite: PRAGMA
    /// data_version), so the daemon notices `dondoc done` within a second.
    func changeCounter() throws -> Int
}

/// What one transaction can write and read back (`StateStore.transaction`).
public protocol StoreTransaction {
    /// The completion recorded for `key`, if any.
    func completion(key: String) throws -> Completion?
    /// As `StateStore.recordCompletion`: false when the key was already done.
    func recordCompletion(_ completion: Completion) throws -> Bool
    func recordExtension(_ extension: Extension) throws
    func audit(_ event: AuditEvent) throws

    /// The request of `key` not yet answered, if any.
    func pendingExtensionRequest(key: String) throws -> ExtensionRequest?
    /// Records a request (its `id` is ignored) and returns it with the id the store gave it.
    /// Throws `StoreError` `.conflict` when the key already has a pending request.
    func recordExtensionRequest(_ request: ExtensionRequest) throws -> ExtensionRequest
    /// Answers the pending request `id`; false (and nothing changes) when it is not pending.
    func answerExtensionRequest(id: Int64, _ decision: ExtensionRequest.Decision) throws -> Bool

    /// The token with this name, revoked or not.
    func accessToken(name: String) throws -> AccessToken?
    /// Every token, revoked ones included, by name: what a presented token is checked against.
    func accessTokens() throws -> [AccessToken]
    /// Stores a new token; false (and nothing changes) when the name is taken, even by a revoked one.
    func createAccessToken(_ token: AccessToken) throws -> Bool
    /// Revokes the named token; false when there is none or it was already revoked.
    func revokeAccessToken(name: String, at: Int64) throws -> Bool
    /// Records that the named token was just used.
    func recordAccessTokenUse(name: String, at: Int64) throws
}
