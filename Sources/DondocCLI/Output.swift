import Foundation

/// Results go to stdout, diagnostics to stderr (DESIGN §4).
enum Output {
    static func print(_ text: String) {
        Swift.print(text)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// `table` for people, `json` for programs: one JSON object per line.
enum OutputFormat: String, CaseIterable, Sendable {
    case table, json
}
