import DondocCore

/// Everything dondoc keeps between runs, in four roles — what staff record (`ProgressRecords`),
/// the send log (`SendLog`), the audit trail (`AuditLog`), metadata and access tokens
/// (`StoreMetadata`) — and what a store is as a whole (`StateStore`): one transaction for a use
/// case, a stream of other writers' changes, the active role among several nodes, `close()`.
/// The daemon, the CLI and the web see a store only through these protocols and open it from the
/// config's `state:` (`StoreLocation`), so they do not know which adapter they have: SQLite
/// (`SQLiteStateStore`, one file, the embedded default) or PostgreSQL (several nodes, DESIGN §7).
///
/// ## The send log: claim, send, mark (DESIGN §3)
///
/// 1. **claim** — before the hand-over, `claim(_:)` records the composed message and claims
///    each `(notificationKey, address)` pair it carries. A pair is claimed at most once, ever:
///    "insert if absent". The planner leaves out pairs that `claimedDeliveries(since:)` lists,
///    so a claimed notification is never composed into a second message. Only a `.claimed`
///    answer lets the caller hand the message over; `.notActive` means this node is no longer
///    the active one (its session with the database was lost): it must not send.
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
/// ## Several nodes
///
/// Only the active node plans and sends: `acquireActive()` returns once this process holds the
/// active role (SQLite: at once, one file has one daemon; PostgreSQL: a session-level advisory
/// lock, waited for without polling). The `Message-ID` hashes the pass's instant, so two nodes
/// never compose the same id; what keeps a standby from sending is the claim, written in a
/// transaction that checks the active role is still held.
public protocol StateStore: ProgressRecords, SendLog, AuditLog, StoreMetadata {
    /// Runs `body` in one write transaction: what it writes is committed when it returns, and
    /// nothing when it throws (its error is rethrown as it is; the store's own failures as
    /// `StoreError`). The use cases write a change and its audit entry this way. The body is
    /// synchronous: a transaction holds its locks for no longer than its own statements (the
    /// PostgreSQL adapter runs it on a connection of its own, off Swift concurrency's threads).
    func transaction<T>(_ body: (any StoreTransaction) throws -> T) async throws -> T
    /// Yields whenever another connection or process commits (not for this store's own writes):
    /// `dondoc done` elsewhere wakes the daemon within a second. The adapter owns how it learns
    /// it (SQLite: inotify on its files and `PRAGMA data_version`; PostgreSQL: `LISTEN`). The
    /// stream ends when the store closes.
    func changes() -> AsyncStream<Void>
    /// Returns when this process holds the active role (see "Several nodes"), which it keeps
    /// until the store closes or the role is lost; a claim then answers `.notActive`.
    func acquireActive() async throws
    /// Writes what is pending and closes the connections; later calls fail, closing twice is
    /// harmless.
    func close() async throws
}

/// What staff record about obligations, as the planner and the pages read it.
public protocol ProgressRecords: Sendable {
    /// Completions and extensions in force, for the planner.
    func progress() async throws -> Progress
    /// The same, read from `previous` on: what was recorded since is added to it where the store
    /// can tell (SQLite), else everything is read again. Give it the only copy of `previous`, so
    /// that its table is extended in place.
    func progress(after previous: consuming ProgressSnapshot?) async throws -> ProgressSnapshot
    /// Whether `progress(after:)` adds to a snapshot what was recorded since, rather than
    /// reading everything again: a snapshot read early is then worth handing back.
    var extendsProgressSnapshots: Bool { get }
    /// Completions, extensions in force and pending extension requests of one directive's
    /// obligations only (keys `NUMBER#…`): what one obligation's page needs, since a deadline
    /// counts only from steps of its own directive. Cost grows with the directive, not the store.
    func records(ofDirective number: String) async throws -> DirectiveRecords
    /// Every completion with who recorded it and the note, oldest first.
    func completions() async throws -> [Completion]
    /// Every extension ever granted, oldest first (by instant, then id): the history, of which
    /// the latest of each key is in force (`Extension.inForce`).
    func extensions() async throws -> [Extension]
    /// Records a completion; returns false (and changes nothing) when the key was already done.
    func recordCompletion(_ completion: Completion) async throws -> Bool
    /// Records an extension (gia hạn); a later extension of the same key replaces the earlier for
    /// planning, both stay in history.
    func recordExtension(_ extension: Extension) async throws
    /// Extension requests, oldest first.
    func extensionRequests(_ filter: ExtensionRequestFilter) async throws -> [ExtensionRequest]
}

