/// A parsed `due:` expression (DESIGN §2.1).
public enum DueExpression: Hashable, Sendable {
    /// What an `after` expression counts from.
    public enum Anchor: Hashable, Sendable, CustomStringConvertible {
        /// The directive's `issued` date.
        case issued
        /// That step's due date for the same unit and period.
        case step(String)
        /// The day that step was completed: the deadline exists only after completion.
        case stepDone(String)

        public var stepID: String? {
            switch self {
            case .issued: nil
            case .step(let id), .stepDone(let id): id
            }
        }

        public var description: String {
            switch self {
            case .issued: "issued"
            case .step(let id): "step \(id)"
            case .stepDone(let id): "step \(id) done"
            }
        }
    }

    public enum DurationUnit: String, Hashable, Sendable {
        case days, workingDays = "working days", weeks, months, years
    }

    /// The cadence of a periodic report (Decree 09/2019/NĐ-CP Art. 12).
    public enum Cadence: String, Hashable, Sendable, CaseIterable {
        case monthly, quarterly
        case halfYearly = "half-yearly"
        case yearly
    }

    /// Once a year, from `from:` to `until:`.
    public enum Yearly: Hashable, Sendable {
        /// `yearly before MM-DD`: strictly before that day.
        case before(month: Int, day: Int)
        /// `yearly by MM-DD`: on or before that day.
        case by(month: Int, day: Int)
        /// `yearly in MM`: within that month.
        case within(month: Int)
    }

    /// `2021-12-31`, `by 2021-12-31`.
    case on(CivilDate)
    /// `before 2021-12-15`: due the day before.
    case before(CivilDate)
    /// `in 2021-12`, `in 2026-Q1`, `in 2026-H1`, `in 2026`: due the window's last day.
    case within(Period)
    /// `N days|working days|weeks|months|years after ANCHOR`.
    case after(Int, DurationUnit, Anchor)
    case yearly(Yearly)
    /// `monthly on D`, `quarterly on D`, `half-yearly on D`, `yearly on MM-DD`: a periodic report,
    /// due on that day of the period's last month (`month` is set for yearly reports only).
    case report(Cadence, month: Int?, day: Int)
    /// `periodic` ("định kỳ") with no cadence: parses, but never validates.
    case periodic

    /// Whether the expression makes one obligation per period rather than one in all.
    public var isRecurring: Bool {
        switch self {
        case .yearly, .report, .periodic: true
        case .on, .before, .within, .after: false
        }
    }

    public var anchor: Anchor? {
        if case .after(_, _, let anchor) = self { return anchor }
        return nil
    }
}

extension DueExpression: CustomStringConvertible {
    /// The canonical English spelling, which parses back to the same expression.
    public var description: String {
        func md(_ m: Int, _ d: Int) -> String { "\(CivilDate.pad(m, 2))-\(CivilDate.pad(d, 2))" }
        switch self {
        case .on(let date): return "by \(date)"
        case .before(let date): return "before \(date)"
        case .within(let period): return "in \(period)"
        case .after(let n, let unit, let anchor):
            let singular = n == 1 ? String(unit.rawValue.dropLast()) : unit.rawValue
            return "\(n) \(singular) after \(anchor)"
        case .yearly(.before(let m, let d)): return "yearly before \(md(m, d))"
        case .yearly(.by(let m, let d)): return "yearly by \(md(m, d))"
        case .yearly(.within(let m)): return "yearly in \(CivilDate.pad(m, 2))"
        case .report(.yearly, let month, let day): return "yearly on \(md(month ?? 12, day))"
        case .report(let cadence, _, let day): return "\(cadence.rawValue) on \(day)"
        case .periodic: return "periodic"
        }
    }
}
