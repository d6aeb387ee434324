import DondocCore
import DondocMail
import DondocStore

/// The scheduler's decision for one moment: what to send now and when to wake next.
/// Pure: the daemon passes in the wall time and what the store says.
public struct Schedule: Sendable {
    /// Notifications due at or before now, for which some address has not been claimed (or its
    /// claim is released by a withdrawal).
    public let due: [Notification]
    /// The next instant anything falls due (within the look-ahead), or the end of the look-ahead.
    public let nextWake: LocalDateTime
    /// Claimed, unsent messages to withdraw before anything is handed over: they carry a
    /// notification of an obligation that is done.
    public let withdrawals: [Withdrawal]
}

/// A claimed message that must not go out because an obligation it carries is done (DESIGN §3:
/// once a completion is recorded, nothing more goes out for it). The message is withdrawn; its
/// other notifications are released and go out in a new digest, composed without the dropped
/// ones (they are in `Schedule.due` when they fall in the catch-up window).
public struct Withdrawal: Sendable, Hashable {
    public let messageID: String
    public let address: String
    /// Notification keys of completed obligations: never sent.
    public let dropped: [String]
    /// The message's other notification keys: their claims are released.
    public let released: [String]

    /// The (notification, address) pairs whose claims the withdrawal releases.
    public var releasedDeliveries: [DeliveryKey] {
        released.map { DeliveryKey(notificationKey: $0, address: address) }
    }

    /// The withdrawal of `message` under `progress`, or nil when it carries nothing done.
    public init?(of message: OutgoingMessage, progress: Progress) {
        let done = message.notificationKeys.filter { progress.isDone(notificationKey: $0) }
        guard !done.isEmpty else { return nil }
        messageID = message.messageID
        address = message.address
        dropped = done
        released = message.notificationKeys.filter { !progress.isDone(notificationKey: $0) }
    }
}

public struct Scheduler: Sendable {
    public let planner: Planner
    /// How far ahead to look for the next notification before waking just to look again.
    public let lookAheadDays: Int

    public init(planner: Planner, lookAheadDays: Int = 7) {
        self.planner = planner
        self.lookAheadDays = lookAheadDays
    }

    /// `since` bounds catch-up: nothing due before it is sent (not before the first start,
    /// nor more than the configured catch-up window). `resending` is what the send log is about
    /// to hand over again: claimed, unsent messages (in flight at a crash, or failed and with
    /// their retry time come); those that carry a completed obligation are withdrawn. The caller
    /// leaves out messages still waiting for their retry time, so that a failing mail server
    /// keeps its back-off; they are withdrawn when that time comes.
    public func schedule(now: LocalDateTime, since: LocalDateTime, progress: Progress, resending: [OutgoingMessage] = [],
                         isClaimed: (String, String) -> Bool) -> Schedule {
        let withdrawals = resending.compactMap { Withdrawal(of: $0, progress: progress) }
        let released = Set(withdrawals.flatMap(\.releasedDeliveries))
        var due: [Notification] = []
        if since <= now {
            // A claim its withdrawn message released counts as not claimed: it goes out again.
            let stillClaimed: (String, String) -> Bool = { key, address in
                !released.contains(DeliveryKey(notificationKey: key, address: address)) && isClaimed(key, address)
            }
            for notification in planner.stream(in: since...now, progress: progress)
            where ClaimedDeliveries.isPending(notification, isClaimed: stillClaimed) {
                due.append(notification)
            }
        }
        let horizon = LocalDateTime(minutesSinceEpoch: now.minutesSinceEpoch + lookAheadDays * 1440)
        let after = LocalDateTime(minutesSinceEpoch: now.minutesSinceEpoch + 1)
        // Only the first: the stream makes no more than it needs for it.
        var ahead = after <= horizon ? planner.stream(in: after...horizon, progress: progress) : nil
        let next = ahead?.next()?.at
        return Schedule(due: due, nextWake: next ?? horizon, withdrawals: withdrawals)
    }

    /// Every address a notification goes to: its `to` and `cc`, each once, as the digests key them.
    public static func addresses(of notification: Notification) -> [String] {
        var seen = Set<String>()
        return (notification.to + notification.cc).compactMap { Digest.normalized($0.email) }.filter { seen.insert($0).inserted }
    }
}
