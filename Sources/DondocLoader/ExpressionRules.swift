import DondocCore
import Yams

/// An escalation as written: its rule, and where each target was written.
struct EscalationEntry {
    var rule: EscalationRule
    var location: SourceLocation
    var targets: [Located<EscalationTarget>]
}

/// The small languages of `reminders:` and `escalation:` (DESIGN §3):
/// `3 working days before`, `1 working day before`, `2 days before`, `on due`;
/// `1 working day after due: head`, `5 days after due: [monitor, issuer]`.
enum ExpressionRules {
    static let targetWords = ["head", "parent", "monitor", "report-to", "issuer"]
    static let maxCount = 366

    // MARK: - Parsing text

    static func reminder(_ text: String) -> Result<ReminderRule, ExpressionError> {
        var words = Words(text)
        do throws(ExpressionError) {
            if words.peek?.lower == "on" {
                words.next()
                try words.expect("due", "'due' after 'on'")
                try words.expectEnd()
                return .success(ReminderRule(.workingDays(0)))
            }
            let offset = try count(&words, direction: "before", example: "'3 working days before' or 'on due'")
            try words.expectEnd()
            return .success(ReminderRule(offset))
        } catch {
            return .failure(error)
        }
    }

    static func escalationOffset(_ text: String) -> Result<ReminderRule.Offset, ExpressionError> {
        var words = Words(text)
        do throws(ExpressionError) {
            let offset = try count(&words, direction: "after", example: "'1 working day after due'")
            try words.expect("due", "'due' after 'after'")
            try words.expectEnd()
            return .success(offset)
        } catch {
            return .failure(error)
        }
    }

    /// `N [working] day(s) before|after`.
    private static func count(_ words: inout Words, direction: String, example: String) throws(ExpressionError) -> ReminderRule.Offset {
        guard let first = words.peek else {
            throw ExpressionError(offset: 0, message: "expected \(example), found nothing")
        }
        guard let n = Int(first.text), first.text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw words.error(direction == "before" ? "a number of days or 'on due'" : "a number of days")
        }
        guard n <= maxCount else {
            throw ExpressionError(offset: first.offset, message: "\(n) days is more than a year: at most \(maxCount)")
        }
        words.next()
        var working = false
        if words.peek?.lower == "working" {
            words.next()
            working = true
        }
        guard let unit = words.peek, ["day", "days"].contains(unit.lower) else {
            throw words.error(working ? "'days' after 'working'" : "'days' or 'working days'")
        }
        words.next()
        if let word = words.peek, word.lower != direction, ["before", "after"].contains(word.lower) {
            let which = direction == "before" ? "reminders come before the due date" : "escalations come after the due date"
            throw ExpressionError(offset: word.offset, message: "expected '\(direction)', found '\(word.text)': \(which)")
        }
        try words.expect(direction, "'\(direction)'")
        // `0 days before` is `on due`: one rule, one notification key.
        return working || n == 0 ? .workingDays(n) : .days(n)
    }

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
            bag.error(document.location(of: node), "'reminders' must be a list such as [3 working days before, on due], found \(NodeText.describe(node))")
            return nil
        }
        var rules: [ReminderRule] = []
        for item in items {
            guard let text = MappingReader.text(item, named: "reminders", document: document, bag: bag) else { continue }
            switch reminder(text.value) {
            case .success(let rule) where rules.contains(rule):
                bag.warning(text.location, "reminder '\(rule.label)' is listed twice")
            case .success(let rule): rules.append(rule)
            case .failure(let error):
                bag.error(document.source.location(inside: item, offset: error.offset), "invalid reminder: \(error.message)")
            }
        }
        return rules
    }

    /// An `escalation:` list of `OFFSET: TARGET` or `OFFSET: [TARGET, …]`.
    static func readEscalation(_ node: Node, document: YAMLDocument, bag: DiagnosticBag) -> [EscalationEntry]? {
        guard case .sequence(let items) = node else {
            bag.error(document.location(of: node), "'escalation' must be a list of 'OFFSET: TARGET', found \(NodeText.describe(node))")
            return nil
        }
        var entries: [EscalationEntry] = []
        for item in items {
            guard case .mapping(let mapping) = item, mapping.count == 1, let (key, value) = mapping.first,
                  case .scalar(let keyScalar) = key
            else {
                bag.error(document.location(of: item), "an escalation is 'OFFSET: TARGET', e.g. '1 working day after due: head', found \(NodeText.describe(item))")
                continue
            }
            let offset: ReminderRule.Offset
            switch escalationOffset(keyScalar.string) {
            case .success(let value) where entries.contains(where: { $0.rule.offset == value }):
                // The offset names the notification (its key): two entries would be one.
                let label = EscalationRule(offset: value, targets: []).label
                bag.error(document.location(of: key), "escalation '\(label)' is listed twice: give its targets as one list, e.g. '\(label): [head, monitor]'")
                continue
            case .success(let value): offset = value
            case .failure(let error):
                bag.error(document.source.location(inside: key, offset: error.offset), "invalid escalation: \(error.message)")
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
                    bag.error(document.location(of: targetNode), "an escalation needs a target: head, parent, monitor, report-to, issuer or a unit id")
                    continue
                }
                guard let text = MappingReader.text(targetNode, named: "escalation target", document: document, bag: bag) else { continue }
                if OrgChart.groupName(text.value) != nil {
                    bag.error(text.location, "an escalation target is a unit, not a group: '\(text.value)'")
                    continue
                }
                targets.append(Located(target(text.value), at: text.location))
            }
            if targetNodes.isEmpty {
                bag.error(document.location(of: value), "an escalation needs a target: head, parent, monitor, report-to, issuer or a unit id")
            }
            entries.append(EscalationEntry(rule: EscalationRule(offset: offset, targets: targets.map(\.value)),
                                           location: document.location(of: key), targets: targets))
        }
        return entries
    }
}

/// The words of a short expression with their character offsets.
struct Words {
    struct Word {
        let text: String
        let lower: String
        let offset: Int
    }

    private let words: [Word]
    private let length: Int
    private var index = 0

    init(_ text: String) {
        var words: [Word] = []
        var current = ""
        var start = 0
        var offset = 0
        for character in text {
            if character.isWhitespace {
                if !current.isEmpty { words.append(Word(text: current, lower: current.lowercased(), offset: start)) }
                current = ""
            } else {
                if current.isEmpty { start = offset }
                current.append(character)
            }
            offset += 1
        }
        if !current.isEmpty { words.append(Word(text: current, lower: current.lowercased(), offset: start)) }
        self.words = words
        self.length = offset
    }

    var peek: Word? { index < words.count ? words[index] : nil }

    mutating func next() { index += 1 }

    func error(_ expected: String) -> ExpressionError {
        if let word = peek { return ExpressionError(offset: word.offset, message: "expected \(expected), found '\(word.text)'") }
        return ExpressionError(offset: length, message: "expected \(expected) at the end")
    }

    mutating func expect(_ word: String, _ expected: String) throws(ExpressionError) {
        guard peek?.lower == word else { throw error(expected) }
        next()
    }

    func expectEnd() throws(ExpressionError) {
        if let word = peek { throw ExpressionError(offset: word.offset, message: "unexpected '\(word.text)' after a complete expression") }
    }
}
