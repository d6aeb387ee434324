import DondocApp
import DondocCore
import DondocStore

/// `GET /api/v1/obligation`: the obligation as the list shows it (`ObligationDTO.Fields.api`),
/// with every notification claimed for it in the send log and its audit trail, newest first.
struct ObligationDetail: Encodable {
    struct Sent: Encodable {
        let notification: String
        let to: String
        let messageID: String
        let scheduledAt: String
        let claimedAt: String
        let sentAt: OrNull<String>
        let withdrawnAt: OrNull<String>

        init(_ record: SentNotification) {
            notification = record.notificationKey
            to = record.address
            messageID = record.messageID
            scheduledAt = LocalDateTime.iso8601(epochSeconds: record.scheduledAt)
            claimedAt = LocalDateTime.iso8601(epochSeconds: record.claimedAt)
            sentAt = OrNull(record.sentAt.map(LocalDateTime.iso8601(epochSeconds:)))
            withdrawnAt = OrNull(record.withdrawnAt.map(LocalDateTime.iso8601(epochSeconds:)))
        }

        enum CodingKeys: String, CodingKey {
            case notification, to, messageID = "message_id", scheduledAt = "scheduled_at", claimedAt = "claimed_at"
            case sentAt = "sent_at", withdrawnAt = "withdrawn_at"
        }
    }

    struct Event: Encodable {
        let at: String
        let actor: String
        let action: String
        let detail: OrNull<String>

        init(_ event: AuditEvent) {
            at = LocalDateTime.iso8601(epochSeconds: event.at)
            actor = event.actor
            action = event.action
            detail = OrNull(event.detail)
        }
    }

    /// How many audit events the answer carries at most.
    static let auditLimit = 500

    let obligation: ObligationDTO
    let notifications: [Sent]
    let audit: [Event]

    enum CodingKeys: String, CodingKey { case notifications, audit }

    func encode(to encoder: any Encoder) throws {
        try obligation.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(notifications, forKey: .notifications)
        try c.encode(audit, forKey: .audit)
    }
}

/// An optional that JSON writes as `null` rather than leaving out, as the API's objects do.
struct OrNull<Wrapped: Encodable>: Encodable {
    let value: Wrapped?

    init(_ value: Wrapped?) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let value { try c.encode(value) } else { try c.encodeNil() }
    }
}
