import DondocCore
import Testing
@testable import DondocLoader

@Suite("Reminder and escalation expressions")
struct ExpressionRulesTests {
    @Test("reminders", arguments: [
        ("3 working days before", ReminderRule.Offset.workingDays(3)),
        ("1 working day before", .workingDays(1)),
        ("2 days before", .days(2)),
        ("1 day before", .days(1)),
        ("on due", .workingDays(0)),
        ("  On   Due ", .workingDays(0)),
        ("0 days before", .workingDays(0)),  // the same rule as `on due`
    ])
    func reminder(text: String, offset: ReminderRule.Offset) throws {
        #expect(try ExpressionRules.reminder(text).get() == ReminderRule(offset))
    }

    @Test("escalation offsets", arguments: [
        ("1 working day after due", ReminderRule.Offset.workingDays(1)),
        ("10 working days after due", .workingDays(10)),
        ("5 days after due", .days(5)),
    ])
    func escalation(text: String, offset: ReminderRule.Offset) throws {
        #expect(try ExpressionRules.escalationOffset(text).get() == offset)
    }

    @Test("bad reminders say what was expected, where", arguments: [
        ("", 0, "expected '3 working days before' or 'on due', found nothing"),
        ("three days before", 0, "expected a number of days or 'on due', found 'three'"),
        ("3 working before", 10, "expected 'days' after 'working', found 'before'"),
        ("3 days after", 7, "expected 'before', found 'after': reminders come before the due date"),
        ("3 days", 6, "expected 'before' at the end"),
        ("on time", 3, "expected 'due' after 'on', found 'time'"),
        ("2 days before due", 14, "unexpected 'due' after a complete expression"),
        ("400 days before", 0, "400 days is more than a year: at most 366"),
    ])
    func badReminder(text: String, offset: Int, message: String) {
        #expect(ExpressionRules.reminder(text) == .failure(ExpressionError(offset: offset, message: message)))
    }

    @Test("bad escalations say what was expected, where", arguments: [
        ("1 working day after", 19, "expected 'due' after 'after' at the end"),
        ("1 working day before due", 14, "expected 'after', found 'before': escalations come after the due date"),
        ("on due", 0, "expected a number of days, found 'on'"),
    ])
    func badEscalation(text: String, offset: Int, message: String) {
        #expect(ExpressionRules.escalationOffset(text) == .failure(ExpressionError(offset: offset, message: message)))
    }

    @Test("targets")
    func targets() {
        #expect(["head", "parent", "monitor", "report-to", "issuer", "bo-noi-vu"].map(ExpressionRules.target)
                == [.head, .parent, .monitor, .reportTo, .issuer, .unit("bo-noi-vu")])
    }
}

@Suite("Suggestions and cycles")
struct SuggestionAndCycleTests {
    @Test("the nearest name within a typo's reach", arguments: [
        ("isued", ["issued", "issuer", "implements"], "issued"),
        ("dew", ["due", "id", "note"], "due"),
        ("bo-noi-vuu", ["bo-noi-vu", "bo-tu-phap"], "bo-noi-vu"),
        ("repotr-to", ["report-to", "reminders"], "report-to"),  // a swap is one edit
        ("colour", ["id", "title", "lead"], nil),
        ("x", ["id"], nil),
    ] as [(String, [String], String?)])
    func suggestion(word: String, candidates: [String], expected: String?) {
        #expect(Suggestion.closest(to: word, in: candidates) == expected)
    }

    @Test("edit distance")
    func editDistance() {
        #expect(Suggestion.editDistance("", "abc") == 3)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
        #expect(Suggestion.editDistance("ab", "ba") == 1)
    }

    @Test("cycles are told from the edge that closes them")
    func cycles() {
        let edges = ["a": ["b"], "b": ["c"], "c": ["a"], "d": ["d"], "e": ["a", "x"]]
        let found = Cycles.find(nodes: ["a", "b", "c", "d", "e"]) { edges[$0] ?? [] }
        #expect(found.map(\.description) == ["c → a → b → c", "d → d"])
        #expect(found.map(\.edgeIndex) == [0, 0])
        #expect(Cycles.find(nodes: ["a", "b"]) { $0 == "a" ? ["b"] : [] }.isEmpty)
    }
}
