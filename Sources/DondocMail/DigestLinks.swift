import DondocCore

/// What a digest links to when the web is configured (DESIGN §6.2): each obligation's page for
/// the message's recipient, and each recipient unit's calendar feed.
public struct DigestLinks: Sendable {
    /// The page of an obligation (its key) for a recipient address, made at the digest's instant.
    public let obligation: @Sendable (_ key: String, _ address: String, _ at: LocalDateTime) -> String
    /// A unit's calendar feed (its id).
    public let feed: @Sendable (_ unit: String) -> String
    /// The monitoring body's page to answer an obligation's extension request, for its address.
    public let review: @Sendable (_ key: String, _ address: String, _ at: LocalDateTime) -> String

    public init(obligation: @escaping @Sendable (String, String, LocalDateTime) -> String,
                feed: @escaping @Sendable (String) -> String,
                review: @escaping @Sendable (String, String, LocalDateTime) -> String) {
        self.obligation = obligation
        self.feed = feed
        self.review = review
    }
}
