import DondocCore
import Yams

/// A directive file as read (DESIGN §1.3): every part that could be read, with where it was
/// written. Cross-file checks run on these drafts; a file without errors becomes a `Directive`.
struct DirectiveDraft: Sendable {
    var path: String
    /// The `directive:` mapping, or the top of the file when it is missing.
    var location: SourceLocation
    var number: Located<String>?
    var title: String?
    var issuer: Located<String>?
    var issued: Located<CivilDate>?
    var implements: Located<String>?
    var monitor: Located<String>?
    var onRestDay: RestDayPolicy = .extend
    var note: String?
    var reminders: [ReminderRule]?
    var escalation: [EscalationEntry]?
    var steps: [StepDraft] = []
    /// Where each key of `directive:` and the top level had its value.
    var keyLocations: [String: SourceLocation] = [:]

    static let topKeys = ["directive", "reminders", "escalation", "steps"]
    static let directiveKeys = ["number", "title", "issuer", "issued", "implements", "monitor", "on-rest-day", "note"]

    var normalizedNumber: String? { number.map { Directive.normalize(number: $0.value) } }

    var name: String { number?.value ?? path }

    func step(_ id: String) -> StepDraft? { steps.first { $0.id?.value == id } }

    /// Where the directive and each of its steps (by id) were written.
    var locations: DirectiveLocations {
        var stepLocations: [String: StepLocations] = [:]
        for step in steps {
            guard let id = step.id?.value else { continue }
            stepLocations[id] = StepLocations(entry: step.location, keys: step.keyLocations)
        }
        return DirectiveLocations(file: path, entry: location, keys: keyLocations, steps: stepLocations)
    }

    static func read(_ document: YAMLDocument, bag: DiagnosticBag) -> DirectiveDraft {
        var draft = DirectiveDraft(path: document.path, location: document.source.start)
        let belowDirective = Dictionary(uniqueKeysWithValues: directiveKeys.map {
            ($0, "'\($0)' belongs under 'directive:'")
        })
        guard let top = MappingReader(document.rootNode, subject: "a directive file", allowed: topKeys,
                                      document: document, bag: bag, misplaced: belowDirective) else { return draft }
        if let header = top.value("directive", required: true) {
            draft.readHeader(header, document: document, bag: bag)
        }
        draft.reminders = top.value("reminders").flatMap { ExpressionRules.readReminders($0, document: document, bag: bag) }
        draft.escalation = top.value("escalation").flatMap { ExpressionRules.readEscalation($0, document: document, bag: bag) }
        for key in ["reminders", "escalation", "steps"] {
            if let value = top.value(key) { draft.keyLocations[key] = document.location(of: value) }
        }
        if let steps = top.sequence("steps") {
            draft.steps = steps.compactMap { StepDraft.read($0, document: document, bag: bag) }
        } else if !top.has("steps") {
            bag.warning(.noSteps, draft.location, "no 'steps': this directive asks nothing of anyone yet")
        }
        draft.checkDuplicateSteps(bag: bag)
        return draft
    }

    private mutating func readHeader(_ node: Node, document: YAMLDocument, bag: DiagnosticBag) {
        let atTop = Dictionary(uniqueKeysWithValues: ["reminders", "escalation", "steps"].map {
            ($0, "'\($0)' belongs at the top level, beside 'directive:'")
        })
        guard let header = MappingReader(node, subject: "'directive'", allowed: DirectiveDraft.directiveKeys,
                                         document: document, bag: bag, misplaced: atTop) else { return }
        location = header.location
        for key in DirectiveDraft.directiveKeys {
            if let value = header.value(key) { keyLocations[key] = document.location(of: value) }
        }
        number = header.text("number", required: true)
        if let text = number, let bad = ValueRules.forbiddenCharacter(inNumber: text.value) {
            bag.error(.numberCharacter, text.location, "directive number '\(text.value)' may not contain '\(bad)': numbers are part of obligation keys (NUMBER#STEP@UNIT/PERIOD)")
            number = nil
        }
        title = header.text("title", required: true)?.value
        issuer = header.text("issuer", required: true)
        issued = header.date("issued", required: true)
        if let date = issued, !ValueRules.checkYear(date.value.year, what: "issued \(date.value)", at: date.location, bag: bag) {
            issued = nil
        }
        implements = header.text("implements")
        monitor = header.text("monitor")
        if let policy = header.choice("on-rest-day", of: RestDayPolicy.self) { onRestDay = policy.value }
        note = header.text("note")?.value
    }

    private func checkDuplicateSteps(bag: DiagnosticBag) {
        var seen: [String: SourceLocation] = [:]
        for step in steps {
            guard let id = step.id else { continue }
            if let first = seen[id.value] {
                bag.error(.duplicateStep, id.location, "duplicate step id '\(id.value)': already used at line \(first.line), column \(first.column)")
            } else {
                seen[id.value] = id.location
            }
        }
    }

    /// The escalation that applies to a step, as written: its own, else the directive's.
    func escalation(of step: StepDraft) -> [EscalationEntry]? { step.escalation ?? escalation }

    /// The directive, when every required part was read.
    func build() -> Directive? {
        guard let number, let title, let issuer, let issued else { return nil }
        var steps: [Step] = []
        for draft in self.steps {
            guard let id = draft.id, let title = draft.title, let due = draft.due else { return nil }
            steps.append(Step(id: id.value, phase: draft.phase, title: title, lead: draft.lead.map(\.value),
                              support: draft.support.map(\.value), reportTo: draft.reportTo.map(\.value), due: due.value,
                              from: draft.from?.value, until: draft.until?.value, reminders: draft.reminders,
                              escalation: draft.escalation.map { $0.map(\.rule) }, onRestDay: draft.onRestDay,
                              note: draft.note))
        }
        return Directive(number: number.value, title: title, issuer: issuer.value, issued: issued.value,
                         implements: implements?.value, monitor: monitor?.value, onRestDay: onRestDay,
                         reminders: reminders ?? Directive.defaultReminders,
                         escalation: escalation.map { $0.map(\.rule) } ?? Directive.defaultEscalation,
                         steps: steps, note: note)
    }
}
