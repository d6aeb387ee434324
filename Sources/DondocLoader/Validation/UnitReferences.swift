import DondocCore

/// Resolves the unit and group names written in the files, and says what is wrong with one
/// that does not resolve: unknown (with the nearest known name), or an entry that has errors.
struct UnitReferences {
    let units: UnitsFile

    var ids: Set<String> { Set(units.unitIDs) }
    var groupNames: [String] { units.groups.map(\.name) }

    /// `nil` when `id` names a loaded unit; else the message for `role` (e.g. "lead", "parent").
    func problem(unit id: String, role: String) -> String? {
        if units.entries.contains(where: { $0.unit.id == id }) { return nil }
        if OrgChart.groupName(id) != nil { return "\(role) must be a unit, not a group: '\(id)'" }
        if let at = units.invalid[id] {
            return "unit '\(id)' (\(role)) did not load: its entry in \(units.path) has errors (line \(at.line))"
        }
        return "unknown unit '\(id)' in \(role)\(Suggestion.clause(for: id, in: units.unitIDs + groupNames.map { "group:\($0)" }))"
    }

    /// `nil` when `reference` names a loaded unit or a group (`group:NAME`).
    func problem(unitOrGroup reference: String, role: String) -> String? {
        guard let group = OrgChart.groupName(reference) else {
            if units.entries.contains(where: { $0.unit.id == reference }) { return nil }
            if units.groups.contains(where: { $0.name == reference }) {
                return "'\(reference)' is a group: write 'group:\(reference)'"
            }
            return problem(unit: reference, role: role)
        }
        if units.groups.contains(where: { $0.name == group }) { return nil }
        return "unknown group '\(group)' in \(role)\(Suggestion.clause(for: group, in: groupNames))"
    }

    func check(unit reference: Located<String>, role: String, bag: DiagnosticBag) {
        if let message = problem(unit: reference.value, role: role) { bag.error(reference.location, message) }
    }

    func check(unitOrGroup reference: Located<String>, role: String, bag: DiagnosticBag) {
        if let message = problem(unitOrGroup: reference.value, role: role) { bag.error(reference.location, message) }
    }
}
