import DondocCore
import DondocStore

/// An obligation with what staff recorded about it and what that makes of it now.
public struct TrackedObligation: Sendable, Hashable {
    public let obligation: Obligation
    public let state: ObligationState
    public let category: ReportCategory
    /// The completion, when one is recorded.
    public let completion: Completion?

    public init(obligation: Obligation, state: ObligationState, category: ReportCategory, completion: Completion?) {
        self.obligation = obligation
        self.state = state
        self.category = category
        self.completion = completion
    }

    /// The new due date, when an extension is in force.
    public var extendedTo: CivilDate? { obligation.extended ? obligation.deadline.dueDate : nil }
}

/// What the store holds about obligations, as the states need it: the planner's `Progress`,
/// each completion with who recorded it, and the keys with an extension request not yet answered.
public struct TrackingRecords: Sendable {
    public var progress: Progress
    public var completions: [String: Completion]
    public var extensionRequests: Set<String>

    public init(progress: Progress = .none, completions: [String: Completion] = [:], extensionRequests: Set<String> = []) {
        self.progress = progress
        self.completions = completions
        self.extensionRequests = extensionRequests
    }

    /// Reads them from the store: the completions, the extensions and the requests in one
    /// snapshot each.
    public static func read(from store: any StateStore) async throws -> TrackingRecords {
        // Each completion read once, the progress made from the same list: the API's listings
        // read every record of the store.
        let completions = try await store.completions()
        let progress = Progress(completions: completions, extensions: try await store.extensions())
        let requests = Set(try await store.extensionRequests(.pending).map(\.key))
        return TrackingRecords(progress: progress, completions: index(completions), extensionRequests: requests)
    }

    /// Those of one directive only (`ProgressRecords.records(ofDirective:)`): enough for any of
    /// its obligations, whose deadlines count only from steps of the same directive.
    public static func read(from store: any StateStore, directive number: String) async throws -> TrackingRecords {
        let records = try await store.records(ofDirective: number)
        return TrackingRecords(progress: records.progress, completions: index(records.completions),
                               extensionRequests: records.pendingRequests)
    }

    private static func index(_ completions: [Completion]) -> [String: Completion] {
        Dictionary(completions.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// How an obligation's state and report category follow from the records and the time (pure:
/// `now` is a parameter).
public struct StatusRules: Sendable {
    /// Reminders start this many working days before the target date: "due soon" from then on.
    public static let dueSoonWorkingDays = 3

    public let calendar: WorkCalendar

    public init(calendar: WorkCalendar) {
        self.calendar = calendar
    }

    public func track(_ obligation: Obligation, records: TrackingRecords, now: LocalDateTime) -> TrackedObligation {
        let completion = completion(of: obligation.key, records: records)
        return TrackedObligation(obligation: obligation, state: state(of: obligation, completion: completion, records: records, now: now),
                                 category: category(of: obligation, completion: completion, now: now), completion: completion)
    }

    /// Done first; then a request waiting for an answer; then overdue, extended, due soon, pending.
    func state(of obligation: Obligation, completion: Completion?, records: TrackingRecords, now: LocalDateTime) -> ObligationState {
        if completion != nil { return .done }
        if records.extensionRequests.contains(obligation.key) { return .extensionRequested }
        if now >= obligation.deadline.dueAt { return .overdue }
        if obligation.extended { return .extended }
        let soon = calendar.adding(workingDays: -StatusRules.dueSoonWorkingDays, to: obligation.deadline.targetDate)
        return now.date >= soon ? .dueSoon : .pending
    }

    /// On time means completed before `due_at` of the deadline in force: an extension moves it.
    func category(of obligation: Obligation, completion: Completion?, now: LocalDateTime) -> ReportCategory {
        let dueAt = obligation.deadline.dueAt
        if let completion {
            return completion.at < dueAt.epochSeconds() ? .doneOnTime : .doneLate
        }
        return now >= dueAt ? .openOverdue : .openOnTime
    }

    /// The completion of `key`: the store's record, or, for a `Progress` without one (a caller
    /// that has only the planner's view), its instant.
    func completion(of key: String, records: TrackingRecords) -> Completion? {
        if let completion = records.completions[key] { return completion }
        return records.progress.completions[key].map { Completion(key: key, at: $0.epochSeconds()) }
    }
}
