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
        Term(from: validFrom, until: validUntil).owes(periodStart: start, due: due)
    }

    /// The unit as it owes a step's deadlines when it is a member of the step's group only for
    /// `term`: its validity narrowed to the term (its succession unchanged).
    public func serving(_ term: Term?) -> Unit {
        guard let term else { return self }
        var unit = self
        let narrowed = Term(from: validFrom, until: validUntil).intersection(term)
        unit.validFrom = narrowed.from
        unit.validUntil = narrowed.until
        return unit
    }
}

/// A span of days, either end open: a unit's validity, or the time a group lists a unit
/// (`- { unit: ID, from: DATE, until: DATE }` in `units.yaml`, DESIGN §1.2).
public struct Term: Hashable, Sendable {
    public var from: CivilDate?
    public var until: CivilDate?

    public init(from: CivilDate? = nil, until: CivilDate? = nil) {
        self.from = from
        self.until = until
    }

    /// Whether a deadline due on `due` for a period that starts on `start` (`nil` for a one-off
    /// step) falls to the term: the span from the period's start to the due date meets it.
    public func owes(periodStart start: CivilDate?, due: CivilDate) -> Bool {
        if let from, due < from { return false }
        if let until, min(start ?? due, due) > until { return false }
        return true
    }

    /// The days both terms hold (possibly none: `from` after `until`).
    public func intersection(_ other: Term) -> Term {
        Term(from: [from, other.from].compactMap { $0 }.max(), until: [until, other.until].compactMap { $0 }.min())
    }

    /// The least term that holds both (a unit a group reaches along two paths).
    func hull(_ other: Term) -> Term {
        Term(from: from.flatMap { a in other.from.map { min(a, $0) } }, until: until.flatMap { a in other.until.map { max(a, $0) } })
    }
}

/// One entry of a group: a unit id or `group:NAME`, and the term it is listed for (none: always).
public struct GroupMember: Hashable, Sendable {
    public var reference: String
    public var term: Term?

    public init(_ reference: String, term: Term? = nil) {
        self.reference = reference
        self.term = term
    }
}

/// The unit registry: units by id and named groups of units.
public struct OrgChart: Sendable {
    public private(set) var units: [String: Unit]
    /// Group name → members as written (unit ids, or `group:NAME`).
    public private(set) var groups: [String: [String]]
    /// Group name → its entries with the terms they are listed for.
    private let memberships: [String: [GroupMember]]
    /// Each group expanded, made once: a step's `lead:` is expanded on every plan, and a page of
    /// `dondoc web` plans one step.
    private let expandedGroups: [String: Expansion]
    /// `successor:` by unit id, for walking chains without copying units.
    private let successors: [String: String]

    /// A `lead:`/`support:` list expanded: unit ids in order of first mention, and the term of
    /// each unit that its groups list only for a time.
    public struct Expansion: Sendable {
        public fileprivate(set) var ids: [String] = []
        fileprivate var terms: [String: Term] = [:]

        /// The term for which the list names `id`: `nil` when some mention of it holds always
        /// (named directly, or by groups none of which lists it for a time only), else the least
        /// term that holds every path to it (each group's term along a path narrowing it).
        public func term(of id: String) -> Term? { terms[id] }
    }

    public init(units: [Unit] = [], groups: [String: [String]] = [:]) {
        self.init(units: units, memberships: groups.mapValues { $0.map { GroupMember($0) } })
    }

    public init(units: [Unit] = [], memberships: [String: [GroupMember]]) {
        var byID: [String: Unit] = [:]
        for unit in units { byID[unit.id] = unit }
        self.units = byID
        self.groups = memberships.mapValues { $0.map(\.reference) }
        self.memberships = memberships
        var expanded: [String: Expansion] = [:]
        for name in memberships.keys { expanded[name] = OrgChart.expand(["group:" + name], units: byID, memberships: memberships) }
        self.expandedGroups = expanded
        self.successors = byID.compactMapValues(\.successor)
    }

    public subscript(id: String) -> Unit? { units[id] }

    /// Unit ids named by a `lead:`/`support:` list, groups expanded (recursively, each unit
    /// once, in order of first mention). Unknown names are skipped: the loader reports them.
    public func expand(_ references: [String]) -> [String] {
        expansion(of: references).ids
    }

    /// `references` expanded with the terms of their members (`Expansion.term(of:)`): made once
    /// per list, then asked for each unit.
    public func expansion(of references: [String]) -> Expansion {
        if references.count == 1, let group = OrgChart.groupName(references[0]), let expanded = expandedGroups[group] {
            return expanded
        }
        // A short list of units and no group (most steps: two to four leads): nothing to walk.
        if references.count <= 16, !references.contains(where: { OrgChart.groupName($0) != nil }) {
            var result = Expansion()
            for reference in references where units.index(forKey: reference) != nil && !result.ids.contains(reference) {
                result.ids.append(reference)
            }
            return result
        }
        return OrgChart.expand(references, units: units, memberships: memberships)
    }

    private static func expand(_ references: [String], units: [String: Unit], memberships: [String: [GroupMember]]) -> Expansion {
        var result = Expansion()
        var seen = Set<String>()
        var always = Set<String>()
        var visiting = Set<String>()
        func visit(_ reference: String, _ term: Term?) {
            if let group = OrgChart.groupName(reference) {
                guard let members = memberships[group], visiting.insert(group).inserted else { return }
                for member in members {
                    let narrowed: Term? = switch (term, member.term) {
                    case (nil, let inner): inner
                    case (let outer?, nil): outer
                    case (let outer?, let inner?): outer.intersection(inner)
                    }
                    visit(member.reference, narrowed)
                }
                visiting.remove(group)
            } else if units.index(forKey: reference) != nil {
                if seen.insert(reference).inserted { result.ids.append(reference) }
                guard !always.contains(reference) else { return }
                if let term {
                    result.terms[reference] = result.terms[reference].map { $0.hull(term) } ?? term
                } else {
                    always.insert(reference)
                    result.terms[reference] = nil
                }
            }
        }
        references.forEach { visit($0, nil) }
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
