/// Comma-separated values that a spreadsheet opens as they are (RFC 4180): UTF-8 with a byte
/// order mark, so that Excel reads Vietnamese right; CRLF line ends; a field quoted when it holds
/// a comma, a quote or a line break, its quotes doubled.
struct CSV {
    private(set) var text = "\u{FEFF}"

    mutating func add(_ fields: [String]) {
        text += fields.map(Self.quote).joined(separator: ",") + "\r\n"
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
