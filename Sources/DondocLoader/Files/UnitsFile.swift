import DondocCore
import Yams

/// `units.yaml`, read: the units whose entries are valid, the groups, and where each was written.
struct UnitsFile {
    /// One valid unit and where its references were written.
    struct Entry {
        var unit: Unit
        var idLocation: SourceLocation
        var parent: Located<String>?
        var successor: Located<String>?
    }

    struct Group {
        var name: String
        var location: SourceLocation
        var members: [Located<String>]
        /// The term of each member written `{ unit: ID, from: DATE, until: DATE }`, by where its
        /// `unit:` was written.
        var terms: [SourceLocation: Term] = [:]

        var memberships: [GroupMember] { members.map { GroupMember($0.value, term: terms[$0.location]) } }
    }

    var path: String
    var entries: [Entry] = []
    var groups: [Group] = []
    /// Ids of entries that have errors, and where: references to them are not "unknown".
    var invalid: [String: SourceLocation] = [:]

    static let topKeys = ["units", "groups"]
    static let headKeys = ["title", "email"]
    static let unitKeys = ["id", "name", "email", "head", "parent", "valid-from", "valid-until", "successor", "note"]
    static let memberKeys = ["unit", "from", "until", "note"]

    var org: OrgChart {
        OrgChart(units: entries.map(\.unit),
                 memberships: Dictionary(groups.map { ($0.name, $0.memberships) }, uniquingKeysWith: { a, _ in a }))
    }

    var unitIDs: [String] { entries.map(\.unit.id) }

    static func read(_ document: YAMLDocument, bag: DiagnosticBag) -> UnitsFile {
        var file = UnitsFile(path: document.path)
        guard let top = MappingReader(document.rootNode, subject: "units.yaml", allowed: UnitsFile.topKeys,
                                      document: document, bag: bag) else { return file }
        var seen: [String: SourceLocation] = [:]
        for node in top.sequence("units", required: true) ?? [] {
            file.readUnit(node, document: document, bag: bag, seen: &seen)
        }
        if let groups = top.value("groups") {
            file.readGroups(groups, document: document, bag: bag)
        }
        return file
    }

    private mutating func readUnit(_ node: Node, document: YAMLDocument, bag: DiagnosticBag, seen: inout [String: SourceLocation]) {
        let errorsBefore = bag.errorCount
        let peekedID = MappingReader.peek("id", in: node)
        guard let reader = MappingReader(node, subject: peekedID.map { "unit '\($0)'" } ?? "a unit",
                                         allowed: UnitsFile.unitKeys, document: document, bag: bag) else { return }
        let id = reader.text("id", required: true)
        if let id { _ = ValueRules.identifier(id, what: "unit id", bag: bag) }
        let name = reader.text("name", required: true)
        let email = reader.text("email")
        if let email { ValueRules.checkEmail(email, bag: bag) }
        let head = readHead(reader, document: document, bag: bag)
        let parent = reader.text("parent")
        let successor = reader.text("successor")
        let validFrom = reader.date("valid-from")
        let validUntil = reader.date("valid-until")
        _ = reader.text("note")
        if let from = validFrom, let until = validUntil, until.value < from.value {
            bag.error(.validityOrder, until.location, "valid-until \(until.value) is before valid-from \(from.value)")
        }
        if let id, let first = seen[id.value] {
            bag.error(.duplicateUnit, id.location, "duplicate unit id '\(id.value)': already defined at line \(first.line), column \(first.column)")
            return
        }
        guard let id else { return }
        seen[id.value] = id.location
        guard bag.errorCount == errorsBefore, let name else {
            invalid[id.value] = id.location
            return
        }
        let unit = Unit(id: id.value, name: name.value, email: email?.value, head: head, parent: parent?.value,
                        validFrom: validFrom?.value, validUntil: validUntil?.value, successor: successor?.value)
        entries.append(Entry(unit: unit, idLocation: id.location, parent: parent, successor: successor))
    }

    private func readHead(_ reader: MappingReader, document: YAMLDocument, bag: DiagnosticBag) -> Unit.Head? {
        guard let node = reader.value("head"),
              let head = MappingReader(node, subject: "'head'", allowed: UnitsFile.headKeys,
                                       document: document, bag: bag)
        else { return nil }
        let title = head.text("title", required: true)
        let email = head.text("email")
        if let email { ValueRules.checkEmail(email, bag: bag) }
        return title.map { Unit.Head(title: $0.value, email: email?.value) }
    }

    private mutating func readGroups(_ node: Node, document: YAMLDocument, bag: DiagnosticBag) {
        guard case .mapping(let mapping) = node else {
            bag.error(.notMapping, document.location(of: node), "'groups' must be a mapping of group names to lists of units, found \(NodeText.describe(node))")
            return
        }
        var seen: [String: SourceLocation] = [:]
        for (key, value) in mapping where !document.isSuppressed(key) {
            let keyLocation = document.location(of: key)
            guard case .scalar(let scalar) = key else {
                bag.error(.complexKey, keyLocation, "a group name must be plain text, found \(NodeText.describe(key))")
                continue
            }
            let name = Located(scalar.string, at: keyLocation)
            if let first = seen[name.value] {
                bag.error(.duplicateGroup, keyLocation, "duplicate group '\(name.value)': already defined at line \(first.line), column \(first.column)")
                continue
            }
            seen[name.value] = keyLocation
            _ = ValueRules.identifier(name, what: "group name", bag: bag)
            var group = Group(name: name.value, location: keyLocation, members: [])
            switch value {
            case .sequence(let sequence):
                for item in sequence {
                    if case .mapping = item {
                        readTermMember(item, into: &group, document: document, bag: bag)
                    } else if let text = MappingReader.text(item, named: "group \(name.value)", document: document, bag: bag) {
                        group.members.append(text)
                    }
                }
            default:
                bag.error(.notList, document.location(of: value), "group '\(name.value)' must be a list of unit ids, found \(NodeText.describe(value))")
            }
            groups.append(group)
        }
    }

    /// A member listed for a time: `{ unit: ID, from: DATE, until: DATE }` (either date may be
    /// left out; `note:` says why). Dropped, with the error, when it has one.
    private func readTermMember(_ node: Node, into group: inout Group, document: YAMLDocument, bag: DiagnosticBag) {
        let errorsBefore = bag.errorCount
        guard let reader = MappingReader(node, subject: "a member of group '\(group.name)'", allowed: UnitsFile.memberKeys,
                                         document: document, bag: bag) else { return }
        let unit = reader.text("unit", required: true)
        let from = reader.date("from")
        let until = reader.date("until")
        _ = reader.text("note")
        if let from, let until, until.value < from.value {
            bag.error(.validityOrder, until.location, "'until' \(until.value) is before 'from' \(from.value) in a member of group '\(group.name)'")
        }
        guard let unit, bag.errorCount == errorsBefore else { return }
        group.members.append(unit)
        if from != nil || until != nil { group.terms[unit.location] = Term(from: from?.value, until: until?.value) }
    }
}
