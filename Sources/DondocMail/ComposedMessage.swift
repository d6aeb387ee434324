/// A message ready for `Sendmail`: the octets and the envelope.
public struct ComposedMessage: Hashable, Sendable {
    /// The whole message, headers and body, CRLF line ends.
    public let bytes: [UInt8]
    /// `<…@domain>`, as in the `Message-ID:` header.
    public let messageID: String
    /// The bare address for `-f`.
    public let envelopeFrom: String
    /// The envelope recipients (a digest has one).
    public let recipients: [String]
    /// The notification keys it carries: mark these sent once sendmail accepts it.
    public let keys: [String]
    /// The subject, unencoded (for logs).
    public let subject: String
}
