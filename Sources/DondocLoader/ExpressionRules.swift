import DondocCore
import Yams

/// An escalation as written: its rule, and where each target was written.
struct EscalationEntry: Sendable {
    var rule: EscalationRule
    var location: SourceLocation
    var targets: [Located<EscalationTarget>]
}

/// `reminders:` and `escalation:` as written in a file (DESIGN §3), e.g.
/// `[3 working days before, on due]` and `5 days after due: [monitor, issuer]`; the offsets
/// themselves are `OffsetParser`'s.
enum ExpressionRules {
    static let targetWords = ["head", "parent", "monitor", "report-to", "issuer"]

    static func target(_ text: String) -> EscalationTarget {
        switch text {
        case "head": .head
        case "parent": .parent
        case "monitor": .monitor
        case "report-to": .reportTo
        case "issuer": .issuer
        default: .unit(text)
        }
    }

    // MARK: - Reading nodes

    /// A `reminders:` list.
    static func readReminders(_ node: Node, document: YAMLDocument, bag: DiagnosticBag) -> [ReminderRule]? {
        guard case .sequence(let items) = node else {
            bag.error(.notList, document.location(of: node), "'reminders' must be a list such as [3 working days before, on due], found \(NodeText.describe(node))")
            return nil
        }
        var rules: [ReminderRule] = []
        for item in items {
            guard let text = MappingReader.text(item, named: "reminders", document: document, bag: bag) else { continue }
            switch OffsetParser.reminder(text.value) {
            case .success(let rule) where rules.contains(rule):
                bag.warning(.duplicateReminder, text.location, "reminder '\(rule.label)' is listed twice")
            case .success(let rule): rules.append(rule)
            case .failure(let error):
                bag.error(.invalidReminder, document.source.location(inside: item, offset: error.offset), "invalid reminder: \(error.message)")
            }
        }
        return rules
    }

    /// An `escalation:` list of `OFFSET: TARGET` or `OFFSET: [TARGET, …]`.
    static func readEscalation(_ node: Node, document: YAMLDocument, bag: DiagnosticBag) -> [EscalationEntry]? {
        guard case .sequence(let items) = node else {
            bag.error(.notList, document.location(of: node), "'escalation' must be a list of 'OFFSET: TARGET', found \(NodeText.describe(node))")
            return nil
        }
        var entries: [EscalationEntry] = []
        for item in items {
            guard case .mapping(let mapping) = item, mapping.count == 1, let (key, value) = mapping.first,
                  case .scalar(let keyScalar) = key
            else {
                bag.error(.escalationShape, document.location(of: item), "an escalation is 'OFFSET: TARGET', e.g. '1 working day after due: head', found \(NodeText.describe(item))")
                continue
            }
            let offset: ReminderRule.Offset
            switch OffsetParser.escalation(keyScalar.string) {
            case .success(let value) where entries.contains(where: { $0.rule.offset == value }):
                // The offset names the notification (its key): two entries would be one.
                let label = EscalationRule(offset: value, targets: []).label
                bag.error(.duplicateEscalation, document.location(of: key), "escalation '\(label)' is listed twice: give its targets as one list, e.g. '\(label): [head, monitor]'")
                continue
            case .success(let value): offset = value
            case .failure(let error):
                bag.error(.invalidEscalation, document.source.location(inside: key, offset: error.offset), "invalid escalation: \(error.message)")
                continue
            }
            let targetNodes: [Node]
            switch value {
            case .sequence(let sequence): targetNodes = Array(sequence)
            default: targetNodes = [value]
            }
            var targets: [Located<EscalationTarget>] = []
            for targetNode in targetNodes {
                if NodeText.isNull(targetNode) {
                    bag.error(.escalationWithoutTarget, document.location(of: targetNode), "an escalation needs a target: head, parent, monitor, report-to, issuer or a unit id")
                    continue
                }
                guard let text = MappingReader.text(targetNode, named: "escalation target", document: document, bag: bag) else { continue }
                if OrgChart.groupName(text.value) != nil {
                    bag.error(.escalationToGroup, text.location, "an escalation target is a unit, not a group: '\(text.value)'")
                    continue
                }
                targets.append(Located(target(text.value), at: text.location))
            }
            if targetNodes.isEmpty {
                bag.error(.escalationWithoutTarget, document.location(of: value), "an escalation needs a target: head, parent, monitor, report-to, issuer or a unit id")
            }
            entries.append(EscalationEntry(rule: EscalationRule(offset: offset, targets: targets.map(\.value)),
                                           location: document.location(of: key), targets: targets))
        }
        return entries
    }
}
