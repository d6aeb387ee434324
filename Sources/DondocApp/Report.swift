import DondocCore
import DondocLoader

/// Counts per report category (DESIGN §6.3, §6.5) per unit or per directive, over the
/// obligations due in a window: what `dondoc report`, the dashboard and `/api/v1/report` show.
public struct Report: Sendable, Hashable {
    public enum Grouping: String, Sendable, Hashable, CaseIterable {
        case unit, directive
    }

    /// The obligations of one category each.
    public struct Counts: Sendable, Hashable {
        public private(set) var doneOnTime = 0
        public private(set) var doneLate = 0
        public private(set) var openOnTime = 0
        public private(set) var openOverdue = 0

        public init() {}

        public subscript(category: ReportCategory) -> Int {
            switch category {
            case .doneOnTime: doneOnTime
            case .doneLate: doneLate
            case .openOnTime: openOnTime
            case .openOverdue: openOverdue
            }
        }

        mutating func count(_ category: ReportCategory) {
            switch category {
            case .doneOnTime: doneOnTime += 1
            case .doneLate: doneLate += 1
            case .openOnTime: openOnTime += 1
            case .openOverdue: openOverdue += 1
            }
        }

        public var total: Int { doneOnTime + doneLate + openOnTime + openOverdue }

        /// Done on time / all, or `nil` when there is nothing.
        public var onTimeShare: Double? { total == 0 ? nil : Double(doneOnTime) / Double(total) }

        /// The share done on time as Vietnamese writes it, `66,7%`; `-` when there is nothing.
        public var onTimePercent: String {
            guard let share = onTimeShare else { return "-" }
            let tenths = Int((share * 1000).rounded())
            return "\(tenths / 10),\(tenths % 10)%"
        }
        /// The share to four decimals, as the JSON of `dondoc report` and the API give it.
        public var roundedOnTimeShare: Double? { onTimeShare.map { ($0 * 10_000).rounded() / 10_000 } }
    }

    /// One unit or directive.
    public struct Row: Sendable, Hashable {
        /// The unit id or directive number.
        public let id: String
        /// The unit's name or the directive's title.
        public let name: String?
        public let counts: Counts
    }

    public let grouping: Grouping
    public let window: ClosedRange<CivilDate>
    /// By unit id or directive number; only those with an obligation in the window.
    public let rows: [Row]
    /// Every obligation counted.
    public let total: Counts

    /// Counts `tracked` (obligations due in `window`, as `WorkflowSet.tracked` lists them).
    public init(_ tracked: [TrackedObligation], by grouping: Grouping, window: ClosedRange<CivilDate>, workflows: WorkflowSet) {
        var counts: [String: Counts] = [:]
        var total = Counts()
        for item in tracked {
            let id = grouping == .unit ? item.obligation.unit : item.obligation.directive
            counts[id, default: Counts()].count(item.category)
            total.count(item.category)
        }
        self.grouping = grouping
        self.window = window
        self.total = total
        rows = counts.keys.sorted().map { id in
            let name = grouping == .unit ? workflows.org[id]?.name : workflows.directive(id)?.title
            return Row(id: id, name: name, counts: counts[id]!)
        }
    }

    /// The default window: the calendar year of `today`.
    public static func year(of today: CivilDate) -> ClosedRange<CivilDate> {
        CivilDate(year: today.year, month: 1, day: 1)!...CivilDate(year: today.year, month: 12, day: 31)!
    }

    /// The first and last due dates counted: without `from`, 1 January of the year of `to` (else
    /// of `today`); without `to`, 31 December of the year of `from` (else of `today`). Only
    /// when both are given can the last come before the first.
    public static func bounds(from: CivilDate?, to: CivilDate?, today: CivilDate) -> (from: CivilDate, to: CivilDate) {
        let year = year(of: from ?? to ?? today)
        return (from ?? year.lowerBound, to ?? year.upperBound)
    }

    /// The window `bounds` gives, or `nil` when `to` is before `from`.
    public static func window(from: CivilDate?, to: CivilDate?, today: CivilDate) -> ClosedRange<CivilDate>? {
        let (start, end) = bounds(from: from, to: to, today: today)
        return end < start ? nil : start...end
    }
}
