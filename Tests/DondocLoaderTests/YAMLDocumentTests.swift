import DondocCore
import Testing
import Yams
@testable import DondocLoader

@Suite("Reading YAML before and after libyaml")
struct YAMLDocumentTests {
    func problems(_ text: String) -> [String] {
        YAMLPrescan.problems(in: SourceText(path: "f", text: text)).map { "\($0.location.line):\($0.location.column) \($0.message)" }
    }

    @Test("tabs are fine where YAML allows them", arguments: [
        "note: |\n  line one\n  \tindented with a tab inside the block\nnext: 1\n",
        "- note: >-\n    a\n    \tb\n  id: x\n",
        "lead: [\n\tbo-noi-vu,\n\tbo-tu-phap]\n",
        "a:\tvalue\n",
        "title: \"one\n\ttwo\"\n",
    ])
    func tabsAllowed(text: String) {
        #expect(problems(text) == [])
    }

    @Test("tabs in indentation are reported where they are")
    func tabsInIndentation() {
        #expect(problems("a:\n\tb: 1\n  c:\n  \t- d\n- \te\n") == [
            "2:1 tab character in indentation: YAML forbids tabs for indentation, use spaces",
            "4:3 tab character in indentation: YAML forbids tabs for indentation, use spaces",
            "5:3 tab character in indentation: YAML forbids tabs for indentation, use spaces",
        ])
        // A block scalar ends where its indentation does: the tab below is back in block context.
        #expect(problems("note: |\n  text\n\tkey: 1\n").count == 1)
    }

    @Test("keys that are not plain names are refused, values are not", arguments: [
        ("*a : 1\n", true),
        ("x: {*a : 1}\n", true),
        ("? complex\n: value\n", true),
        ("- [a, b]: 1\n", true),
        ("{a: b}: 1\n", true),
        ("title: Don't *worry: quotes in plain text\n", false),
        ("title: What ? it is a value\n", false),
        ("note: \"*a: b\"\n", false),
        ("note: '*a: b'\n", false),
        ("a: b # *c: d\n", false),
        ("lead: [a, b]\n", false),
        ("a: *anchor\n", false),
        ("note: |\n  *a: b\n  ? c\n", false),
    ])
    func complexKeys(text: String, refused: Bool) {
        #expect(problems(text).isEmpty == !refused)
    }

    @Test("invalid UTF-8 is located by line and character")
    func invalidUTF8() {
        let bytes = Array("a: 1\nb: Tổ ".utf8) + [0xFF] + Array(" x\n".utf8)
        #expect(YAMLPrescan.firstInvalidUTF8(bytes) == bytes.firstIndex(of: 0xFF))
        #expect(YAMLPrescan.location(ofByte: bytes.firstIndex(of: 0xFF)!, in: bytes, path: "f").description == "f:2:7")
        #expect(YAMLPrescan.firstInvalidUTF8(Array("đúng: ✓\n".utf8)) == nil)
        #expect(YAMLPrescan.firstInvalidUTF8([0x61, 0xC3]) == 1)  // cut short
    }

    @Test("a byte-order mark is accepted")
    func byteOrderMark() {
        let bag = DiagnosticBag()
        let document = YAMLDocument.load(path: "f", bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1\nb: [x, y]\n".utf8), into: bag)
        #expect(bag.diagnostics == [])
        #expect(document?.root.count == 2)
    }

    @Test("a duplicate key in a flow mapping is found, renamed and skipped")
    func duplicateInFlow() throws {
        var text = "a: 1\nb: {x: 1, y: 2, \"x\": 3}\n"
        let mark = try #require(DuplicateKey.rename("x", firstAt: firstMark(of: "x", in: text), in: &text, round: 0))
        #expect(mark == MarkKey(line: 2, column: 17))
        #expect(text.unicodeScalars.count == "a: 1\nb: {x: 1, y: 2, \"x\": 3}\n".unicodeScalars.count)
        #expect(!text.contains("\"x\""))

        let bag = DiagnosticBag()
        let document = YAMLDocument.load(path: "f", bytes: Array("a: 1\nb: {x: 1, y: 2, \"x\": 3}\n".utf8), into: bag)
        #expect(bag.diagnostics.map(\.description) == ["f:2:17: error: duplicate key 'x': already given at line 2, column 5"])
        let b = try #require(document?.root["b"])
        let reader = try #require(MappingReader(b, subject: "b", allowed: ["x", "y"], document: document!, bag: bag))
        #expect(reader.text("x")?.value == "1")  // the first one stands
        #expect(bag.diagnostics.count == 1)  // the renamed key is not "unknown"
    }

    @Test("a diagnostic stays on one line when the value it quotes does not")
    func oneLine() {
        let bag = DiagnosticBag()
        let document = YAMLDocument.load(path: "f", bytes: Array("phase: |\n  two\n  lines\n".utf8), into: bag)!
        let reader = MappingReader(document.rootNode, subject: "a step", allowed: ["phase"], document: document, bag: bag)
        _ = reader?.choice("phase", of: Phase.self)
        #expect(bag.diagnostics.map(\.description) == [
            "f:1:8: error: unknown phase 'two⏎lines⏎' (expected 'dissemination', 'planning', 'interim-review', 'final-review', 'report' or 'task')",
        ])
    }

    /// Where Yams says the first of two `key`s is.
    func firstMark(of key: String, in text: String) throws -> Mark {
        do {
            _ = try Yams.compose(yaml: text)
        } catch let YamlError.duplicatedKeysInMapping(_, context) {
            return context.mark
        }
        Issue.record("no duplicate found")
        throw CancellationError()
    }

    /// Columns count characters, whatever the line holds: ASCII, precomposed or combining
    /// Vietnamese, emoji sequences; a column past the end keeps its excess.
    @Test("scalar columns become character columns", arguments: [
        "title: plain ascii", "title: Tết Bính Ngọ", "title: Te\u{0302}\u{0301}t", "name: 👩🏽‍💼 x", "",
        "note: “Nguồn” – Điều 3… ‰", "title: Đ\u{0323}ơ\u{0301}n", "title: a\u{200D}b ạ",
    ])
    func characterColumns(line: String) {
        let source = SourceText(path: "f", text: "first: 1\n" + line + "\n")
        let scalars = Array(line.unicodeScalars)
        for column in 1...(scalars.count + 3) {
            let prefix = String(String.UnicodeScalarView(scalars.prefix(column - 1)))
            let expected = prefix.count + max(column - 1 - scalars.count, 0) + 1
            #expect(source.location(line: 2, scalarColumn: column).column == expected, "column \(column)")
        }
    }
}
