import DondocCore

/// Checks on a file's bytes and text before libyaml sees them: encoding, tabs used for
/// indentation, and mapping keys that are not plain names (the only way an alias could make
/// a key expand without bound — Yams hashes keys whole).
///
/// A lexical pass, not a parser: it follows quotes, comments, flow brackets and block scalars
/// well enough to find these problems in files that are otherwise well formed.
enum YAMLPrescan {
    /// The byte offset of the first byte that is not part of valid UTF-8, if any.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// Where the byte at `offset` is, counting lines and characters in the valid text before it.
    static func location(ofByte offset: Int, in bytes: [UInt8], path: String) -> SourceLocation {
        let prefix = String(decoding: bytes[..<offset], as: UTF8.self)
        let lines = SourceText.split(prefix)
        let column = String(String.UnicodeScalarView(lines.last ?? Substring("").unicodeScalars)).count + 1
        return SourceLocation(file: path, line: lines.count, column: column)
    }

    /// Tabs in indentation and non-scalar keys, in file order.
    static func problems(in source: SourceText) -> [Diagnostic] {
        var scanner = Scanner(source: source)
        for (index, line) in source.lines.enumerated() {
            scanner.scan(line: Array(line), number: index + 1)
        }
        return scanner.diagnostics
    }

    private struct Scanner {
        let source: SourceText
        var diagnostics: [Diagnostic] = []
        var quote: Unicode.Scalar?
        var flowDepth = 0
        /// Set while the lines of a block scalar (`|`, `>`) run: they must be indented more.
        var blockScalarParent: Int?
        /// Of the line being scanned: the closing bracket of each opening one a search for a
        /// match has passed (nil: none on the line). A search from a bracket already passed
        /// outside quotes would find the same, so `[[[[…` costs one search, not one per bracket.
        var matches: [Int: Int?] = [:]

        init(source: SourceText) { self.source = source }

        mutating func scan(line: [Unicode.Scalar], number: Int) {
            let indent = line.prefix { $0 == " " }.count
            let blank = line.allSatisfy { $0 == " " || $0 == "\t" }
            if let parent = blockScalarParent {
                if blank || indent > parent { return }
                blockScalarParent = nil
            }
            var i = 0
            matches.removeAll(keepingCapacity: true)
            if quote == nil, flowDepth == 0 {
                i = scanIndentation(line, number: number)
            }
            scanContent(line, from: i, number: number)
        }

        /// Leading spaces and block indicators (`- `, `? `, `: `); reports the first tab among them.
        mutating func scanIndentation(_ line: [Unicode.Scalar], number: Int) -> Int {
            var i = 0
            while i < line.count {
                let c = line[i]
                if c == "\t" {
                    report(.yamlTab, number, i, "tab character in indentation: YAML forbids tabs for indentation, use spaces")
                    return line.count
                }
                if c == " " { i += 1; continue }
                if c == "-" || c == "?" || c == ":", i + 1 == line.count || line[i + 1] == " " || line[i + 1] == "\t" {
                    if c != "-" { return i }  // `? ` and `: ` are for scanContent to judge
                    i += 1
                    continue
                }
                return i
            }
            return i
        }

        mutating func scanContent(_ line: [Unicode.Scalar], from start: Int, number: Int) {
            var i = start
            var keyStart = quote == nil  // at the start of a line's content a key may begin
            var lastKeyColumn = start
            var lastDash = line[..<min(start, line.count)].lastIndex(of: "-")
            var previous: Unicode.Scalar = start == 0 ? " " : line[start - 1]
            while i < line.count {
                let c = line[i]
                if let open = quote {
                    i = skipQuoted(line, from: i, quote: open)
                    previous = "x"
                    continue
                }
                if c == " " || c == "\t" { previous = c; i += 1; continue }
                if c == "#", previous == " " || previous == "\t" || i == 0 { return }
                let tokenStart = previous == " " || previous == "\t" || i == 0 || "[{,".unicodeScalars.contains(previous)
                if keyStart {
                    lastKeyColumn = i
                    if let problem = keyProblem(line, at: i) {
                        report(.complexKey, number, i, problem)
                        return
                    }
                }
                if tokenStart, c == "'" || c == "\"" {
                    quote = c
                    i = skipQuoted(line, from: i + 1, quote: c)
                    keyStart = false
                    previous = "x"
                    continue
                }
                if tokenStart, flowDepth == 0, c == "|" || c == ">", isBlockScalarHeader(line, from: i) {
                    blockScalarParent = keyStart ? (lastDash ?? 0) : lastKeyColumn
                    return
                }
                switch c {
                case "[", "{":
                    if tokenStart || flowDepth > 0 { flowDepth += 1; keyStart = true } else { keyStart = false }
                case "]", "}":
                    flowDepth = max(flowDepth - 1, 0)
                    keyStart = false
                case ",":
                    keyStart = flowDepth > 0
                case "-" where keyStart && flowDepth == 0 && (i + 1 == line.count || line[i + 1] == " "):
                    lastDash = i
                default:
                    keyStart = false
                }
                previous = c
                i += 1
            }
        }

