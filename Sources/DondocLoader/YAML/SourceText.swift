import DondocCore
import Yams

/// The text of one file split into lines the way YAML splits them, to turn libyaml's marks
/// (lines and columns counted in Unicode scalars) into the character columns of diagnostics.
struct SourceText {
    let path: String
    let text: String
    /// Each line's scalars, without its line break.
    let lines: [Substring.UnicodeScalarView]
    /// For each line that is not all ASCII, the character column after each count of scalars
    /// (`[k]`: the characters the first k scalars make up, a cluster cut short counting as one);
    /// nil for a line whose scalars are each a character of their own (ASCII, and Vietnamese
    /// written precomposed), where scalars and characters are one to one. Built once, so that
    /// locating a node costs the same at the end of a megabyte-long line as at its start.
    let characterColumns: [[Int32]?]
    /// Each line's length in scalars.
    let scalarCounts: [Int]

    init(path: String, text: String) {
        self.path = path
        self.text = text
        self.lines = SourceText.split(text)
        self.characterColumns = lines.map(SourceText.characterColumns)
        self.scalarCounts = lines.map(\.count)
    }

    static func characterColumns(of line: Substring.UnicodeScalarView) -> [Int32]? {
        if line.allSatisfy(standsAlone) { return nil }
        var columns: [Int32] = [0]
        columns.reserveCapacity(line.count + 1)
        var characters: Int32 = 0
        for character in String(String.UnicodeScalarView(line)) {
            characters += 1
            for _ in character.unicodeScalars { columns.append(characters) }
        }
        return columns
    }

    /// Whether the scalar is a character of its own beside any other such scalar: Latin with
    /// its precomposed letters (Vietnamese's among them: U+0000–U+02FF, U+1E00–U+1EFF) and
    /// the common punctuation (dashes, curly quotes, ellipsis). None of these extends or joins
    /// a grapheme cluster; combining marks (from U+0300), joiners and the rest go the long way.
    static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x300, 0x1E00...0x1EFF, 0x2010...0x2027, 0x2030...0x205E: true
        default: false
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

    /// The line's UTF-8 bytes, without copying them (empty past the end).
    func utf8(ofLine number: Int) -> Substring.UTF8View {
        guard number >= 1, number <= lines.count else { return Substring().utf8 }
        return Substring(lines[number - 1]).utf8
    }

    /// The location of a 1-based line and a 1-based column counted in scalars.
    func location(line: Int, scalarColumn: Int) -> SourceLocation {
        guard line >= 1, line <= lines.count else {
            return SourceLocation(file: path, line: max(line, 1), column: max(scalarColumn, 1))
        }
        let wanted = max(scalarColumn - 1, 0)
        let columns = characterColumns[line - 1]
        let inLine = min(wanted, scalarCounts[line - 1])
        let characters = columns.map { Int($0[inLine]) } ?? inLine
        // A column past the end of the line (an error "at the end") keeps its excess.
        let excess = wanted - inLine
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
