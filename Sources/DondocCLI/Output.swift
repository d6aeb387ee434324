import Foundation

/// Results go to stdout, diagnostics to stderr (DESIGN §4).
enum Output {
    static func print(_ text: String, terminator: String = "\n") {
        FileHandle.standardOutput.write(Data((text + terminator).utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Lines to stdout through a buffer, for commands that print very many (JSON lines).
final class LineWriter {
    private var buffer: [UInt8] = []
    private let limit = 1 << 20

    init() { buffer.reserveCapacity(limit + 4096) }

    deinit { flush() }

    func write(_ line: JSONLine) {
        buffer += line.bytes
        buffer.append(UInt8(ascii: "}"))
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= limit { flush() }
    }

    /// One value as a JSON line (see `JSONLineEncoder`).
    func write(_ value: some Encodable) throws {
        write(try JSONLineEncoder().encode(value))
    }

    /// Bytes already made into lines.
    func write(bytes: [UInt8]) {
        if buffer.isEmpty && bytes.count >= limit {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        buffer += bytes
        if buffer.count >= limit { flush() }
    }

    func write(_ text: String) {
        buffer += text.utf8
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= limit { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// `table` for people, `json` for programs: one JSON object per line.
enum OutputFormat: String, CaseIterable, Sendable {
    case table, json
}
