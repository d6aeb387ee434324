import DondocCore

/// Everything due to one address at one instant: one email (DESIGN §3).
public struct Digest: Hashable, Sendable {
    /// The recipient's address, as the unit registry gives it (trimmed; compared without case).
    public let address: String
    /// The instant the digest goes out: the `send-at` of the day, or the moment of a catch-up.
    public let at: LocalDateTime
    /// In a stable order: directive, step, unit, period, reminders before escalations.
    public let items: [DigestItem]

    public init(address: String, at: LocalDateTime, items: [DigestItem]) {
        self.address = address
        self.at = at
        self.items = items.sorted(by: DigestItem.precedes)
    }

    /// The notification keys it carries, in item order: the `X-Dondoc-Keys` header and what the
    /// send log marks sent once sendmail accepts the message.
    public var keys: [String] { items.map(\.notificationKey) }

    public var reminderCount: Int { items.count(where: { $0.kind == .reminder }) }
    public var escalationCount: Int { items.count(where: { $0.kind == .escalation }) }

    /// The units this address stands for, in item order, each once: `(id, name)`.
    public var recipientUnits: [(id: String, name: String)] {
        var seen = Set<String>()
        return items.compactMap { seen.insert($0.recipientUnit).inserted ? ($0.recipientUnit, $0.recipientUnitName) : nil }
    }

    /// Groups notifications into digests: one per address, stamped `at`.
    ///
    /// Every address in a notification's `to` and `cc` gets it, so a notification with three
    /// addresses lands in three digests; an address that appears twice for the same notification
    /// (the lead unit is also the monitor, say) gets it once, as `to` if it is in `to` at all.
    /// Recipients without an address are skipped (see `unaddressed`). Pass the notifications
    /// due at one instant — or, on catch-up, everything overdue and unsent — and the instant the
    /// digests go out. Digests come sorted by address.
    ///
    /// - Parameters:
    ///   - describe: the titles of a notification's directive and step.
    ///   - unitName: the display name of a unit id (the id itself when unknown).
    public static func group(
        _ notifications: [Notification],
        at: LocalDateTime,
        describe: (Notification) -> ItemContext,
        unitName: (String) -> String
    ) -> [Digest] {
        var byAddress: [String: [String: DigestItem]] = [:]
        for notification in notifications {
            let context = describe(notification)
            let recipients = notification.to.map { ($0, false) } + notification.cc.map { ($0, true) }
            for (recipient, isCopy) in recipients {
                guard let address = normalized(recipient.email) else { continue }
                if let existing = byAddress[address]?[notification.key], !existing.isCopy || isCopy { continue }
                byAddress[address, default: [:]][notification.key] = item(
                    notification, recipient: recipient, isCopy: isCopy, context: context, unitName: unitName)
            }
        }
        return byAddress.keys.sorted().map { address in
            Digest(address: address, at: at, items: Array(byAddress[address]!.values))
        }
    }

    /// The recipients that no digest can reach because the org chart has no address for them,
    /// as (notification key, recipient); the daemon logs them (`dondoc check` warns too).
    public static func unaddressed(_ notifications: [Notification]) -> [(key: String, recipient: Recipient)] {
        notifications.flatMap { n in
            (n.to + n.cc).filter { normalized($0.email) == nil }.map { (n.key, $0) }
        }
    }

    /// Splits a very large digest into parts of at most `maxItems` items, keeping the order
    /// (each part is a message of its own, with its own `Message-ID`). A digest that fits is
    /// returned as is.
    public func chunked(maxItems: Int) -> [Digest] {
        precondition(maxItems > 0)
        guard items.count > maxItems else { return [self] }
        return stride(from: 0, to: items.count, by: maxItems).map {
            Digest(address: address, at: at, items: Array(items[$0..<min($0 + maxItems, items.count)]))
        }
    }

    /// How addresses are compared and keyed: trimmed, lower-cased; `nil` for none.
    public static func normalized(_ email: String?) -> String? {
        guard let email else { return nil }
        let trimmed = email.trimmingSpaces()
        return trimmed.isEmpty ? nil : trimmed.lowercased()
    }

    static func item(
        _ n: Notification, recipient: Recipient, isCopy: Bool, context: ItemContext, unitName: (String) -> String
    ) -> DigestItem {
        let o = n.obligation
        return DigestItem(
            notificationKey: n.key, obligationKey: o.key,
            kind: n.kind == .reminder ? .reminder : .escalation,
            role: recipient.role, isCopy: isCopy,
            recipientUnit: recipient.unit, recipientUnitName: unitName(recipient.unit),
            directiveNumber: o.directive, directiveTitle: context.directiveTitle,
            stepID: o.step, stepTitle: context.stepTitle,
            unitID: o.unit, unitName: unitName(o.unit),
            period: o.period.map { "\($0)" },
            dueDate: o.deadline.dueDate, dueAt: o.deadline.dueAt, targetDate: o.deadline.targetDate,
            rule: n.rule, scheduledAt: n.at, extended: o.extended
        )
    }
}
