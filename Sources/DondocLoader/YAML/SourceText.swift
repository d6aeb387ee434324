import DondocCore
import Yams

/// The text of one file split into lines the way YAML splits them, to turn libyaml's marks
/// (lines and columns counted in Unicode scalars) into the character columns of diagnostics.
struct SourceText {
    let path: String
    let text: String
    /// Each line's scalars, without its line break.
    let lines: [Substring.UnicodeScalarView]
    /// Per line, how many scalars it has and how many of the first are ASCII: a column within
    /// that prefix is its scalar column (one character per scalar), found without counting
    /// characters. A group of a thousand units on one line has a thousand items to locate.
    let shapes: [(scalars: Int, ascii: Int)]

    init(path: String, text: String) {
        self.path = path
        self.text = text
        self.lines = SourceText.split(text)
        self.shapes = lines.map { line in
            var count = 0
            var ascii: Int?
            for scalar in line {
                if ascii == nil, !scalar.isASCII { ascii = count }
                count += 1
            }
            return (count, ascii ?? count)
        }
    }

    /// YAML's line breaks: LF, CR LF, CR, and (YAML 1.1, as libyaml reads it) NEL, LS and PS.
    static func split(_ text: String) -> [Substring.UnicodeScalarView] {
        let scalars = Substring(text).unicodeScalars
        var lines: [Substring.UnicodeScalarView] = []
        var start = scalars.startIndex
        var i = start
        while i < scalars.endIndex {
            let c = scalars[i]
            if isBreak(c) {
                lines.append(scalars[start..<i])
                var next = scalars.index(after: i)
                if c == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                start = next
                i = next
            } else {
                i = scalars.index(after: i)
            }
        }
        lines.append(scalars[start..<scalars.endIndex])
        return lines
    }

    static func isBreak(_ c: Unicode.Scalar) -> Bool {
        c == "\n" || c == "\r" || c == "\u{85}" || c == "\u{2028}" || c == "\u{2029}"
    }

    var start: SourceLocation { SourceLocation(file: path, line: 1, column: 1) }

    /// The line's text as a `String`, or empty past the end.
    func line(_ number: Int) -> String {
        guard number >= 1, number <= lines.count else { return "" }
        return String(String.UnicodeScalarView(lines[number - 1]))
    }

    /// The location of a 1-based line and a 1-based column counted in scalars.
    func location(line: Int, scalarColumn: Int) -> SourceLocation {
        guard line >= 1, line <= lines.count else {
            return SourceLocation(file: path, line: max(line, 1), column: max(scalarColumn, 1))
        }
        let before = max(scalarColumn - 1, 0)
        let shape = shapes[line - 1]
        let characters: Int
        if before <= shape.ascii {
            characters = before
        } else {
            characters = String(String.UnicodeScalarView(lines[line - 1].prefix(before))).count
        }
        // A column past the end of the line (an error "at the end") keeps its excess.
        let excess = max(before - shape.scalars, 0)
        return SourceLocation(file: path, line: line, column: characters + excess + 1)
    }

    func location(of mark: Mark) -> SourceLocation {
        location(line: mark.line, scalarColumn: mark.column)
    }

    func location(of node: Node) -> SourceLocation {
        node.mark.map(location(of:)) ?? start
    }

    /// Where the character at `offset` of a scalar's value is: the scalar's location, moved
    /// past an opening quote. Exact for scalars written on one line.
    func location(inside node: Node, offset: Int) -> SourceLocation {
        let base = location(of: node)
        let quoted = node.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
        return base.advanced(by: offset + (quoted ? 1 : 0))
    }

    /// The line and character column of a character offset into `text`.
    func location(characterOffset offset: Int) -> SourceLocation {
        var line = 1
        var column = 1
        for (index, character) in text.enumerated() {
            if index == offset { break }
            // "\r\n" is one Character in Swift.
            if character == "\r\n" || character == "\n" || character == "\r" || character == "\u{85}"
                || character == "\u{2028}" || character == "\u{2029}" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourceLocation(file: path, line: line, column: column)
    }
}
