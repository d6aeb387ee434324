import DondocCore
import Yams

/// One YAML file, checked and composed: a mapping at the top, within every bound.
struct YAMLDocument {
    /// Files larger than this are refused unread: a workflow file is a few kilobytes.
    static let maxBytes = 1 << 20

    let source: SourceText
    let root: Node.Mapping
    let rootNode: Node
    /// Duplicate keys already reported; readers skip them.
    let suppressedKeys: Set<MarkKey>

    var path: String { source.path }

    /// Reads `bytes` as the file at `path`; `nil` (with the reasons in `bag`) when nothing in
    /// it can be used. Multiple documents are reported, and the first is still returned.
    static func load(path: String, bytes: [UInt8], into bag: DiagnosticBag) -> YAMLDocument? {
        let start = SourceLocation(file: path, line: 1, column: 1)
        if bytes.count > maxBytes {
            bag.error(.tooLarge, start, "file is too large: \(bytes.count) bytes, the limit is 1 MiB (\(maxBytes) bytes)")
            return nil
        }
        if let offset = YAMLPrescan.firstInvalidUTF8(bytes) {
            let hex = String(bytes[offset], radix: 16, uppercase: true)
            bag.error(.invalidUTF8, YAMLPrescan.location(ofByte: offset, in: bytes, path: path),
                      "invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" : "")\(hex)): save the file as UTF-8")
            return nil
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return load(source: SourceText(path: path, text: text), into: bag)
    }

    static func load(source: SourceText, into bag: DiagnosticBag) -> YAMLDocument? {
        let problems = YAMLPrescan.problems(in: source)
        if !problems.isEmpty {
            bag.append(contentsOf: problems)
            return nil
        }
        let outcome = YAMLComposer.compose(source)
        bag.append(contentsOf: outcome.diagnostics)
        guard let root = outcome.root else { return nil }
        if NodeText.isNull(root) {
            bag.error(.emptyFile, source.start, "the file is empty")
            return nil
        }
        guard case .mapping(let mapping) = root else {
            bag.error(.notMapping, source.location(of: root), "the top level must be a mapping of keys, found \(NodeText.describe(root))")
            return nil
        }
        return YAMLDocument(source: source, root: mapping, rootNode: root, suppressedKeys: outcome.suppressedKeys)
    }

    func location(of node: Node) -> SourceLocation { source.location(of: node) }

    func isSuppressed(_ key: Node) -> Bool {
        guard let mark = key.mark else { return false }
        return suppressedKeys.contains(MarkKey(mark))
    }
}

/// How scalars read and how nodes are named in messages.
enum NodeText {
    /// YAML's null: an empty plain scalar, `~`, `null`.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// `a list`, `a mapping`, `text 'abc'`, `nothing`.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if isNull(node) { return "nothing" }
            let text = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string
            return "'\(text)'"
        }
    }
}
