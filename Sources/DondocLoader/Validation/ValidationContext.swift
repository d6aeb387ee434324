import DondocCore

/// What the cross-file checks see: the files as read, the org chart and calendar built from
/// them, and the day the check runs (for the checks that depend on it).
struct ValidationContext {
    let bag: DiagnosticBag
    /// `nil` when `units.yaml` could not be read at all: unit references are then not checked
    /// (one clear error instead of one per reference).
    let units: UnitsFile?
    let org: OrgChart
    let directives: [DirectiveDraft]
    let calendar: WorkCalendar
    let today: CivilDate?
    let references: UnitReferences?
    /// The index in `directives` of the first directive carrying each (normalised) number.
    private let byNumber: [String: Int]

    /// What a context holds but the bag and the directives: made once per load, and handed to
    /// other threads too, where each directive is checked alone (`DirectiveFiles.OwnChecks`).
    struct Shared: Sendable {
        let units: UnitsFile?
        let org: OrgChart
        let calendar: WorkCalendar
        let today: CivilDate?
        let references: UnitReferences?

        init(units: UnitsFile?, org: OrgChart, calendar: WorkCalendar, today: CivilDate?) {
            self.units = units
            self.org = org
            self.calendar = calendar
            self.today = today
            references = units.map(UnitReferences.init)
        }

        /// A context of `directive` alone, with a bag of its own.
        func alone(with directive: DirectiveDraft) -> ValidationContext {
            ValidationContext(bag: DiagnosticBag(), shared: self, directives: [directive])
        }
    }

    init(bag: DiagnosticBag, shared: Shared, directives: [DirectiveDraft]) {
        self.bag = bag
        units = shared.units
        org = shared.org
        self.directives = directives
        calendar = shared.calendar
        today = shared.today
        references = shared.references
        var byNumber: [String: Int] = [:]
        byNumber.reserveCapacity(directives.count)
        for index in directives.indices {
            if let number = directives[index].normalizedNumber, byNumber[number] == nil { byNumber[number] = index }
        }
        self.byNumber = byNumber
    }

    var calculator: DeadlineCalculator { DeadlineCalculator(calendar: calendar) }

    /// The directive that carries `number` (normalised), in file order.
    func directive(numbered number: String) -> DirectiveDraft? {
        byNumber[Directive.normalize(number: number)].map { directives[$0] }
    }

    /// `unit`'s parent, grandparent, …: bounded, though the loaded chart has no cycles.
    func ancestors(of unit: String) -> [String] {
        var result: [String] = []
        var current = org[unit]?.parent
        while let id = current, result.count <= org.units.count, !result.contains(id) {
            result.append(id)
            current = org[id]?.parent
        }
        return result
    }
}
