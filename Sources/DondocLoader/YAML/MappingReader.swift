import DondocCore
import Yams

/// A value read from a file, with the place it was written.
struct Located<Value> {
    var value: Value
    var location: SourceLocation

    init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// Typed access to one mapping of a document. Reports, as it goes, keys that are duplicated
/// or unknown (with the nearest known key), required keys that are missing, and values of
/// the wrong shape. It never stops at a problem: a missing or bad value reads as `nil`.
struct MappingReader {
    let document: YAMLDocument
    let bag: DiagnosticBag
    let node: Node
    /// Names the mapping in messages: `step 'quan-triet'`, `'directive'`, `unit 'bo-noi-vu'`.
    let subject: String
    private var entries: [String: (key: Node, value: Node)] = [:]
    /// Keys an unknown key was taken for (`isued` → `issued`): not reported again as missing.
    private var suggested: Set<String> = []

    var location: SourceLocation { document.location(of: node) }

    /// `nil` (reported) when `node` is not a mapping. `misplaced` gives a message for a key that
    /// belongs elsewhere, instead of "unknown key".
    init?(_ node: Node, subject: String, allowed: [String], document: YAMLDocument, bag: DiagnosticBag,
          misplaced: [String: String] = [:]) {
        self.document = document
        self.bag = bag
        self.node = node
        self.subject = subject
        guard case .mapping(let mapping) = node else {
            bag.error(.notMapping, document.location(of: node), "\(subject) must be a mapping of keys, found \(NodeText.describe(node))")
            return nil
        }
        entries.reserveCapacity(mapping.count)
        for (key, value) in mapping where !document.isSuppressed(key) {
            // Where the key was written is worked out only for a message: most keys have none.
            var keyLocation: SourceLocation { document.location(of: key) }
            guard case .scalar(let scalar) = key else {
                bag.error(.complexKey, keyLocation, "a key must be a plain name, found \(NodeText.describe(key))")
                continue
            }
            let name = scalar.string
            if let earlier = entries[name] {
                let first = document.location(of: earlier.key)
                bag.error(.duplicateKey, keyLocation, "duplicate key '\(name)': already given at line \(first.line), column \(first.column)")
                continue
            }
            entries[name] = (key, value)
            guard !allowed.contains(name) else { continue }
            if let message = misplaced[name] {
                bag.error(.misplacedKey, keyLocation, message)
            } else if name == "<<" {
                bag.error(.mergeKey, keyLocation, "merge keys ('<<') are not supported: write the keys out")
            } else if let suggestion = Suggestion.closest(to: name, in: allowed) {
                bag.error(.unknownKey, keyLocation, "unknown key '\(name)' in \(subject): did you mean '\(suggestion)'?")
                suggested.insert(suggestion)
            } else {
                bag.error(.unknownKey, keyLocation, "unknown key '\(name)' in \(subject) (expected \(MappingReader.list(allowed)))")
            }
        }
    }

    /// `'a', 'b' or 'c'`.
    static func list(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    }

    /// The scalar text under `key` of a mapping node, without reading or reporting anything.
    static func peek(_ key: String, in node: Node) -> String? {
        guard case .mapping(let mapping) = node else { return nil }
        for (k, v) in mapping where k.scalar?.string == key {
            if case .scalar(let scalar) = v, !NodeText.isNull(v) { return scalar.string }
        }
        return nil
    }

    // MARK: - Presence

    /// Whether the key is written, even with an empty value.
    func has(_ key: String) -> Bool { entries[key] != nil }

    func keyLocation(_ key: String) -> SourceLocation? {
        entries[key].map { document.location(of: $0.key) }
    }

    /// The value under `key`; `nil` when absent or null, reporting that when `required`.
    func value(_ key: String, required: Bool = false) -> Node? {
        guard let entry = entries[key] else {
            if required && !suggested.contains(key) { bag.error(.missingKey, location, "missing required key '\(key)' in \(subject)") }
            return nil
        }
        if NodeText.isNull(entry.value) {
            if required { bag.error(.noValue, document.location(of: entry.key), "'\(key)' has no value") }
            return nil
        }
        return entry.value
    }

    // MARK: - Typed values

    /// A scalar's text.
    func text(_ key: String, required: Bool = false) -> Located<String>? {
        guard let node = value(key, required: required) else { return nil }
        return MappingReader.text(node, named: key, document: document, bag: bag)
    }

    static func text(_ node: Node, named name: String, document: YAMLDocument, bag: DiagnosticBag) -> Located<String>? {
        guard case .scalar(let scalar) = node else {
            bag.error(.notText, document.location(of: node), "'\(name)' must be text, found \(NodeText.describe(node))")
            return nil
        }
        return Located(scalar.string, at: document.location(of: node))
    }

    /// A date `YYYY-MM-DD`.
    func date(_ key: String, required: Bool = false) -> Located<CivilDate>? {
        guard let text = text(key, required: required) else { return nil }
        return ValueRules.date(text, bag: bag)
    }

    /// A list of scalars; a single scalar reads as a list of one.
    func textList(_ key: String, required: Bool = false) -> [Located<String>]? {
        guard let node = value(key, required: required) else { return nil }
        switch node {
        case .scalar:
            return MappingReader.text(node, named: key, document: document, bag: bag).map { [$0] }
        case .sequence(let sequence):
            if sequence.isEmpty && required {
                bag.error(.emptyList, document.location(of: node), "'\(key)' is empty: name at least one")
            }
            return sequence.compactMap { item in
                if NodeText.isNull(item) {
                    bag.error(.emptyItem, document.location(of: item), "an empty item in '\(key)'")
                    return nil
                }
                guard case .scalar(let scalar) = item else {
                    bag.error(.notText, document.location(of: item), "items of '\(key)' must be text, found \(NodeText.describe(item))")
                    return nil
                }
                return Located(scalar.string, at: document.location(of: item))
            }
        default:
            bag.error(.notList, document.location(of: node), "'\(key)' must be a list, found \(NodeText.describe(node))")
            return nil
        }
    }

    /// The items of a list.
    func sequence(_ key: String, required: Bool = false) -> [Node]? {
        guard let node = value(key, required: required) else { return nil }
        guard case .sequence(let sequence) = node else {
            bag.error(.notList, document.location(of: node), "'\(key)' must be a list, found \(NodeText.describe(node))")
            return nil
        }
        return Array(sequence)
    }

    /// A value from a fixed set of words (`phase`, `on-rest-day`, `kind`, `status`).
    func choice<T: RawRepresentable>(_ key: String, of type: T.Type, required: Bool = false) -> Located<T>?
    where T: CaseIterable, T.RawValue == String {
        guard let text = text(key, required: required) else { return nil }
        if let value = T(rawValue: text.value) { return Located(value, at: text.location) }
        let words = T.allCases.map(\.rawValue)
        let hint = Suggestion.closest(to: text.value, in: words).map { ": did you mean '\($0)'?" }
            ?? " (expected \(MappingReader.list(words)))"
        bag.error(.unknownWord, text.location, "unknown \(key) '\(text.value)'\(hint)")
        return nil
    }
}

extension Located: Sendable where Value: Sendable {}
