import DondocCore

/// The links inside `units.yaml`: parents, successors and group members must name units that
/// loaded, and none may form a cycle. A link reported here is cut, so that the org chart the
/// daemon walks is always finite.
enum UnitGraphChecks {
    static func run(_ units: inout UnitsFile, bag: DiagnosticBag) {
        let references = UnitReferences(units: units)
        checkLinks(\.parent, role: "parent", units: &units, references: references, bag: bag)
        checkLinks(\.successor, role: "successor", units: &units, references: references, bag: bag)
        checkCycles(\.parent, role: "parent", units: &units, bag: bag)
        checkCycles(\.successor, role: "successor", units: &units, bag: bag)
        checkGroupMembers(&units, references: references, bag: bag)
        checkGroupCycles(&units, bag: bag)
    }

    private static func checkLinks(_ link: WritableKeyPath<UnitsFile.Entry, Located<String>?>, role: String,
                                   units: inout UnitsFile, references: UnitReferences, bag: DiagnosticBag) {
        for index in units.entries.indices {
            guard let target = units.entries[index][keyPath: link] else { continue }
            if let problem = references.problem(unit: target.value, role: role) {
                problem.report(at: target.location, in: bag)
                cut(link, of: index, in: &units)
            }
        }
    }

    private static func checkCycles(_ link: WritableKeyPath<UnitsFile.Entry, Located<String>?>, role: String,
                                    units: inout UnitsFile, bag: DiagnosticBag) {
        let snapshot = units
        // The first entry of each id, as everywhere else.
        var targets: [String: [String]] = [:]
        for entry in snapshot.entries where targets[entry.unit.id] == nil {
            targets[entry.unit.id] = entry[keyPath: link].map { [$0.value] } ?? []
        }
        let cycles = Cycles.find(nodes: snapshot.unitIDs) { id in targets[id] ?? [] }
        for cycle in cycles {
            guard let index = units.entries.firstIndex(where: { $0.unit.id == cycle.from }),
                  let target = units.entries[index][keyPath: link] else { continue }
            bag.error(.unitCycle, target.location, "\(role) links form a cycle: \(cycle.description)")
            cut(link, of: index, in: &units)
        }
    }

    private static func cut(_ link: WritableKeyPath<UnitsFile.Entry, Located<String>?>, of index: Int, in units: inout UnitsFile) {
        units.entries[index][keyPath: link] = nil
        if link == \UnitsFile.Entry.parent { units.entries[index].unit.parent = nil }
        if link == \UnitsFile.Entry.successor { units.entries[index].unit.successor = nil }
    }

    private static func checkGroupMembers(_ units: inout UnitsFile, references: UnitReferences, bag: DiagnosticBag) {
        for index in units.groups.indices {
            let group = units.groups[index]
            units.groups[index].members = group.members.filter { member in
                guard let problem = references.problem(unitOrGroup: member.value, role: "group '\(group.name)'") else { return true }
                problem.report(at: member.location, in: bag)
                return false
            }
        }
    }

    private static func checkGroupCycles(_ units: inout UnitsFile, bag: DiagnosticBag) {
        let snapshot = units
        var members: [String: [String]] = [:]
        for group in snapshot.groups where members[group.name] == nil {
            members[group.name] = group.members.map { OrgChart.groupName($0.value) ?? "" }
        }
        func subgroups(_ name: String) -> [String] { members[name] ?? [] }
        for cycle in Cycles.find(nodes: snapshot.groups.map(\.name), edges: subgroups) {
            guard let index = units.groups.firstIndex(where: { $0.name == cycle.from }) else { continue }
            let member = snapshot.groups[index].members[cycle.edgeIndex]
            bag.error(.groupCycle, member.location, "groups form a cycle: \(cycle.description)")
            units.groups[index].members.removeAll { $0.location == member.location }
        }
    }
}
