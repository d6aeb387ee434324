import DondocCore
import Testing
@testable import DondocLoader

@Suite("Escalation targets")
struct ExpressionRulesTests {
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
