import DondocApp
import DondocCore
import DondocLoader
import DondocMail
import DondocStore

extension DeliveryWorker {
    /// Extension requests to the monitoring body and answers to those who asked (DESIGN §6.2):
    /// each notice is a notification of the send log (claimed, sent, marked like a reminder), so
    /// it goes out once; those to one address go together, as soon as the pass sees them.
    func deliverNotices(_ requests: [ExtensionRequest], now: Int64, workflows: WorkflowSet, sendAt: Int, progress: Progress,
                        claimed: ClaimedDeliveries, shouldStop: @Sendable () -> Bool) async {
        guard !requests.isEmpty else { return }
        let instant = LocalDateTime(epochSeconds: now)
        let lookup = ObligationLookup(workflows: workflows, sendAt: sendAt)
        var byAddress: [String: [NoticeMessage.Item]] = [:]
        // Whatever instant a request carries (the web's clock may be ahead of this one's), it goes
        // out at the first pass that sees it.
        for notice in ExtensionNotice.notices(of: requests, workflows: workflows) {
            guard let address = Self.address(of: notice.to, org: workflows.org) else {
                logger.warning("no address for \(notice.to): \(notice.notificationKey) cannot be mailed")
                continue
            }
            guard !claimed.isClaimed(notice.notificationKey, address),
                  let found = try? lookup.find(key: notice.request.key, records: TrackingRecords(progress: progress), now: instant)
            else { continue }
            byAddress[address, default: []].append(item(notice, found: found, address: address, workflows: workflows, at: instant))
        }
        for (address, items) in byAddress.sorted(by: { $0.key < $1.key }) {
            if shouldStop() { return }
            await send(NoticeMessage(address: address, at: instant, items: items), now: now)
        }
    }

    func item(_ notice: ExtensionNotice, found: ObligationLookup.Found, address: String, workflows: WorkflowSet,
              at: LocalDateTime) -> NoticeMessage.Item {
        let obligation = found.tracked.obligation
        let request = notice.request
        let kind: NoticeMessage.Item.Kind = switch (notice.kind, request.decision?.answer) {
        case (.request, _): .request
        case (.answer, .approved?): .approved
        case (.answer, _): .refused
        }
        let link = composer.links.map { links in
            kind == .request ? links.review(request.key, address, at) : links.obligation(request.key, address, at)
        }
        return NoticeMessage.Item(
            kind: kind, notificationKey: notice.notificationKey, directiveNumber: found.resolved.directive.number,
            stepTitle: found.resolved.step.title, unitName: workflows.org[obligation.unit]?.name ?? obligation.unit,
            period: obligation.period?.description, dueDate: obligation.deadline.dueDate, requestedTo: request.to,
            reason: request.reason, requester: request.by ?? request.requester ?? obligation.unit,
            note: kind == .request ? nil : request.decision?.note, link: link)
    }

    /// A unit's address, else its nearest ancestor's; an address as it is.
    static func address(of addressee: ExtensionNotice.Addressee, org: OrgChart) -> String? {
        switch addressee {
        case .address(let address): return address.lowercased()
        case .unit(var id):
            var seen: Set<String> = []
            while let unit = org[id], seen.insert(id).inserted {
                if let email = unit.email { return email.lowercased() }
                guard let parent = unit.parent else { return nil }
                id = parent
            }
            return nil
        }
    }

    /// Claims, sends and marks one notice message, as `send(_ digest:)` does a digest.
    func send(_ notices: NoticeMessage, now: Int64) async {
        let message: ComposedMessage
        do {
            message = try composer.compose(notices)
        } catch {
            logger.error("cannot compose the message to \(notices.address): \(error)")
            return
        }
        await claimAndSend(message, address: notices.address, scheduledAt: notices.at.epochSeconds(), now: now)
    }
}
