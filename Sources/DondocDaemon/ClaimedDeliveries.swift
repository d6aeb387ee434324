import DondocCore
import DondocStore

/// The (notification, address) pairs the send log has claimed (DESIGN §3): the one question the
/// scheduler and delivery ask of it, so that a claimed pair is never composed into a second message.
struct ClaimedDeliveries: Sendable {
    let pairs: Set<DeliveryKey>

    func isClaimed(_ notificationKey: String, _ address: String) -> Bool {
        pairs.contains(DeliveryKey(notificationKey: notificationKey, address: address))
    }

    /// These claims less `released` (those of withdrawn messages, which go out again).
    func releasing(_ released: Set<DeliveryKey>) -> ClaimedDeliveries {
        released.isEmpty ? self : ClaimedDeliveries(pairs: pairs.subtracting(released))
    }

    /// No address of the notification is claimed yet: it reaches delivery for the first time.
    func isUntouched(_ notification: Notification) -> Bool {
        !Scheduler.addresses(of: notification).contains { isClaimed(notification.key, $0) }
    }

    /// Some address of the notification is not claimed yet: it is still to be sent (the
    /// scheduler asks through a function, so that its tests need no store).
    static func isPending(_ notification: Notification, isClaimed: (String, String) -> Bool) -> Bool {
        Scheduler.addresses(of: notification).contains { !isClaimed(notification.key, $0) }
    }
}
