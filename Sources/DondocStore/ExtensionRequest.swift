import DondocCore

/// Staff asked for an extension (gia hạn) from a link in their email (DESIGN §6.2): the
/// obligation's state is `extension-requested` until the monitoring body answers; the deadline
/// changes only when it approves (an `Extension` is then recorded as `dondoc extend` would).
///
/// At most one request of a key is pending at a time (the store enforces it). The request and
/// its answer are each a notice that goes out in a digest — the request to the directive's
/// monitor, the answer to the requester — through the send log like any notification, under the
/// keys `DondocApp.ExtensionNotice` derives from `id`.
public struct ExtensionRequest: Sendable, Hashable {
    public enum Answer: String, Sendable, Hashable, CaseIterable {
        case approved, refused
    }

    /// The monitoring body's answer.
    public struct Decision: Sendable, Hashable {
        public var answer: Answer
        /// Who answered: their name, the link's address, or an access token's name.
        public var by: String
        /// When, epoch seconds.
        public var at: Int64
        public var note: String?

        public init(answer: Answer, by: String, at: Int64, note: String? = nil) {
            self.answer = answer
            self.by = by
            self.at = at
            self.note = note
        }
    }

    /// Given by the store when the request is recorded (`nil` before).
    public var id: Int64?
    /// The obligation key.
    public var key: String
    /// The due date asked for.
    public var to: CivilDate
    public var reason: String
    /// The address the answer goes to (the link's recipient), when known.
    public var requester: String?
    /// The requester's own name, as they gave it.
    public var by: String?
    /// When it was asked, epoch seconds.
    public var at: Int64
    /// `nil` while pending.
    public var decision: Decision?

    public init(id: Int64? = nil, key: String, to: CivilDate, reason: String, requester: String? = nil, by: String? = nil,
                at: Int64, decision: Decision? = nil) {
        self.id = id
        self.key = key
        self.to = to
        self.reason = reason
        self.requester = requester
        self.by = by
        self.at = at
        self.decision = decision
    }

    public var isPending: Bool { decision == nil }
}

/// Which extension requests `StateStore.extensionRequests(_:)` lists.
public enum ExtensionRequestFilter: Sendable, Hashable {
    /// Every request of one obligation key.
    case key(String)
    /// Every request not yet answered.
    case pending
    /// Every request asked or answered at or after the instant (epoch seconds): what may still
    /// have a notice to deliver.
    case changedSince(Int64)
}
