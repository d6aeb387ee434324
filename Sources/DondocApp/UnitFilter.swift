import DondocCore

/// A unit id or `group:NAME` that the org chart does not know.
public struct UnknownUnitError: Error, Sendable, Hashable, CustomStringConvertible {
    public let unit: String

    public var description: String { "no unit or group '\(unit)'" }
}

/// Only the obligations of one unit, or of a group's units: those the unit holds, or that were
/// assigned to it before a successor took over.
public struct UnitFilter: Sendable {
    public let unit: String
    let wanted: Set<String>

    /// A unit or group that the workflows do not name is an error, not an empty list.
    public init(unit: String, org: OrgChart) throws(UnknownUnitError) {
        let known = OrgChart.groupName(unit).map { org.groups[$0] != nil } ?? (org[unit] != nil)
        guard known else { throw UnknownUnitError(unit: unit) }
        let wanted = Set(org.expand([unit]))
        self.unit = unit
        self.wanted = wanted
    }

    /// What the planner needs to plan only for these units; it admits more than the units'
    /// own obligations, which `includes` then picks.
    var scope: PlanScope { PlanScope(units: wanted) }

    public func includes(_ obligation: Obligation) -> Bool {
        wanted.contains(obligation.unit) || wanted.contains(obligation.assignedUnit)
    }
}

extension Planner {
    /// The obligations due in `dates`, only `unit`'s when a filter is given, planned for that
    /// unit alone: a unit's listing costs its own deadlines, not the installation's.
    public func obligations(due dates: ClosedRange<CivilDate>, progress: Progress = .none, unit: UnitFilter?) -> [Obligation] {
        guard let unit else { return obligations(due: dates, progress: progress) }
        return obligations(due: dates, progress: progress, scope: unit.scope).filter(unit.includes)
    }
}
