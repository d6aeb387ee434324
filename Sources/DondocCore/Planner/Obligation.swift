/// One (directive, step, unit, period): the thing that is due, done, or late (DESIGN §1.3).
public struct Obligation: Hashable, Sendable {
    /// `33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026`; no period part for one-off steps.
    public let key: String
    public let directive: String
    public let step: String
    /// The unit that holds the obligation on its due date (a successor, if the unit named
    /// in the file had ceased to exist by then).
    public let unit: String
    /// The unit as the step's `lead:` named it.
    public let assignedUnit: String
    /// `false` when no unit in the successor chain exists on the due date: an administrator
    /// must reassign it.
    public let hasHolder: Bool
    public let period: Period?
    /// The data window of a report, or the calendar period of a yearly duty.
    public let window: ClosedRange<CivilDate>?
    public let deadline: Deadline
    /// Set when an extension (gia hạn) replaced the computed deadline.
    public let extended: Bool

    public static func key(directive: String, step: String, unit: String, period: Period?) -> String {
        let label = period?.description
        // Appended into one allocation: every obligation planned makes its key.
        var key = ""
        key.reserveCapacity(directive.utf8.count + step.utf8.count + unit.utf8.count + 3 + (label?.utf8.count ?? 0))
        key += directive
        key += "#"
        key += step
        key += "@"
        key += unit
        if let label {
            key += "/"
            key += label
        }
        return key
    }

    /// The parts of a key; `nil` when the text is not one.
    public static func parse(key: String) -> (directive: String, step: String, unit: String, period: Period?)? {
        guard let hash = key.lastIndex(of: "#"), let at = key[hash...].firstIndex(of: "@") else { return nil }
        let directive = String(key[..<hash])
        let step = String(key[key.index(after: hash)..<at])
        let rest = key[key.index(after: at)...]
        var unit = String(rest)
        var period: Period?
        if let slash = rest.firstIndex(of: "/") {
            guard let p = Period(label: rest[rest.index(after: slash)...]) else { return nil }
            unit = String(rest[..<slash])
            period = p
        }
        guard !directive.isEmpty, !step.isEmpty, !unit.isEmpty else { return nil }
        return (directive, step, unit, period)
    }
}

/// What staff have recorded: completions and extensions, by obligation key.
public struct Progress: Sendable {
    /// When each obligation was marked done: what reports and `step ID done` anchors use.
    public var completions: [String: LocalDateTime]
    /// The new due date of each extended obligation.
    public var extensions: [String: CivilDate]

    public init(completions: [String: LocalDateTime] = [:], extensions: [String: CivilDate] = [:]) {
        self.completions = completions
        self.extensions = extensions
    }

    public static let none = Progress()

    /// Whether a completion is recorded for the obligation. Nothing more goes out for it from
    /// then on, whatever instant the completion carries (DESIGN §3): a completion dated after a
    /// notification's instant (`done --at` ahead of the daemon's clock, a node whose clock is
    /// ahead, a drill on a simulated clock) stops it as surely as one dated before.
    public func isDone(_ key: String) -> Bool {
        completions[key] != nil
    }

    /// Whether the notification with this key (as in `X-Dondoc-Keys`) belongs to an obligation
    /// that is done.
    public func isDone(notificationKey: String) -> Bool {
        Notification.obligationKey(ofNotificationKey: notificationKey).map { isDone($0) } ?? false
    }
}
