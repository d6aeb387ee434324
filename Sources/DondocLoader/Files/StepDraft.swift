import DondocCore
import Yams

/// One step of a directive file as read: every part that could be read, with where it was
/// written. Checks run on drafts; only a file without errors becomes `Step`s.
struct StepDraft: Sendable {
    var location: SourceLocation
    var id: Located<String>?
    var phase: Phase = .task
    var title: String?
    var lead: [Located<String>] = []
    var support: [Located<String>] = []
    var reportTo: [Located<String>] = []
    var due: Located<DueExpression>?
    var dueText = ""
    /// Where the first character of the `due:` text is (past an opening quote).
    var dueTextStart: SourceLocation?
    var from: Located<PeriodBound>?
    var until: Located<PeriodBound>?
    var reminders: [ReminderRule]?
    var escalation: [EscalationEntry]?
    var onRestDay: RestDayPolicy?
    var note: String?
    /// Where each key's value was written.
    var keyLocations: [String: SourceLocation] = [:]
    /// Whether the `#` comment lines directly above the step quote its source (`check --strict`).
    var quotesSource = false
    /// The keys whose own line ends in a comment that quotes the source.
    var quotedKeys: Set<String> = []

    static let keys = ["id", "phase", "title", "lead", "support", "report-to", "due", "from", "until",
                       "reminders", "escalation", "on-rest-day", "note"]

    var name: String { id.map { "step '\($0.value)'" } ?? "this step" }

    /// Where `word` is in the `due:` text (for a step id in an anchor), else the start of `due:`.
    func dueLocation(ofWord word: String) -> SourceLocation? {
        guard let start = dueTextStart else { return due?.location }
        let found = ExpressionWords.lastOffset(of: word, in: dueText)
        return found.map { start.advanced(by: $0) } ?? start
    }

    static func read(_ node: Node, document: YAMLDocument, bag: DiagnosticBag) -> StepDraft? {
        let peeked = MappingReader.peek("id", in: node)
        guard let reader = MappingReader(node, subject: peeked.map { "step '\($0)'" } ?? "a step", allowed: keys,
                                         document: document, bag: bag,
                                         misplaced: ["steps": "steps do not nest: list every step under the top-level 'steps:'"])
        else { return nil }
        var step = StepDraft(location: reader.location)
        for key in keys {
            if let value = reader.value(key) { step.keyLocations[key] = document.location(of: value) }
        }
        step.id = reader.text("id", required: true)
        if let id = step.id, !ValueRules.identifier(id, what: "step id", bag: bag) { step.id = nil }
        if let phase = reader.choice("phase", of: Phase.self) { step.phase = phase.value }
        step.title = reader.text("title", required: true)?.value
        step.lead = reader.textList("lead", required: true) ?? []
        step.support = reader.textList("support") ?? []
        step.reportTo = reader.textList("report-to") ?? []
        step.readDue(reader, document: document, bag: bag)
        step.from = reader.text("from").flatMap { ValueRules.periodBound($0, bag: bag) }
        step.until = reader.text("until").flatMap { ValueRules.periodBound($0, bag: bag) }
        step.checkBounds(bag: bag)
        step.reminders = reader.value("reminders").flatMap { ExpressionRules.readReminders($0, document: document, bag: bag) }
        step.escalation = reader.value("escalation").flatMap { ExpressionRules.readEscalation($0, document: document, bag: bag) }
        step.onRestDay = reader.choice("on-rest-day", of: RestDayPolicy.self)?.value
        step.note = reader.text("note")?.value
        step.readSourceQuotes(document.source)
        return step
    }

    /// Finds the quotations of the source that mark where a step's duties come from: in the
    /// comment block directly above the step, or in a comment ending a key's line.
    private mutating func readSourceQuotes(_ source: SourceText) {
        var block = SourceQuotes.Marks()
        var line = location.line - 1
        while line >= 1, let comment = SourceQuotes.comment(wholeLine: source.utf8(ofLine: line)) {
            block.add(comment)
            line -= 1
        }
        quotesSource = block.quote
        for (key, at) in keyLocations {
            if let comment = SourceQuotes.trailingComment(source.utf8(ofLine: at.line)), SourceQuotes.quotes(comment) {
                quotedKeys.insert(key)
            }
        }
    }

    private mutating func readDue(_ reader: MappingReader, document: YAMLDocument, bag: DiagnosticBag) {
        guard let node = reader.value("due", required: true),
              let text = MappingReader.text(node, named: "due", document: document, bag: bag) else { return }
        dueText = text.value
        let start = document.source.location(inside: node, offset: 0)
        dueTextStart = start
        switch DueParser.parse(text.value) {
        case .success(.periodic):
            bag.error(.periodicWithoutCadence, text.location, "the source says 'định kỳ' without a cadence: write one, e.g. 'quarterly on 20' or 'yearly before 12-15'")
        case .success(let expression):
            if let year = StepDraft.absoluteYear(of: expression),
               !ValueRules.checkYear(year, what: "'\(text.value)'", at: text.location, bag: bag) { return }
            due = Located(expression, at: text.location)
        case .failure(let error):
            bag.error(.invalidDue, start.advanced(by: error.offset), "invalid 'due': \(error.message)")
        }
    }

    /// The year of a due expression that names a date or period.
    static func absoluteYear(of expression: DueExpression) -> Int? {
        switch expression {
        case .on(let date), .before(let date): date.year
        case .within(let period): period.year
        default: nil
        }
    }

    /// `from:`/`until:` bound the periods of a recurring due; `until` must not end before `from`.
    private func checkBounds(bag: DiagnosticBag) {
        if let due, !due.value.isRecurring {
            for (key, bound) in [("from", from), ("until", until)] {
                guard let bound else { continue }
                bag.warning(.boundOfOneOff, bound.location, "'\(key)' applies only to a recurring due (yearly, monthly, …); \(name) is due once, on '\(dueText)'")
            }
        }
        if let from, let until, until.value.last < from.value.first {
            bag.error(.untilBeforeFrom, until.location, "'until' \(until.value) is before 'from' \(from.value)")
        }
    }
}

extension String {
    func trimmingSuffix(_ characters: String) -> String {
        var result = Substring(self)
        while let last = result.last, characters.contains(last), result.count > 1 { result = result.dropLast() }
        return String(result)
    }
}
