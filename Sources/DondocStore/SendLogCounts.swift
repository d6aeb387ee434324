/// What the send log holds, counted (DESIGN §6.6, `/metrics`): no keys, no addresses.
public struct SendLogCounts: Sendable, Hashable {
    /// Messages (digests) that sendmail accepted.
    public var messagesSent: Int
    /// (notification, address) pairs carried by those messages.
    public var notificationsSent: Int
    /// Failed hand-overs to sendmail, over every message.
    public var sendmailFailures: Int
    /// Messages claimed and neither sent nor withdrawn.
    public var messagesPending: Int
    /// (notification, address) pairs those messages carry.
    public var deliveriesPending: Int

    public init(messagesSent: Int = 0, notificationsSent: Int = 0, sendmailFailures: Int = 0, messagesPending: Int = 0,
                deliveriesPending: Int = 0) {
        self.messagesSent = messagesSent
        self.notificationsSent = notificationsSent
        self.sendmailFailures = sendmailFailures
        self.messagesPending = messagesPending
        self.deliveriesPending = deliveriesPending
    }
}
