import DondocCore
import DondocLoader
import DondocStore

/// One obligation found from its key, with its deadline and state, and the addresses its
/// notifications go to: what a link's page shows and checks.
public struct ObligationLookup: Sendable {
    public let workflows: WorkflowSet
    public let sendAt: Int

    public init(workflows: WorkflowSet, sendAt: Int) {
        self.workflows = workflows
        self.sendAt = sendAt
    }

    public struct Found: Sendable {
        public let resolved: ResolvedKey
        public let tracked: TrackedObligation
        /// Every address a notification of this obligation goes to (to and cc), lower-cased.
        public let recipients: Set<String>
        public let notifications: [Notification]
    }

    /// Only the obligation's own step for its own unit is planned (and what its deadline counts
    /// from): the cost does not grow with the installation. `nil` when the key resolves but
    /// names no obligation (a period outside the step's `from:`/`until:`, or a `step X done`
    /// anchor not yet completed).
    public func find(key: String, records: TrackingRecords, now: LocalDateTime) throws(ObligationKeyError) -> Found? {
        let resolved = try workflows.resolve(key: key)
        let planner = planner(for: resolved)
        let start = resolved.period.map { min($0.start, resolved.directive.issued) } ?? resolved.directive.issued
        let scope = PlanScope(directive: resolved.directive.number, step: resolved.step.id, units: [resolved.unit])
        // Most obligations fall due within a year or two of their period's end: planned over those
        // years first, then (a due date counted from a late anchor, or moved by an extension) over
        // the whole horizon. A key names one obligation, so either finds the same.
        let near = start.adding(days: -1)...(resolved.period?.end ?? start).adding(years: ObligationLookup.nearYears)
        let whole = start.adding(days: -1)...start.adding(years: ObligationLookup.horizonYears)
        var found: Obligation?
        for dates in near.upperBound < whole.upperBound ? [near, whole] : [whole] {
            found = planner.obligations(due: dates, progress: records.progress, scope: scope).first(where: { $0.key == key })
            if found != nil { break }
        }
        guard let obligation = found else { return nil }
        let notifications = planner.notifications(for: obligation, directive: resolved.directive, step: resolved.step)
        var recipients = Set<String>()
        for notification in notifications {
            for recipient in notification.to + notification.cc { if let email = recipient.email { recipients.insert(email.lowercased()) } }
        }
        let tracked = StatusRules(calendar: workflows.calendar).track(obligation, records: records, now: now)
        return Found(resolved: resolved, tracked: tracked, recipients: recipients, notifications: notifications)
    }

    /// As `find(key:records:now:)`, reading from `store` only the records of the key's directive
    /// (`ProgressRecords.records(ofDirective:)`): a link's page costs the same in a store of a
    /// million completions as in an empty one. Throws `ObligationKeyError` for a key the workflows
    /// do not have, the store's error when it fails.
    public func find(key: String, in store: any StateStore, now: LocalDateTime) async throws -> Found? {
        let resolved = try workflows.resolve(key: key)
        let records = try await TrackingRecords.read(from: store, directive: resolved.directive.number)
        return try find(key: key, records: records, now: now)
    }

    /// The planner a key's obligation is found with: its directive alone.
    public func planner(for resolved: ResolvedKey) -> Planner {
        Planner(directives: [resolved.directive], org: workflows.org, calendar: workflows.calendar, sendAt: sendAt)
    }

    /// How far after its directive's issue (or its period's start) an obligation is looked for.
    static let horizonYears = 12
    /// How far after its period's end (or its start) an obligation is looked for first.
    static let nearYears = 2
}
