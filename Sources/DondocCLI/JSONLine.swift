/// One JSON object on one line, keys in the order given (DESIGN §4: `--format json`).
/// Built as UTF-8 bytes: `simulate` writes hundreds of thousands of them.
struct JSONLine {
    private(set) var bytes: [UInt8] = [UInt8(ascii: "{")]

    /// A field name: the program's own literal (plain ASCII, written as it is, no allocation),
    /// or a coding key's name (quoted as any string).
    enum Name: ExpressibleByStringLiteral {
        case literal(StaticString)
        case text(String)

        init(stringLiteral value: StaticString) { self = .literal(value) }
        init(_ text: String) { self = .text(text) }
    }

    private mutating func key(_ key: Name) {
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
        switch key {
        case .literal(let literal):
            bytes.append(UInt8(ascii: "\""))
            literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
            bytes.append(UInt8(ascii: "\""))
        case .text(let text):
            JSONLine.quote(text, into: &bytes)
        }
        bytes.append(UInt8(ascii: ":"))
    }

    /// Empty again, keeping its storage: one line after another without allocating.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(UInt8(ascii: "{"))
    }

    mutating func add(_ name: Name, _ value: String?) {
        key(name)
        if let value { JSONLine.quote(value, into: &bytes) } else { bytes += "null".utf8 }
    }

    mutating func add(_ name: Name, _ value: Int) {
        key(name)
        bytes += String(value).utf8
    }

    mutating func add(_ name: Name, _ value: Double?) {
        key(name)
        bytes += (value.map { $0.isFinite ? String($0) : "null" } ?? "null").utf8
    }

    mutating func add(_ name: Name, _ value: Bool) {
        key(name)
        bytes += (value ? "true" : "false").utf8
    }

    mutating func add(_ name: Name, _ values: some Sequence<String>) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONLine.quote(value, into: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// The fields of `other`, appended after these.
    mutating func append(contentsOf other: JSONLine) {
        guard other.bytes.count > 1 else { return }
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
        bytes += other.bytes[1...]
    }

    var text: String { String(decoding: bytes + [UInt8(ascii: "}")], as: UTF8.self) }

    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest
    /// (Vietnamese included) as UTF-8.
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let plain = s.utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            // A plain loop: every line of `simulate` passes a few hundred bytes through here.
            for byte in buffer where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return false
            }
            out.append(contentsOf: buffer)
            return true
        }
        if plain == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
