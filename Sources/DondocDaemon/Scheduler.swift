import DondocCore
import DondocMail

/// The scheduler's decision for one moment: what to send now and when to wake next.
/// Pure: the daemon passes in the wall time and what the store says.
public struct Schedule: Sendable {
    /// Notifications due at or before now, for which some address has not been claimed.
    public let due: [Notification]
    /// The next instant anything falls due (within the look-ahead), or the end of the look-ahead.
    public let nextWake: LocalDateTime
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
    /// nor more than the configured catch-up window).
    public func schedule(now: LocalDateTime, since: LocalDateTime, progress: Progress,
                         isClaimed: (String, String) -> Bool) -> Schedule {
        var due: [Notification] = []
        if since <= now {
            for notification in planner.stream(in: since...now, progress: progress) {
                let pending = Scheduler.addresses(of: notification).contains { !isClaimed(notification.key, $0) }
                if pending { due.append(notification) }
            }
        }
        let horizon = LocalDateTime(minutesSinceEpoch: now.minutesSinceEpoch + lookAheadDays * 1440)
        let after = LocalDateTime(minutesSinceEpoch: now.minutesSinceEpoch + 1)
        // Only the first: the stream makes no more than it needs for it.
        var ahead = after <= horizon ? planner.stream(in: after...horizon, progress: progress) : nil
        let next = ahead?.next()?.at
        return Schedule(due: due, nextWake: next ?? horizon)
    }

    /// Every address a notification goes to: its `to` and `cc`, each once, as the digests key them.
    public static func addresses(of notification: Notification) -> [String] {
        var seen = Set<String>()
        return (notification.to + notification.cc).compactMap { Digest.normalized($0.email) }.filter { seen.insert($0).inserted }
    }
}
