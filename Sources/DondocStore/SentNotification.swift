/// One notification to one address as the send log has it (DESIGN §6.2: "what was sent and
/// when"): claimed before the hand-over to sendmail, sent when sendmail accepted it.
public struct SentNotification: Sendable, Hashable {
    /// The notification key, e.g. `…/2026!reminder:3wd`.
    public var notificationKey: String
    public var address: String
    /// The digest that carries it.
    public var messageID: String
    /// When it was due to go out, epoch seconds.
    public var scheduledAt: Int64
    /// When it was recorded in the send log, before the hand-over.
    public var claimedAt: Int64
    /// When sendmail accepted it; `nil` while it is in flight or failing.
    public var sentAt: Int64?
    /// When its message was withdrawn instead (the obligation was done first): it never went.
    public var withdrawnAt: Int64?

    public init(notificationKey: String, address: String, messageID: String, scheduledAt: Int64, claimedAt: Int64,
                sentAt: Int64? = nil, withdrawnAt: Int64? = nil) {
        self.notificationKey = notificationKey
        self.address = address
        self.messageID = messageID
        self.scheduledAt = scheduledAt
        self.claimedAt = claimedAt
        self.sentAt = sentAt
        self.withdrawnAt = withdrawnAt
    }
}
