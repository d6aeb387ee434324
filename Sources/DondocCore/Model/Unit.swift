/// A body in the org chart (DESIGN §1.2): a ministry, a People's Committee, a Party board.
public struct Unit: Hashable, Sendable {
    public struct Head: Hashable, Sendable {
        public var title: String
        public var email: String?
        public init(title: String, email: String?) {
            self.title = title
            self.email = email
        }
    }

    public var id: String
    public var name: String
    public var email: String?
    public var head: Head?
    public var parent: String?
    public var validFrom: CivilDate?
    public var validUntil: CivilDate?
    /// Where open obligations go once this unit has ceased to exist.
    public var successor: String?

    public init(
        id: String, name: String, email: String? = nil, head: Head? = nil, parent: String? = nil,
        validFrom: CivilDate? = nil, validUntil: CivilDate? = nil, successor: String? = nil
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.head = head
        self.parent = parent
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.successor = successor
    }

    public func exists(on date: CivilDate) -> Bool {
        if let from = validFrom, date < from { return false }
        if let until = validUntil, date > until { return false }
        return true
    }

    /// Whether the unit owes a deadline due on `due` for a period that starts on `start`
    /// (`nil` for a one-off step): the span from the period's start to the due date meets the
    /// unit's validity. A unit owes nothing due before it existed, nor any period that starts
    /// after it ceased; a period that starts while it exists is its own, even when due after it
    /// ceased (its successor then holds it).
    public func owes(periodStart start: CivilDate?, due: CivilDate) -> Bool {
        if let from = validFrom, due < from { return false }
        if let until = validUntil, min(start ?? due, due) > until { return false }
        return true
    }
}

/// The unit registry: units by id and named groups of units.
public struct OrgChart: Sendable {
    public private(set) var units: [String: Unit]
    /// Group name → members as written (unit ids, or `group:NAME`).
    public private(set) var groups: [String: [String]]
    /// Each group's members expanded, made once: a step's `lead:` is expanded on every plan,
    /// and a page of `dondoc web` plans one step.
    private let expandedGroups: [String: [String]]
    /// `successor:` by unit id, for walking chains without copying units.
    private let successors: [String: String]

    public init(units: [Unit] = [], groups: [String: [String]] = [:]) {
        var byID: [String: Unit] = [:]
        for unit in units { byID[unit.id] = unit }
        self.units = byID
        self.groups = groups
        var expanded: [String: [String]] = [:]
        for name in groups.keys { expanded[name] = OrgChart.expand(["group:" + name], units: byID, groups: groups) }
        self.expandedGroups = expanded
        self.successors = byID.compactMapValues(\.successor)
    }

    public subscript(id: String) -> Unit? { units[id] }

    /// Unit ids named by a `lead:`/`support:` list, groups expanded (recursively, each unit
    /// once, in order of first mention). Unknown names are skipped: the loader reports them.
    public func expand(_ references: [String]) -> [String] {
        if references.count == 1, let group = OrgChart.groupName(references[0]), let members = expandedGroups[group] {
            return members
        }
        return OrgChart.expand(references, units: units, groups: groups)
    }

    private static func expand(_ references: [String], units: [String: Unit], groups: [String: [String]]) -> [String] {
        var seen = Set<String>()
        var visiting = Set<String>()
        var result: [String] = []
        func visit(_ reference: String) {
            if let group = OrgChart.groupName(reference) {
                guard let members = groups[group], visiting.insert(group).inserted else { return }
                members.forEach(visit)
                visiting.remove(group)
            } else if units.index(forKey: reference) != nil, seen.insert(reference).inserted {
                result.append(reference)
            }
        }
        references.forEach(visit)
        return result
    }

    /// `NAME` for a reference written `group:NAME`.
    public static func groupName(_ reference: String) -> String? {
        reference.hasPrefix("group:") ? String(reference.dropFirst("group:".count)) : nil
    }

    /// `id` and the units that succeed it, in order (each once).
    public func successorChain(of id: String) -> [String] {
        var chain: [String] = []
        var current: String? = id
        while let unit = current, !chain.contains(unit), chain.count <= units.count {
            chain.append(unit)
            current = successors[unit]
        }
        return chain
    }

    /// Whether an obligation assigned to `id` may be held by one of `units`: `id` is one of them,
    /// or one of them is on its successor chain. (Walks the chain without building it: a scoped
    /// plan asks this of every lead of a step.)
    public func mayPass(_ id: String, to units: Set<String>) -> Bool {
        var current = id
        for _ in 0...self.units.count {
            if units.contains(current) { return true }
            guard let next = successors[current], next != id else { return false }
            current = next
        }
        return false
    }

    /// The unit that holds `id`'s obligations on `date`: itself while it exists, else its
    /// successor chain; `nil` when the chain ends without a unit that exists then.
    public func holder(of id: String, on date: CivilDate) -> Unit? {
        var current = units[id]
        var hops = 0
        while let unit = current, hops <= units.count {
            if unit.exists(on: date) { return unit }
            guard let next = unit.successor else { return nil }
            current = units[next]
            hops += 1
        }
        return nil
    }
}
