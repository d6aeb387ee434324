import DondocCore

/// `check --strict`: the rule of `Workflows/README.md` that every date, cadence or recipient
/// the source does not give is marked. A step's `due:`, `report-to:` and `support:` each need a
/// quotation of the source — in the `#` comment block directly above the step, or in a comment
/// ending the key's own line — or the step's `note:` explaining the administrator's choice.
/// The check sees that a quotation or a note is there, not what it says.
enum SourceMarkChecks {
    static let keys = ["due", "report-to", "support"]

    static func run(_ context: ValidationContext) {
        for directive in context.directives {
            for step in directive.steps where step.note == nil {
                let unmarked = keys.filter { step.keyLocations[$0] != nil && !step.quotesSource && !step.quotedKeys.contains($0) }
                guard let first = unmarked.first, let at = step.keyLocations[first] else { continue }
                let list = unmarked.map { "'\($0):'" }.joined(separator: ", ")
                context.bag.warning(.unmarkedChoice, at,
                    "\(step.name): \(list) with no quoted source line and no 'note:': quote the source in a comment above the step, or say in 'note:' what the administrator chose")
            }
        }
    }
}

/// Comments that quote a source document: `# Nguồn (III.1): "…"`. Read as UTF-8 bytes of the
/// line as it is in the file (every mark they look for is ASCII but the curly quotes): every step
/// of every directive file passes its comments through here.
enum SourceQuotes {
    /// What a comment holds of quotation marks; a passage is quoted when there are two `"` or
    /// both of `“` and `”` (in one comment, or across the lines of a comment block).
    struct Marks {
        var straight = 0
        var opening = false
        var closing = false

        var quote: Bool { straight >= 2 || (opening && closing) }

        mutating func add<Bytes: Collection<UInt8>>(_ text: Bytes) {
            var index = text.startIndex
            while index != text.endIndex {
                let byte = text[index]
                if byte == UInt8(ascii: "\"") { straight += 1 }
                // “ is E2 80 9C, ” is E2 80 9D.
                if byte == 0xE2 {
                    let second = text.index(after: index)
                    if second != text.endIndex, text[second] == 0x80 {
                        let third = text.index(after: second)
                        if third != text.endIndex {
                            if text[third] == 0x9C { opening = true }
                            if text[third] == 0x9D { closing = true }
                        }
                    }
                }
                index = text.index(after: index)
            }
        }
    }

    /// The text after `#` of a line that is only a comment, else `nil`.
    static func comment<Bytes: Collection<UInt8>>(wholeLine line: Bytes) -> Bytes.SubSequence? {
        guard let first = line.firstIndex(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }),
              line[first] == UInt8(ascii: "#") else { return nil }
        return line[line.index(after: first)...]
    }

    /// The comment that ends a line of YAML (`key: value  # …`), outside quoted scalars.
    static func trailingComment<Bytes: Collection<UInt8>>(_ line: Bytes) -> Bytes.SubSequence? {
        var quote: UInt8?
        var previous = UInt8(ascii: " ")
        var index = line.startIndex
        while index != line.endIndex {
            let c = line[index]
            index = line.index(after: index)
            if let open = quote {
                if c == open { quote = nil }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: "#"), previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t") {
                return line[index...]
            }
            previous = c
        }
        return nil
    }

    /// Whether the text holds a passage in quotation marks ("…" or “…”).
    static func quotes<Bytes: Collection<UInt8>>(_ text: Bytes) -> Bool {
        var marks = Marks()
        marks.add(text)
        return marks.quote
    }
}
