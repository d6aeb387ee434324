import DondocCore

/// Collects the diagnostics of one load, in the order they are found.
///
/// A reference type so that the readers and checks of one load can share it; it never
/// leaves the (synchronous) load that created it.
final class DiagnosticBag {
    private(set) var diagnostics: [Diagnostic] = []

    func error(_ location: SourceLocation, _ message: String) {
        diagnostics.append(.error(location, DiagnosticBag.oneLine(message)))
    }

    func warning(_ location: SourceLocation, _ message: String) {
        diagnostics.append(.warning(location, DiagnosticBag.oneLine(message)))
    }

    func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other.map { Diagnostic($0.severity, at: $0.location, DiagnosticBag.oneLine($0.message)) })
    }

    /// A diagnostic is one line: values quoted in messages may span several.
    static func oneLine(_ message: String) -> String {
        guard message.contains(where: \.isNewline) else { return message }
        return String(message.map { $0.isNewline ? "⏎" : $0 })
    }

    var errorCount: Int { diagnostics.count { $0.severity == .error } }

    /// The files that have at least one error.
    var filesWithErrors: Set<String> {
        Set(diagnostics.filter { $0.severity == .error }.map(\.location.file))
    }

    func hasErrors(in file: String) -> Bool {
        diagnostics.contains { $0.severity == .error && $0.location.file == file }
    }

    /// Sorted by file, line and column; at one place errors before warnings, then by message.
    var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let (l, r) = (a.element, b.element)
            if l.location != r.location { return l.location < r.location }
            if l.severity != r.severity { return l.severity < r.severity }
            return a.offset < b.offset
        }.map(\.element)
    }
}
