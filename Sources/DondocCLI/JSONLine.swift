/// One JSON object on one line, keys in the order given (DESIGN §4: `--format json`).
struct JSONLine {
    private var fields: [String] = []

    mutating func add(_ key: String, _ value: String?) {
        fields.append("\(JSONLine.quote(key)):\(value.map(JSONLine.quote) ?? "null")")
    }

    mutating func add(_ key: String, _ value: Int) {
        fields.append("\(JSONLine.quote(key)):\(value)")
    }

    mutating func add(_ key: String, _ value: Bool) {
        fields.append("\(JSONLine.quote(key)):\(value)")
    }

    mutating func add(_ key: String, _ values: [String]) {
        fields.append("\(JSONLine.quote(key)):[\(values.map(JSONLine.quote).joined(separator: ","))]")
    }

    var text: String { "{\(fields.joined(separator: ","))}" }

    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest
    /// (Vietnamese included) as UTF-8.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
