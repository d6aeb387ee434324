/// Where something is in a file: 1-based line and column (columns count characters).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The same place, `characters` further along the line (for a problem inside a value).
    public func advanced(by characters: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + characters)
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// A problem found in the files, rendered `file:line:col: error: message`, with the stable
/// code of its kind (`DiagnosticCode`).
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case error, warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var code: DiagnosticCode

    public init(_ severity: Severity, _ code: DiagnosticCode, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
    }

    public static func error(_ code: DiagnosticCode, _ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, code, at: location, message)
    }

    public static func warning(_ code: DiagnosticCode, _ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.warning, code, at: location, message)
    }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}
