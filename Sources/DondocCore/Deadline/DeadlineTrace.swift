/// How one deadline was reached, step by step, as the deadline code computed it: what
/// `dondoc explain` shows. The calculator and the planner record into it only when given
/// one; without it they compute exactly the same, recording nothing.
public final class DeadlineTrace {
    /// What a count or a rest-day rule counted from.
    public enum Anchor: Sendable, Hashable {
        /// The directive's `issued` date.
        case issued(CivilDate)
        /// Another step's due date (`step ID`): for each unit of that step considered, its
        /// due date, the latest of which is taken (one unit: that unit's).
        case stepDue(step: String, units: [AnchorUnit], date: CivilDate)
        /// Another step's completion (`step ID done`): each unit's completion, the latest taken.
        case stepDone(step: String, units: [AnchorUnit], date: CivilDate)
    }

    public struct AnchorUnit: Sendable, Hashable {
        public let unit: String
        /// The obligation key of the anchor step for that unit.
        public let key: String
        public let date: CivilDate?
    }

    /// One step of the computation.
    public enum Step: Sendable, Hashable {
        /// The date an `after` expression counts from.
        case anchor(Anchor)
        /// `n` units after `from`, not counting `from` (Civil Code Art. 147): ends on `to`;
        /// `passed` are the days a count of working days stepped over, `worked` the Saturdays
        /// and Sundays it counted (worked by a notice).
        case count(n: Int, unit: DueExpression.DurationUnit, from: CivilDate, to: CivilDate, passed: [CivilDate], worked: [CivilDate])
        /// A date the expression names (`by`, `before`, `in`), or a recurring expression's date
        /// for one period, with its data window when it has one.
        case named(DueExpression, period: Period?, window: ClosedRange<CivilDate>?, nominal: CivilDate)
        /// The rest-day rule from the nominal date to the due date, over the days `passed`.
        case restDay(RestDayPolicy, nominal: CivilDate, dueDate: CivilDate, passed: [CivilDate])
        /// The last working day on or before the nominal date, which reminders aim at.
        case target(nominal: CivilDate, targetDate: CivilDate, passed: [CivilDate])
    }

    public private(set) var steps: [Step] = []

    public init() {}

    func record(_ step: Step) { steps.append(step) }

    /// A collector of the days a calendar walk passes, for the next step recorded.
    final class Days {
        var list: [CivilDate] = []
        func add(_ day: CivilDate) { list.append(day) }
    }
}
