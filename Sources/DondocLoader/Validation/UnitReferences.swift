import DondocCore

/// Resolves the unit and group names written in the files, and says what is wrong with one
/// that does not resolve: unknown (with the nearest known name), or an entry that has errors.
struct UnitReferences {
    let units: UnitsFile

    var ids: Set<String> { Set(units.unitIDs) }
    var groupNames: [String] { units.groups.map(\.name) }

    /// What is wrong with a reference: its kind and the message.
    struct Problem {
        let code: DiagnosticCode
        let message: String

        init(_ code: DiagnosticCode, _ message: String) {
            self.code = code
            self.message = message
        }

        func report(at location: SourceLocation, in bag: DiagnosticBag) { bag.error(code, location, message) }
    }

    /// `nil` when `id` names a loaded unit; else the problem for `role` (e.g. "lead", "parent").
    func problem(unit id: String, role: String) -> Problem? {
        if units.entries.contains(where: { $0.unit.id == id }) { return nil }
        if OrgChart.groupName(id) != nil { return Problem(.groupWhereUnit, "\(role) must be a unit, not a group: '\(id)'") }
        if let at = units.invalid[id] {
            return Problem(.unitWithErrors, "unit '\(id)' (\(role)) did not load: its entry in \(units.path) has errors (line \(at.line))")
        }
        return Problem(.unknownUnit,
                       "unknown unit '\(id)' in \(role)\(Suggestion.clause(for: id, in: units.unitIDs + groupNames.map { "group:\($0)" }))")
    }

    /// `nil` when `reference` names a loaded unit or a group (`group:NAME`).
    func problem(unitOrGroup reference: String, role: String) -> Problem? {
        guard let group = OrgChart.groupName(reference) else {
            if units.entries.contains(where: { $0.unit.id == reference }) { return nil }
            if units.groups.contains(where: { $0.name == reference }) {
                return Problem(.groupWithoutPrefix, "'\(reference)' is a group: write 'group:\(reference)'")
            }
            return problem(unit: reference, role: role)
        }
        if units.groups.contains(where: { $0.name == group }) { return nil }
        return Problem(.unknownGroup, "unknown group '\(group)' in \(role)\(Suggestion.clause(for: group, in: groupNames))")
    }

    func check(unit reference: Located<String>, role: String, bag: DiagnosticBag) {
        problem(unit: reference.value, role: role)?.report(at: reference.location, in: bag)
    }

    func check(unitOrGroup reference: Located<String>, role: String, bag: DiagnosticBag) {
        problem(unitOrGroup: reference.value, role: role)?.report(at: reference.location, in: bag)
    }
}