        /// Past the closing quote (or the end of the line, leaving `quote` set).
        mutating func skipQuoted(_ line: [Unicode.Scalar], from start: Int, quote open: Unicode.Scalar) -> Int {
            var i = start
            while i < line.count {
                let c = line[i]
                if open == "\"", c == "\\" { i += 2; continue }
                if c == open {
                    if open == "'", i + 1 < line.count, line[i + 1] == "'" { i += 2; continue }
                    quote = nil
                    return i + 1
                }
                i += 1
            }
            quote = open
            return line.count
        }

        /// A key at `i` that is not a scalar: `? key`, `*alias:`, `[a, b]:`, `{a: b}:`.
        mutating func keyProblem(_ line: [Unicode.Scalar], at i: Int) -> String? {
            let c = line[i]
            if c == "?", i + 1 == line.count || line[i + 1] == " " || line[i + 1] == "\t" {
                return "complex mapping keys ('? ') are not supported: a key is a plain name"
            }
            if c == "*" {
                var j = i + 1
                while j < line.count, line[j].properties.isAlphabetic || line[j].properties.numericType != nil
                        || line[j] == "-" || line[j] == "_" { j += 1 }
                let name = String(String.UnicodeScalarView(line[(i + 1)..<j]))
                if isKeyColon(line, after: j) { return "an alias (*\(name)) cannot be a mapping key: a key is a plain name" }
            }
            if c == "[" || c == "{", let close = matchingBracket(line, from: i), isKeyColon(line, after: close + 1) {
                return "a \(c == "[" ? "list" : "mapping") cannot be a mapping key: a key is a plain name"
            }
            return nil
        }

        /// Whether, after optional spaces, a `:` follows that makes what precedes it a key.
        func isKeyColon(_ line: [Unicode.Scalar], after start: Int) -> Bool {
            var j = start
            while j < line.count, line[j] == " " || line[j] == "\t" { j += 1 }
            guard j < line.count, line[j] == ":" else { return false }
            return j + 1 == line.count || " \t,]}".unicodeScalars.contains(line[j + 1])
        }

        /// The index of the bracket that closes the one at `start`, on the same line.
        mutating func matchingBracket(_ line: [Unicode.Scalar], from start: Int) -> Int? {
            if let known = matches[start] { return known }
            var open: [Int] = []
            var i = start
            var inQuote: Unicode.Scalar?
            while i < line.count {
                let c = line[i]
                if let q = inQuote {
                    if q == "\"", c == "\\" { i += 2; continue }
                    if c == q { inQuote = nil }
                } else if c == "'" || c == "\"" {
                    inQuote = c
                } else if c == "[" || c == "{" {
                    open.append(i)
                } else if c == "]" || c == "}" {
                    if let opened = open.popLast() { matches[opened] = i }
                    if open.isEmpty { return i }
                }
                i += 1
            }
            for opened in open { matches[opened] = .some(nil) }
            return nil
        }

        /// `|`, `>`, with optional chomping and indentation indicators, then only a comment.
        func isBlockScalarHeader(_ line: [Unicode.Scalar], from start: Int) -> Bool {
            var j = start + 1
            while j < line.count, "+-123456789".unicodeScalars.contains(line[j]) { j += 1 }
            guard j == line.count || line[j] == " " || line[j] == "\t" else { return false }
            while j < line.count, line[j] == " " || line[j] == "\t" { j += 1 }
            return j == line.count || line[j] == "#"
        }

        mutating func report(_ code: DiagnosticCode, _ line: Int, _ scalarIndex: Int, _ message: String) {
            diagnostics.append(.error(code, source.location(line: line, scalarColumn: scalarIndex + 1), message))
        }
    }
}
