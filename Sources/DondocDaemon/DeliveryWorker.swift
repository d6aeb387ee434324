import DondocCore
import DondocLoader
import DondocMail
import DondocStore
import DondocSystemd
import Logging

/// Hands notifications over: one digest per address, recorded in the send log before
/// sendmail runs and marked sent after it exits 0; failures are retried with back-off and
/// never dropped (DESIGN §3) — unless an obligation they carry is done meanwhile: such a
/// message is withdrawn, and the rest of it goes out in a new digest.
struct DeliveryWorker: Sendable {
    let store: any StateStore
    let composer: MessageComposer
    let sendmail: Sendmail
    let backoff: Backoff
    let journal: Bool
    let heartbeat: Heartbeat
    let logger: Logger
    /// How many digests are handed over at once (`mail.parallel`).
    var parallel: Int = MailConfig.defaultParallel
    /// Set when a claim answered "not active": this node lost the active role (DESIGN §7).
    let lostRole = Toggle()
    /// The longest a claim may precede its hand-over (DESIGN §7). A claim checks the active role
    /// when it is written; a node stopped or stalled after that — partitioned, SIGSTOPped, swapped
    /// out — may have lost the role meanwhile (the server ends a silent session within about 11 s).
    /// So a hand-over that would start later than this after its claim is not started: the
    /// message stays claimed and due, and its next attempt claims it again, checking the role anew.
    var claimLease: Duration = .seconds(5)
    /// The monotonic clock that times the claim lease (not the wall clock, which a drill scales).
    var uptime: @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }

    /// Withdraws claimed, unsent messages (see `Withdrawal`); returns the claims released by
    /// those withdrawn. A withdrawal that cannot be recorded releases nothing: its message
    /// stays claimed, is not retried while it carries a completed obligation (`retryFailed`),
    /// and the next pass tries again.
    func withdraw(_ withdrawals: [Withdrawal], now: Int64) async -> Set<DeliveryKey> {
        var released = Set<DeliveryKey>()
        for withdrawal in withdrawals {
            do {
                guard try await store.withdraw(messageID: withdrawal.messageID, at: now, releasing: withdrawal.released) else { continue }
                released.formUnion(withdrawal.releasedDeliveries)
                let detail = "\(withdrawal.address): \(withdrawal.dropped.count) notification(s) of completed obligations dropped, \(withdrawal.released.count) to go out again"
                try? await store.audit(AuditEvent(at: now, actor: "dondoc", action: "withdrawn", key: withdrawal.messageID, detail: detail))
                logger.notice("withdrew the unsent message to \(detail)", metadata: ["message-id": "\(withdrawal.messageID)"])
            } catch {
                logger.error("cannot withdraw \(withdrawal.messageID) from the send log: \(error)")
            }
        }
        return released
    }

    /// Sends `notifications` (all due at or before `now`), skipping addresses already claimed
    /// (those in `claimed` and not in `released`). Everything due to one address goes out as
    /// one digest, catch-up included. A released notification was journaled when first claimed.
    func deliver(_ notifications: [Notification], now: Int64, directives workflows: WorkflowSet,
                 claimed journaled: ClaimedDeliveries, released: Set<DeliveryKey> = [],
                 shouldStop: @Sendable () -> Bool) async {
        guard !notifications.isEmpty else { return }
        let byNumber = Dictionary(workflows.directives.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        let instant = LocalDateTime(epochSeconds: now)
        let digests = Digest.group(notifications, at: instant, describe: { n in
            let directive = byNumber[n.obligation.directive]
            return ItemContext(directiveTitle: directive?.title ?? n.obligation.directive,
                               stepTitle: directive?.step(n.obligation.step)?.title ?? n.obligation.step)
        }, unitName: { workflows.org[$0]?.name ?? $0 })
        for (key, recipient) in Digest.unaddressed(notifications) {
            logger.warning("no address for \(recipient.role) \(recipient.unit): \(key) cannot be mailed")
        }
        if journal { record(notifications, claimed: journaled) }
        let claimed = journaled.releasing(released)
        let parts = digests.flatMap { digest in
            let pending = digest.items.filter { !claimed.isClaimed($0.notificationKey, digest.address) }
            return pending.isEmpty ? [] : Digest(address: digest.address, at: digest.at, items: pending).chunked(maxItems: 500)
        }
        // Up to `parallel` hand-overs at once, each its own claim → sendmail → mark: a yearly
        // report's reminder reaches thousands of addresses on one morning. Asked to stop, no
        // new one starts; those running finish.
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for part in parts {
                if running >= max(1, parallel) {
                    await group.next()
                    running -= 1
                }
                if shouldStop() { break }
                group.addTask { await send(part, now: now) }
                running += 1
            }
        }
    }

    /// Claims, sends and marks one digest.
    func send(_ digest: Digest, now: Int64) async {
        let message: ComposedMessage
        do {
            message = try composer.compose(digest)
        } catch {
            logger.error("cannot compose the message to \(digest.address): \(error)")
            return
        }
        await claimAndSend(message, address: digest.address, scheduledAt: digest.at.epochSeconds(), now: now)
    }

    /// Step 1 of the send log (claim), then the hand-over and its mark.
    func claimAndSend(_ message: ComposedMessage, address: String, scheduledAt: Int64, now: Int64) async {
        let outgoing = OutgoingMessage(messageID: message.messageID, address: address, notificationKeys: message.keys,
                                       scheduledAt: scheduledAt, claimedAt: now, attempts: 0,
                                       lastError: nil, retryAt: nil, bytes: message.bytes)
        let claimedAt = uptime()
        do {
            switch try await store.claim(outgoing) {
            case .claimed:
                break
            case .alreadyClaimed:
                logger.notice("the message to \(address) was already claimed by another: not sent again",
                              metadata: ["message-id": "\(message.messageID)"])
                return
            case .notActive:
                logger.warning("no longer the active node: the message to \(address) is left to the active one",
                               metadata: ["message-id": "\(message.messageID)"])
                lostRole.set(true)
                return
            }
        } catch {
            // Not recorded, so not sent: the next pass tries again.
            logger.error("cannot record the message to \(address) in the send log: \(error)")
            return
        }
        await attempt(outgoing, claimedAt: claimedAt, now: now)
    }

    /// Runs sendmail for a message claimed at `claimedAt` (on `uptime`) and records the outcome;
    /// returns when to try again (nil once sent). A claim older than `claimLease` is not handed
    /// over: the message is due again at once.
    @discardableResult
    func attempt(_ message: OutgoingMessage, claimedAt: ContinuousClock.Instant, now: Int64) async -> Int64? {
        let age = uptime() - claimedAt
        guard age <= claimLease else {
            logger.warning("the claim of the message to \(message.address) is \(age) old, longer than the \(claimLease) a claim stands for: not handed over now; it is claimed again first",
                           metadata: ["message-id": "\(message.messageID)"])
            return now
        }
        heartbeat.beat()
        let result = await sendmail.send(message.bytes, from: composer.from.address, to: [message.address])
        heartbeat.beat()
        do {
            switch result {
            case .accepted:
                try await store.markSent(messageID: message.messageID, at: now)
                try await store.audit(AuditEvent(at: now, actor: "dondoc", action: "sent", key: message.messageID,
                                           detail: "\(message.address): \(message.notificationKeys.count) notification(s)"))
                logger.info("sent \(message.notificationKeys.count) notification(s) to \(message.address)",
                            metadata: ["message-id": "\(message.messageID)"])
                return nil
            case .failed(let failure):
                let delay = backoff.delay(afterFailures: message.attempts + 1)
                let retryAt = now + max(1, delay.components.seconds)
                try await store.markFailed(messageID: message.messageID, at: now, error: failure.description, retryAt: retryAt)
                try await store.audit(AuditEvent(at: now, actor: "dondoc", action: "failed", key: message.messageID,
                                           detail: failure.description))
                logger.warning("sendmail failed for \(message.address) (attempt \(message.attempts + 1)): \(failure); retrying at \(LocalDateTime(epochSeconds: retryAt))",
                               metadata: ["message-id": "\(message.messageID)", "retryable": "\(failure.retryable)"])
                return retryAt
            }
        } catch {
            logger.error("cannot record the outcome for \(message.messageID): \(error)")
            return now + 60
        }
    }

    /// Sends again what is claimed and not sent: failures whose retry time has come, and
    /// messages that were in flight when the daemon last stopped. A message carrying a
    /// notification of a completed obligation is never handed over: its withdrawal is due (and
    /// is tried again in a minute if recording it failed). Returns the next retry time.
    func retryFailed(now: Int64, progress: Progress, shouldStop: @Sendable () -> Bool) async -> Int64? {
        let unsent: [OutgoingMessage]
        do {
            unsent = try await store.unsentMessages()
        } catch {
            logger.error("cannot read the send log: \(error)")
            return now + 60
        }
        var next: Int64?
        for message in unsent {
            if shouldStop() { break }
            if let retryAt = message.retryAt, retryAt > now {
                next = min(next ?? retryAt, retryAt)
                continue
            }
            if message.notificationKeys.contains(where: progress.isDone(notificationKey:)) {
                next = min(next ?? now + 60, now + 60)
                continue
            }
            // A hand-over again goes through the claim's check of the active role: a node that lost
            // it leaves the message to the active one. (Claiming a claimed message changes nothing.)
            let claimedAt = uptime()
            switch try? await store.claim(message) {
            case .notActive?:
                lostRole.set(true)
                return next
            case nil:
                // The claim could not be written, so the role was not checked: not handed over now.
                next = min(next ?? now + 60, now + 60)
                continue
            case .claimed?, .alreadyClaimed?:
                break
            }
            if let retryAt = await attempt(message, claimedAt: claimedAt, now: now) {
                next = min(next ?? retryAt, retryAt)
            }
        }
        return next
    }

    /// Writes each notification to the journal when it is first handed to delivery (no address
    /// claimed yet). If recording the claim then fails, the next pass writes it again.
    func record(_ notifications: [Notification], claimed: ClaimedDeliveries) {
        for notification in notifications where claimed.isUntouched(notification) {
            let addresses = Scheduler.addresses(of: notification)
            let o = notification.obligation
            let record = NotificationRecord(
                kind: notification.kind == .reminder ? .reminder : .escalation, key: notification.key,
                directive: o.directive, step: o.step, unit: o.unit, period: o.period?.description ?? "",
                due: o.deadline.dueDate.description, title: nil, rule: notification.rule, recipients: addresses)
            _ = Journal.send(record.fields)
        }
    }
}
