import DondocCore
import Foundation

// The values the state store reads and writes. Instants are epoch seconds (UTC); the planner's
// local times come from `LocalDateTime(epochSeconds:)`.

/// `dondoc done KEY`: an obligation marked done.
public struct Completion: Sendable, Hashable {
    /// The obligation key, e.g. `33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026`.
    public var key: String
    /// When it was done, epoch seconds.
    public var at: Int64
    /// Who said so (`--by`).
    public var by: String?
    public var note: String?

    public init(key: String, at: Int64, by: String? = nil, note: String? = nil) {
        self.key = key
        self.at = at
        self.by = by
        self.note = note
    }
}

/// `dondoc extend KEY --to DATE --reason T`: a new due date (gia hạn).
public struct Extension: Sendable, Hashable {
    public var key: String
    /// The new due date.
    public var to: CivilDate
    public var reason: String
    public var by: String?
    /// When it was granted, epoch seconds. The latest extension of a key is the one in force.
    public var at: Int64

    public init(key: String, to: CivilDate, reason: String, by: String? = nil, at: Int64) {
        self.key = key
        self.to = to
        self.reason = reason
        self.by = by
        self.at = at
    }
}

/// One notification to one address: the unit the send log claims, so that it goes out once.
public struct DeliveryKey: Hashable, Sendable {
    /// The notification key, e.g. `33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026!reminder:3wd`.
    public var notificationKey: String
    public var address: String

    public init(notificationKey: String, address: String) {
        self.notificationKey = notificationKey
        self.address = address
    }
}

/// One composed email (a digest) to one address, as the send log keeps it.
public struct OutgoingMessage: Sendable, Hashable {
    /// The stable `Message-ID` (derived from the keys), which identifies the message in the log.
    public var messageID: String
    /// The envelope recipient.
    public var address: String
    /// The notifications the message carries (its `X-Dondoc-Keys`), in the message's order.
    public var notificationKeys: [String]
    /// The notification instant (epoch seconds): when the message was due to go out.
    public var scheduledAt: Int64
    /// When it was claimed, i.e. recorded before the hand-over to sendmail.
    public var claimedAt: Int64
    /// Failed hand-overs so far.
    public var attempts: Int
    public var lastError: String?
    /// When to try again after a failure (epoch seconds).
    public var retryAt: Int64?
    /// The composed RFC 5322 message, byte for byte, so that a retry after a crash resends
    /// exactly the message that may already have gone out (same Message-ID, same Date).
    public var bytes: [UInt8]

    public init(
        messageID: String,
        address: String,
        notificationKeys: [String],
        scheduledAt: Int64,
        claimedAt: Int64,
        attempts: Int = 0,
        lastError: String? = nil,
        retryAt: Int64? = nil,
        bytes: [UInt8]
    ) {
        self.messageID = messageID
        self.address = address
        self.notificationKeys = notificationKeys
        self.scheduledAt = scheduledAt
        self.claimedAt = claimedAt
        self.attempts = attempts
        self.lastError = lastError
        self.retryAt = retryAt
        self.bytes = bytes
    }

    /// The pairs this message delivers.
    public var deliveryKeys: [DeliveryKey] {
        notificationKeys.map { DeliveryKey(notificationKey: $0, address: address) }
    }
}

/// One line of the audit trail: who did what, when.
public struct AuditEvent: Sendable, Hashable {
    /// Epoch seconds.
    public var at: Int64
    /// A person (`--by`, else the login name), or `daemon`.
    public var actor: String
    /// `done`, `extend`, `sent`, `failed`, `start`, `reload`, …
    public var action: String
    /// The obligation or notification key concerned, if any.
    public var key: String?
    public var detail: String?

    public init(at: Int64, actor: String, action: String, key: String? = nil, detail: String? = nil) {
        self.at = at
        self.actor = actor
        self.action = action
        self.key = key
        self.detail = detail
    }
}

extension OutgoingMessage {
    /// The notification keys as a send log stores them (every adapter alike): a JSON array of
    /// strings, since keys are free text from the workflow files.
    public static func encodeKeys(_ keys: [String]) throws -> String {
        let data = try JSONEncoder().encode(keys)
        return String(decoding: data, as: UTF8.self)
    }

    /// The keys `encodeKeys` wrote; nil when the text is not such an array.
    public static func decodeKeys(_ text: String?) -> [String]? {
        guard let text else { return nil }
        return try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}

extension DondocCore.Progress {
    /// What the planner needs of the store's records: each completion's instant, and for each
    /// extended key the latest of its extensions (`extensions` oldest first, as the store lists
    /// them: by instant, then id).
    public init(completions: some Sequence<Completion>, extensions: some Sequence<Extension>) {
        var done: [String: LocalDateTime] = [:]
        done.reserveCapacity(completions.underestimatedCount)
        for completion in completions { done[completion.key] = LocalDateTime(epochSeconds: completion.at) }
        self.init(completions: done, extensions: Extension.inForce(extensions))
    }
}

extension Extension {
    /// Each extended key's new due date: that of its latest extension (`extensions` oldest
    /// first, as the store lists them: by instant, then id).
    public static func inForce(_ extensions: some Sequence<Extension>) -> [String: CivilDate] {
        var extended: [String: CivilDate] = [:]
        for granted in extensions { extended[granted.key] = granted.to }
        return extended
    }
}

/// A progress read, with where the store's completions stood when it was read: handed back to
/// `ProgressRecords.progress(after:)`, it lets the store read only the completions recorded
/// since (the daemon's pass after every change reads them, a million at national scale).
public struct ProgressSnapshot: Sendable {
    /// Read only: the store extends it in place from its mark.
    public internal(set) var progress: DondocCore.Progress
    /// The store's own mark; nil when the store reads everything again each time.
    var mark: Mark?

    struct Mark: Sendable, Equatable {
        /// How many completions were read (there are never fewer later: none is deleted).
        var count: Int
        /// The highest row number among them: those recorded later have higher ones.
        var highest: Int64
    }

    init(progress: DondocCore.Progress, mark: Mark?) {
        self.progress = progress
        self.mark = mark
    }
}
