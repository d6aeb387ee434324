/// A plain-text table with columns padded to their widest cell (by characters, so that
/// Vietnamese text lines up).
struct Table {
    let headers: [String]
    private(set) var rows: [[String]] = []

    init(_ headers: String...) { self.headers = headers }

    mutating func add(_ cells: String...) { rows.append(cells) }
    mutating func add(row cells: [String]) { rows.append(cells) }

    /// The header line and the rows.
    var text: String { render(includeHeader: true) }

    /// The rows alone, for key–value listings.
    var body: String { render(includeHeader: false) }

    private func render(includeHeader: Bool) -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() {
                let last = i == cells.count - 1
                parts.append(last ? cell : cell + String(repeating: " ", count: widths[i] - cell.count))
            }
            return parts.joined(separator: "  ")
        }
        return ((includeHeader ? [line(headers)] : []) + rows.map(line)).joined(separator: "\n")
    }
}
