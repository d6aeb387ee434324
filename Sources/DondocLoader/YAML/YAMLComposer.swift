import DondocCore
import Yams

/// A key's position as libyaml marks it (columns in scalars).
struct MarkKey: Hashable {
    let line: Int
    let column: Int

    init(_ mark: Mark) {
        line = mark.line
        column = mark.column
    }

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// Composes a document with Yams and turns every failure into a diagnostic.
///
/// Yams stops at the first duplicate key of a mapping. To go on and report the rest of the
/// file, the composer finds the duplicate in the text, reports it, renames it to a unique
/// placeholder of the same length (so every position stays put), remembers its position so
/// that readers skip it, and composes again.
enum YAMLComposer {
    struct Outcome {
        /// The first document's root, within `NodeBudget`; `nil` when there is none to read.
        var root: Node?
        var diagnostics: [Diagnostic] = []
        /// Renamed duplicate keys, already reported.
        var suppressedKeys: Set<MarkKey> = []
    }

    static let maxDuplicateRounds = 100
    /// Each duplicate key reported costs a parse of the whole file again: at most this many
    /// bytes are parsed for them, so that a megabyte of duplicates is answered as quickly as a
    /// small file with a hundred (the fuzzer's 1 MiB file of them took 14 s at 100 rounds).
    static let duplicateBudgetBytes = 2 << 20

    /// How many duplicate keys are reported in a file of `bytes` bytes before giving up.
    static func duplicateRounds(forBytes bytes: Int) -> Int {
        max(2, min(maxDuplicateRounds, duplicateBudgetBytes / max(bytes, 1)))
    }

    /// Runs on a large stack (see `LargeStack`); deep or exploding trees never leave it.
    static func compose(_ source: SourceText) -> Outcome {
        let box = SourceBox(source)
        return LargeStack.run { composeHere(box.source) }.outcome
    }

    private static func composeHere(_ source: SourceText) -> OutcomeBox {
        var outcome = Outcome()
        var text = source.text
        let rounds = duplicateRounds(forBytes: text.utf8.count)
        for _ in 0..<rounds {
            let parser: Parser
            do {
                parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
                guard let root = try parser.nextRoot() else {
                    outcome.diagnostics.append(.error(.emptyFile, source.start, "the file is empty"))
                    return OutcomeBox(outcome)
                }
                if let violation = NodeBudget.check(root) {
                    var at = source.location(of: root)
                    if case .tooDeep(let node?) = violation { at = source.location(of: node) }
                    outcome.diagnostics.append(.error(.yamlLimit, at, violation.message))
                    return OutcomeBox(outcome)
                }
                outcome.root = root
            } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
                guard let key = duplicates.first,
                      let renamed = DuplicateKey.rename(key, firstAt: context.mark, in: &text, round: outcome.suppressedKeys.count)
                else {
                    let name = duplicates.first ?? "?"
                    outcome.diagnostics.append(.error(.duplicateKey, source.location(of: context.mark), "duplicate key '\(name)' in this mapping"))
                    return OutcomeBox(outcome)
                }
                let first = source.location(of: context.mark)
                outcome.diagnostics.append(.error(.duplicateKey, source.location(line: renamed.line, scalarColumn: renamed.column),
                    "duplicate key '\(key)': already given at line \(first.line), column \(first.column)"))
                outcome.suppressedKeys.insert(renamed)
                continue
            } catch {
                outcome.diagnostics.append(diagnostic(for: error, in: source))
                return OutcomeBox(outcome)
            }
            // The first document is good; a second one is an error, as is any syntax error in it.
            do {
                if let second = try parser.nextRoot() {
                    outcome.diagnostics.append(.error(.secondDocument, separator(before: second, in: source),
                        "a second YAML document starts here: a workflow file holds exactly one"))
                }
            } catch {
                outcome.diagnostics.append(diagnostic(for: error, in: source))
            }
            return OutcomeBox(outcome)
        }
        outcome.diagnostics.append(.error(.duplicateKey, source.start,
            "more than \(rounds) duplicate keys: fix these first"))
        outcome.root = nil
        return OutcomeBox(outcome)
    }

    /// The `---` line that opens the document whose root is `node`, or the root itself.
    static func separator(before node: Node, in source: SourceText) -> SourceLocation {
        let rootLine = node.mark?.line ?? 1
        for line in stride(from: rootLine, through: 1, by: -1) where source.line(line).hasPrefix("---") {
            return SourceLocation(file: source.path, line: line, column: 1)
        }
        return source.location(of: node)
    }

    /// The name of the alias (`*name`) at a mark.
    static func aliasName(at mark: Mark, in source: SourceText) -> String {
        guard mark.line >= 1, mark.line <= source.lines.count else { return "" }
        let scalars = source.lines[mark.line - 1].dropFirst(mark.column)  // past the '*'
        return String(String.UnicodeScalarView(scalars.prefix {
            $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" || $0 == "_"
        }))
    }

    /// `file:line:col: error: YAML syntax: …` from libyaml's problem and context.
    static func diagnostic(for error: Error, in source: SourceText) -> Diagnostic {
        guard let error = error as? YamlError else {
            return .error(.yamlSyntax, source.start, "cannot read YAML: \(error)")
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if problem.contains("Maximum nesting level") {
                return .error(.yamlLimit, source.location(of: mark), NodeBudget.Violation.tooDeep(nil).message)
            }
            if problem == "found undefined alias" {
                let name = aliasName(at: mark, in: source)
                return .error(.yamlUndefinedAlias, source.location(of: mark),
                              "YAML syntax: alias '*\(name)' is not defined: its anchor '&\(name)' must come before it")
            }
            var message = "YAML syntax: \(problem)"
            if let context {
                let at = source.location(of: context.mark)
                message += " (\(context.text) at line \(at.line), column \(at.column))"
            }
            return .error(.yamlSyntax, source.location(of: mark), message)
        case .reader(let problem, let offset, let value, _):
            let location = offset.map(source.location(characterOffset:)) ?? source.start
            let found = value >= 0 ? " (found \(unicodeName(value)))" : ""
            return .error(.yamlSyntax, location, "YAML syntax: \(problem)\(found)")
        case .memory:
            return .error(.yamlSyntax, source.start, "YAML: out of memory")
        case .dataCouldNotBeDecoded:
            return .error(.invalidUTF8, source.start, "invalid UTF-8: save the file as UTF-8")
        default:
            return .error(.yamlSyntax, source.start, "YAML: \(error)")
        }
    }
}

/// `U+0001`.
func unicodeName(_ value: some BinaryInteger) -> String {
    let hex = String(value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}

/// Carries values that are not `Sendable` (Yams' nodes) to and from the parsing thread.
private final class SourceBox: @unchecked Sendable {
    let source: SourceText
    init(_ source: SourceText) { self.source = source }
}

private struct OutcomeBox: @unchecked Sendable {
    let outcome: YAMLComposer.Outcome
    init(_ outcome: YAMLComposer.Outcome) { self.outcome = outcome }
}
