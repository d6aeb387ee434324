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

    var calculator: DeadlineCalculator { DeadlineCalculator(calendar: calendar) }
    var references: UnitReferences? { units.map(UnitReferences.init) }

    /// The directive that carries `number` (normalised), in file order.
    func directive(numbered number: String) -> DirectiveDraft? {
        let normalized = Directive.normalize(number: number)
        return directives.first { $0.normalizedNumber == normalized }
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
