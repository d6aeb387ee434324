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

/// Comments that quote a source document: `# Nguồn (III.1): "…"`.
enum SourceQuotes {
    /// The text of a line that is only a comment, else `nil`.
    static func comment(wholeLine line: String) -> String? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        return trimmed.first == "#" ? String(trimmed.dropFirst()) : nil
    }

    /// The comment that ends a line of YAML (`key: value  # …`), outside quoted scalars.
    static func trailingComment(_ line: String) -> String? {
        var quote: Character?
        var previous: Character = " "
        for (offset, c) in line.enumerated() {
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#", previous == " " || previous == "\t" {
                return String(line.dropFirst(offset + 1))
            }
            previous = c
        }
        return nil
    }

    /// Whether the text holds a passage in quotation marks ("…" or “…”).
    static func quotes(_ text: String) -> Bool {
        text.filter { $0 == "\"" }.count >= 2 || (text.contains("“") && text.contains("”"))
    }
}
