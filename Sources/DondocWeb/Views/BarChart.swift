import DondocApp

/// The dashboard's bar chart (DESIGN §6.3): one horizontal bar per report category, as inline
/// SVG that the template draws from these numbers. Colours come from the stylesheet's classes:
/// the CSP allows no `style` attribute.
struct BarChart {
    static let labelWidth = 210
    static let barSpace = 380
    static let rowHeight = 34
    static let barHeight = 22

    let counts: Report.Counts

    var values: [String: Any] {
        let most = max(1, ReportCategory.allCases.map { counts[$0] }.max() ?? 0)
        let bars: [[String: Any]] = ReportCategory.allCases.enumerated().map { index, category in
            let count = counts[category]
            let width = count == 0 ? 0 : max(2, count * Self.barSpace / most)
            let y = 8 + index * Self.rowHeight
            return ["category": category.rawValue, "label": WebText.category(category), "count": count,
                    "x": Self.labelWidth, "y": y, "width": width, "height": Self.barHeight,
                    "textX": Self.labelWidth + width + 8, "textY": y + Self.barHeight - 6, "labelX": Self.labelWidth - 10, "labelY": y + Self.barHeight - 6]
        }
        let height = 16 + ReportCategory.allCases.count * Self.rowHeight
        return ["width": Self.labelWidth + Self.barSpace + 70, "height": height, "bars": bars,
                "axisX": Self.labelWidth, "axisY2": height - 4,
                "summary": ReportCategory.allCases.map { "\(WebText.category($0)): \(counts[$0])" }.joined(separator: "; ")]
    }

    /// A row's categories side by side in one bar of `width` units, for the tables: each
    /// segment's offset and width (the last one takes what rounding left over).
    static func segments(_ counts: Report.Counts, width: Int = 100) -> [[String: Any]] {
        guard counts.total > 0 else { return [] }
        var segments: [[String: Any]] = []
        var x = 0
        let present = ReportCategory.allCases.filter { counts[$0] > 0 }
        for (index, category) in present.enumerated() {
            let share = index == present.count - 1 ? width - x : counts[category] * width / counts.total
            segments.append(["category": category.rawValue, "x": x, "width": share, "count": counts[category],
                             "label": WebText.category(category)])
            x += share
        }
        return segments
    }
}
