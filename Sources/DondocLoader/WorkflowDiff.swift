import DondocCore

/// What a change to the workflow files does to the obligations due in a window: which it adds,
/// which it removes and whose deadline it moves (`dondoc check --diff OLD_DIR`). Both sides are
/// planned by the same planner, with nothing recorded as done.
public struct WorkflowDiff: Sendable {
    public enum Change: String, Sendable {
        case added, removed, moved
    }

    public struct Entry: Sendable, Hashable {
        public let change: Change
        public let key: String
        public let directive: String
        public let step: String
        public let unit: String
        public let period: Period?
        /// The due date before the change (`nil` for an added obligation).
        public let oldDue: CivilDate?
        /// The due date after the change (`nil` for a removed one).
        public let newDue: CivilDate?
    }

    public let window: ClosedRange<CivilDate>
    /// In the planner's order of the new side (due date, directive, step, unit), removed ones by
    /// their old due date among them.
    public let entries: [Entry]

    /// An obligation whose deadline moves across the window's edge is a move, not a removal and
    /// an addition: both sides are planned this much further on each side, and an entry is kept
    /// when its old or its new due date lies in the window.
    static let margin = 366

    public init(old: WorkflowSet, new: WorkflowSet, window: ClosedRange<CivilDate>) {
        self.window = window
        let wide = window.lowerBound.adding(days: -WorkflowDiff.margin)...window.upperBound.adding(days: WorkflowDiff.margin)
        let before = old.planner().obligations(due: wide)
        let after = new.planner().obligations(due: wide)
        let oldByKey = Dictionary(before.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let newKeys = Set(after.map(\.key))
        var entries: [(CivilDate, Entry)] = []
        for obligation in after {
            let newDue = obligation.deadline.dueDate
            let oldDue = oldByKey[obligation.key]?.deadline.dueDate
            guard window.contains(newDue) || oldDue.map(window.contains) == true else { continue }
            if oldDue == newDue { continue }
            entries.append((newDue, Entry(obligation, change: oldDue == nil ? .added : .moved, oldDue: oldDue, newDue: newDue)))
        }
        for obligation in before where !newKeys.contains(obligation.key) && window.contains(obligation.deadline.dueDate) {
            entries.append((obligation.deadline.dueDate, Entry(obligation, change: .removed, oldDue: obligation.deadline.dueDate, newDue: nil)))
        }
        // Stable: the planner's order within a day, removals after the others of their day.
        self.entries = entries.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
    }

    public func count(_ change: Change) -> Int { entries.filter { $0.change == change }.count }
}

extension WorkflowDiff.Entry {
    init(_ obligation: Obligation, change: WorkflowDiff.Change, oldDue: CivilDate?, newDue: CivilDate?) {
        self.init(change: change, key: obligation.key, directive: obligation.directive, step: obligation.step,
                  unit: obligation.unit, period: obligation.period, oldDue: oldDue, newDue: newDue)
    }
}
