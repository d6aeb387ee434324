/// The notifications due in a window, in order, made as they are taken (`Planner.stream(in:)`).
///
/// The obligations that can notify in the window are listed first, by due date (cheap: no
/// notifications yet). Walking them in that order (their ordinal), each one's notifications
/// are queued on the key `(minute, rank, ordinal, rule)`; a minute's notifications go out once
/// it is earlier than anything the obligations still to come could send: a reminder precedes
/// its due date by at most the longest reminder lead, and an escalation follows it. Only the
/// notifications of a few weeks of obligations are held at a time, and each obligation once,
/// shared by its notifications.
public struct NotificationStream: Sequence, IteratorProtocol {
    private let planner: Planner
    private let window: ClosedRange<LocalDateTime>
    private let progress: Progress
    private let lead: Int
    private let obligations: [Planner.Placed]
    private let directives: [Directive]
    /// Per directive, per step: its rules, made when its first obligation comes.
    private var rules: [[StepRules?]]
    private var nextObligation = 0
    private var queue = NotificationQueue()

    init(planner: Planner, window: ClosedRange<LocalDateTime>, progress: Progress) {
        let (lead, lag) = planner.reach
        // A reminder precedes its due date and an escalation follows it: widen the due window
        // by the longest offsets, in calendar days with room for the longest run of days off.
        let dates = window.lowerBound.date.adding(days: -lag)...window.upperBound.date.adding(days: lead)
        (obligations, directives) = planner.placed(due: dates, progress: progress)
        self.planner = planner
        self.window = window
        self.progress = progress
        self.lead = lead
        rules = directives.map { [StepRules?](repeating: nil, count: $0.steps.count) }
    }

    public mutating func next() -> Notification? {
        while nextObligation < obligations.count {
            // Nothing the obligations still to come send is earlier than this.
            let due = obligations[nextObligation].obligation.value.deadline.dueDate
            let earliest = LocalDateTime(date: due.adding(days: -lead)).minutesSinceEpoch
            if let first = queue.firstMinute, first < earliest { return queue.popFirst() }
            add(obligations[nextObligation])
            nextObligation += 1
        }
        return queue.popFirst()
    }

    private mutating func add(_ placed: Planner.Placed) {
        // A done obligation sends nothing more (DESIGN §3): skip it before making its notifications.
        guard !progress.isDone(placed.obligation.value.key) else { return }
        let directive = directives[placed.directive]
        let step = directive.steps[placed.step]
        let stepRules: StepRules
        if let known = rules[placed.directive][placed.step] {
            stepRules = known
        } else {
            stepRules = StepRules(directive: directive, step: step, org: planner.org)
            rules[placed.directive][placed.step] = stepRules
        }
        for notification in planner.notifications(for: placed.obligation, directive: directive, step: step, rules: stepRules)
        where window.contains(notification.at) {
            queue.insert(notification)
        }
    }
}

/// The notifications waiting to go out, by minute: a min-heap of the minutes, and for each
/// minute its reminders and its escalations in the order they came. The stream adds
/// obligations in order and each obligation's rules in order, so that order is already
/// `(ordinal, rule)`: each minute comes out sorted on `(rank, ordinal, rule)` without a
/// comparison. A minute is taken only once nothing more can join it.
struct NotificationQueue {
    private var minutes: [Int] = []
    private var byMinute: [Int: (reminders: [Notification?], escalations: [Notification?])] = [:]
    /// What is being taken (a minute's reminders, then its escalations), and how far.
    private var taking: [Notification?] = []
    private var taken = 0
    private var escalationsNext: [Notification?] = []

    /// When the next notification goes out.
    var firstMinute: Int? {
        if taken < taking.count { return taking[taken]?.at.minutesSinceEpoch }
        if let next = escalationsNext.first { return next?.at.minutesSinceEpoch }
        return minutes.first
    }

    mutating func insert(_ notification: consuming Notification) {
        let minute = notification.at.minutesSinceEpoch
        if byMinute[minute] == nil {
            byMinute[minute] = ([], [])
            push(minute)
        }
        switch notification.kind {
        case .reminder: byMinute[minute]!.reminders.append(notification)
        case .escalation: byMinute[minute]!.escalations.append(notification)
        }
    }

    mutating func popFirst() -> Notification? {
        while taken == taking.count {
            if !escalationsNext.isEmpty {
                taking = escalationsNext
                escalationsNext = []
            } else {
                guard let minute = popMinute(), let waiting = byMinute.removeValue(forKey: minute) else { return nil }
                taking = waiting.reminders
                escalationsNext = waiting.escalations
            }
            taken = 0
        }
        defer { taken += 1 }
        return taking[taken].take()
    }

    private mutating func push(_ minute: Int) {
        minutes.append(minute)
        var child = minutes.count - 1
        while child > 0, minutes[child] < minutes[(child - 1) / 2] {
            minutes.swapAt(child, (child - 1) / 2)
            child = (child - 1) / 2
        }
    }

    private mutating func popMinute() -> Int? {
        guard let first = minutes.first else { return nil }
        let last = minutes.removeLast()
        if !minutes.isEmpty {
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < minutes.count else { break }
                let child = left + 1 < minutes.count && minutes[left + 1] < minutes[left] ? left + 1 : left
                guard minutes[child] < last else { break }
                minutes[parent] = minutes[child]
                parent = child
            }
            minutes[parent] = last
        }
        return first
    }
}