/// The send log (see `StateStore`).
public protocol SendLog: Sendable {
    /// Step 1 (before sendmail): claims deliveries of one message; idempotent per
    /// (notificationKey, address). Hand the message over only when this answers `.claimed`.
    func claim(_ message: OutgoingMessage) async throws -> ClaimOutcome
    /// Step 2: sendmail exited 0.
    func markSent(messageID: String, at: Int64) async throws
    /// A failed attempt: counts attempts, keeps the error, and when to try again.
    func markFailed(messageID: String, at: Int64, error: String, retryAt: Int64) async throws
    /// Messages claimed and not yet marked sent (in flight at a crash, or failing) nor withdrawn,
    /// oldest first.
    func unsentMessages() async throws -> [OutgoingMessage]
    /// Withdraws a claimed, unsent message: it never goes (again) to sendmail. The claims of the
    /// notification keys in `releasing` (keys the message carries) are dropped in the same
    /// transaction, so those notifications can be claimed by a new message; the message keeps the
    /// others. Returns false, changing nothing, when the message was already sent or withdrawn.
    func withdraw(messageID: String, at: Int64, releasing: [String]) async throws -> Bool
    /// Which (notificationKey, address) pairs have been claimed (sent or not) for notifications
    /// at or after `since` (epoch seconds).
    func claimedDeliveries(since: Int64) async throws -> Set<DeliveryKey>
    /// What the send log holds for one obligation: every (notification, address) claimed for a
    /// notification key `KEY!…`, oldest claim first (DESIGN §6.2, §6.5).
    func notifications(ofObligation key: String) async throws -> [SentNotification]
    /// The send log counted, in one snapshot (for `/metrics`).
    func sendLogCounts() async throws -> SendLogCounts
}

/// Who did what when.
public protocol AuditLog: Sendable {
    /// Appends to the audit trail.
    func audit(_ event: AuditEvent) async throws
    /// The latest `limit` events, newest first.
    func auditTrail(limit: Int) async throws -> [AuditEvent]
    /// The latest `limit` events about one obligation key, newest first.
    func auditTrail(key: String, limit: Int) async throws -> [AuditEvent]
}

/// Key-value metadata (the first start, the link secret) and the access tokens.
public protocol StoreMetadata: Sendable {
    /// The value of `key`, e.g. "first-start" (epoch seconds as text).
    func metadata(_ key: String) async throws -> String?
    func setMetadata(_ key: String, _ value: String) async throws
    /// The value of `key`, storing `value` first when there is none: of several processes that
    /// race to create it (the link secret, say), all get the one that was stored first.
    func metadata(_ key: String, orInsert value: String) async throws -> String
    /// Every access token, revoked ones included, by name.
    func accessTokens() async throws -> [AccessToken]
}

/// What a claim did (`SendLog.claim`).
public enum ClaimOutcome: Sendable, Equatable {
    /// The message is recorded and holds at least one of its pairs: hand it over.
    case claimed
    /// Every pair the message carries was already claimed by another message: do not send.
    case alreadyClaimed
    /// This node no longer holds the active role: do not send, stand by.
    case notActive
}

/// One directive's records (`ProgressRecords.records(ofDirective:)`).
public struct DirectiveRecords: Sendable {
    public var progress: Progress
    public var completions: [Completion]
    /// Keys with an extension request not yet answered.
    public var pendingRequests: Set<String>

    public init(progress: Progress, completions: [Completion], pendingRequests: Set<String>) {
        self.progress = progress
        self.completions = completions
        self.pendingRequests = pendingRequests
    }

    /// The range of keys of one directive's obligations, `NUMBER#…`: `#` is followed by `$` in
    /// byte order, so `lower <= key < upper` is one index range in either database.
    public static func keyRange(ofDirective number: String) -> (lower: String, upper: String) {
        (number + "#", number + "$")
    }
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

extension ProgressRecords {
    /// Everything read again: a store that cannot tell what was recorded since.
    public func progress(after previous: consuming ProgressSnapshot?) async throws -> ProgressSnapshot {
        ProgressSnapshot(progress: try await progress(), mark: nil)
    }

    public var extendsProgressSnapshots: Bool { false }
}
