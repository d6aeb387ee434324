import DondocCore
import Synchronization

/// Resolves the unit and group names written in the files, and says what is wrong with one
/// that does not resolve: unknown (with the nearest known name), or an entry that has errors.
struct UnitReferences {
    let units: UnitsFile
    /// The loaded units' ids and the groups' names, for lookups that do not grow with the registry.
    private let ids: Set<String>
    private let groups: Set<String>
    /// The nearest-name clause of each unknown name asked about, made once: a file that repeats a
    /// wrong name thousands of times must not compare it with every unit thousands of times.
    private let clauses = Clauses()

    init(units: UnitsFile) {
        self.units = units
        ids = Set(units.unitIDs)
        groups = Set(units.groups.map(\.name))
    }

    private final class Clauses: Sendable {
        private let made = Mutex<[String: String]>([:])

        func clause(_ key: String, _ make: () -> String) -> String {
            if let known = made.withLock({ $0[key] }) { return known }
            let clause = make()
            made.withLock { $0[key] = clause }
            return clause
        }
    }

    private var groupNames: [String] { units.groups.map(\.name) }

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
        if ids.contains(id) { return nil }
        if OrgChart.groupName(id) != nil { return Problem(.groupWhereUnit, "\(role) must be a unit, not a group: '\(id)'") }
        if let at = units.invalid[id] {
            return Problem(.unitWithErrors, "unit '\(id)' (\(role)) did not load: its entry in \(units.path) has errors (line \(at.line))")
        }
        return Problem(.unknownUnit,
                       "unknown unit '\(id)' in \(role)\(clauses.clause("unit " + id) { Suggestion.clause(for: id, in: units.unitIDs + groupNames.map { "group:\($0)" }) })")
    }

    /// `nil` when `reference` names a loaded unit or a group (`group:NAME`).
    func problem(unitOrGroup reference: String, role: String) -> Problem? {
        guard let group = OrgChart.groupName(reference) else {
            if ids.contains(reference) { return nil }
            if groups.contains(reference) {
                return Problem(.groupWithoutPrefix, "'\(reference)' is a group: write 'group:\(reference)'")
            }
            return problem(unit: reference, role: role)
        }
        if groups.contains(group) { return nil }
        return Problem(.unknownGroup, "unknown group '\(group)' in \(role)\(clauses.clause("group " + group) { Suggestion.clause(for: group, in: groupNames) })")
    }

    func check(unit reference: Located<String>, role: String, bag: DiagnosticBag) {
        problem(unit: reference.value, role: role)?.report(at: reference.location, in: bag)
    }

    func check(unitOrGroup reference: Located<String>, role: String, bag: DiagnosticBag) {
        problem(unitOrGroup: reference.value, role: role)?.report(at: reference.location, in: bag)
    }
}
