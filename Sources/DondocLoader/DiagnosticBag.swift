import DondocCore

/// Collects the diagnostics of one load, in the order they are found.
///
/// A reference type so that the readers and checks of one load can share it; it never
/// leaves the (synchronous) load that created it.
///
/// The counts are kept as diagnostics arrive: readers ask for them after every entry, and a
/// file of a megabyte can hold tens of thousands of problems.
final class DiagnosticBag {
    private(set) var diagnostics: [Diagnostic] = []
    /// Errors so far.
    private(set) var errorCount = 0
    /// Errors so far, by file.
    private var errorsByFile: [String: Int] = [:]

    func error(_ code: DiagnosticCode, _ location: SourceLocation, _ message: String) {
        add(.error(code, location, DiagnosticBag.oneLine(message)))
    }

    func warning(_ code: DiagnosticCode, _ location: SourceLocation, _ message: String) {
        add(.warning(code, location, DiagnosticBag.oneLine(message)))
    }

    func append(contentsOf other: [Diagnostic]) {
        for diagnostic in other {
            add(Diagnostic(diagnostic.severity, diagnostic.code, at: diagnostic.location, DiagnosticBag.oneLine(diagnostic.message)))
        }
    }

    private func add(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
        if diagnostic.severity == .error {
            errorCount += 1
            errorsByFile[diagnostic.location.file, default: 0] += 1
        }
    }

    /// A diagnostic is one line: values quoted in messages may span several.
    static func oneLine(_ message: String) -> String {
        guard message.contains(where: \.isNewline) else { return message }
        return String(message.map { $0.isNewline ? "⏎" : $0 })
    }

    /// The files that have at least one error.
    var filesWithErrors: Set<String> { Set(errorsByFile.keys) }

    func hasErrors(in file: String) -> Bool { errorsByFile[file] != nil }

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
