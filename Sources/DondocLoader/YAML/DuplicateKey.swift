import Yams

/// Finds the second occurrence of a duplicated key in the text and renames it in place.
enum DuplicateKey {
    /// Renames the occurrence of `key` that follows the one at `first` in the same mapping to
    /// a placeholder no file contains (private-use characters, as many scalars as the key), and
    /// returns where it is. `nil` when the text does not show where it is.
    static func rename(_ key: String, firstAt first: Mark, in text: inout String, round: Int) -> MarkKey? {
        var scalars = Array(text.unicodeScalars)
        let lineStarts = lineStarts(of: scalars)
        guard first.line >= 1, first.line <= lineStarts.count else { return nil }
        let keyScalars = Array(key.unicodeScalars)
        guard !keyScalars.isEmpty,
              let found = findInBlock(keyScalars, first: first, scalars: scalars, lineStarts: lineStarts)
                ?? findInFlow(keyScalars, first: first, scalars: scalars, lineStarts: lineStarts)
        else { return nil }
        let placeholder = [Unicode.Scalar(0xE000 + UInt32(round % 0x1000))!]
            + [Unicode.Scalar](repeating: Unicode.Scalar(0xF8FF)!, count: keyScalars.count - 1)
        scalars.replaceSubrange(found.textStart..<(found.textStart + keyScalars.count), with: placeholder)
        text = String(String.UnicodeScalarView(scalars))
        return found.mark
    }

    struct Found {
        /// Where the key's node starts (its quote, if quoted).
        let mark: MarkKey
        /// Where the key's text starts.
        let textStart: Int
    }

    static func lineStarts(of scalars: [Unicode.Scalar]) -> [Int] {
        var starts = [0]
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if SourceText.isBreak(c) {
                if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        return starts
    }

    /// A block mapping's keys stand in one column: look down that column, until the mapping ends.
    static func findInBlock(_ key: [Unicode.Scalar], first: Mark, scalars: [Unicode.Scalar], lineStarts: [Int]) -> Found? {
        let column = first.column - 1
        for line in (first.line + 1)..<(lineStarts.count + 1) {
            let start = lineStarts[line - 1]
            let end = line < lineStarts.count ? lineStarts[line] : scalars.count
            let content = scalars[start..<end]
            guard let firstNonSpace = content.firstIndex(where: { $0 != " " }),
                  !SourceText.isBreak(scalars[firstNonSpace]), scalars[firstNonSpace] != "#" else { continue }
            let indent = firstNonSpace - start
            if indent < column { return nil }
            if indent > column { continue }
            if let textStart = keyMatch(key, at: firstNonSpace, in: scalars) {
                return Found(mark: MarkKey(line: line, column: first.column), textStart: textStart)
            }
        }
        return nil
    }

    /// In a flow mapping: the next occurrence at the start of a token, followed by `:`.
    static func findInFlow(_ key: [Unicode.Scalar], first: Mark, scalars: [Unicode.Scalar], lineStarts: [Int]) -> Found? {
        var i = lineStarts[first.line - 1] + first.column - 1 + key.count
        var line = first.line
        while i < scalars.count {
            if SourceText.isBreak(scalars[i]) {
                if scalars[i] == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                line += 1
                i += 1
                continue
            }
            let previous = i == 0 ? " " : scalars[i - 1]
            if " \t{,".unicodeScalars.contains(previous), let textStart = keyMatch(key, at: i, in: scalars) {
                return Found(mark: MarkKey(line: line, column: i - lineStarts[line - 1] + 1), textStart: textStart)
            }
            i += 1
        }
        return nil
    }

    /// Whether the key (plain or quoted) starts at `i` and is followed by `:`; where its text starts.
    static func keyMatch(_ key: [Unicode.Scalar], at i: Int, in scalars: [Unicode.Scalar]) -> Int? {
        for quote: Unicode.Scalar? in [nil, "\"", "'"] {
            var j = i
            if let quote {
                guard j < scalars.count, scalars[j] == quote else { continue }
                j += 1
            }
            let textStart = j
            guard j + key.count <= scalars.count, Array(scalars[j..<(j + key.count)]) == key else { continue }
            j += key.count
            if let quote {
                guard j < scalars.count, scalars[j] == quote else { continue }
                j += 1
            }
            while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" { j += 1 }
            guard j < scalars.count, scalars[j] == ":" else { continue }
            let after = j + 1 < scalars.count ? scalars[j + 1] : " "
            if after == " " || after == "\t" || SourceText.isBreak(after) || ",]}".unicodeScalars.contains(after) || quote != nil {
                return textStart
            }
        }
        return nil
    }
}
