import DondocCore

/// Months drawn like `cal`, Monday first, with the civil-service calendar's marks.
struct MonthView {
    let calendar: WorkCalendar

    static let cellWidth = 4
    static let width = 7 * cellWidth

    func yearHeader(_ year: Int) -> String {
        switch calendar.status(of: year) {
        case .confirmed: "Lịch \(year): confirmed (calendars/vn-\(year).yaml)"
        case .provisional where calendar.hasFile(for: year):
            "Lịch \(year): provisional (calendars/vn-\(year).yaml not yet confirmed)"
        case .provisional: "Lịch \(year): provisional, computed from the Labour Code 2019"
        }
    }

    /// One month: a title line, the weekday line and up to six week lines, each `width` wide.
    func render(year: Int, month: Int) -> [String] {
        let title = "Tháng \(month) năm \(year)"
        let padding = max(0, (MonthView.width - title.count) / 2)
        var lines = [pad(String(repeating: " ", count: padding) + title)]
        lines.append(Weekday.allCases.map { leftPad($0.vietnameseShort, MonthView.cellWidth - 1) + " " }.joined())
        let first = CivilDate(year: year, month: month, day: 1)!
        var week = String(repeating: " ", count: (first.weekday.rawValue - 1) * MonthView.cellWidth)
        for day in 1...CivilDate.daysIn(year: year, month: month) {
            let date = CivilDate(year: year, month: month, day: day)!
            week += leftPad("\(day)", MonthView.cellWidth - 1) + mark(date)
            if date.weekday == .sunday {
                lines.append(week)
                week = ""
            }
        }
        if !week.isEmpty { lines.append(pad(week)) }
        while lines.count < 8 { lines.append(pad("")) }
        return lines
    }

    /// The whole year, three months across.
    func render(year: Int) -> String {
        var blocks: [String] = []
        for row in 0..<4 {
            let months = (1...3).map { render(year: year, month: row * 3 + $0) }
            let lines = (0..<months[0].count).map { i in months.map { $0[i] }.joined(separator: "  ") }
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n")
    }

    /// `*` a day off (holiday, swap-off), `+` a worked Saturday or Sunday, space otherwise.
    func mark(_ date: CivilDate) -> String {
        let working = calendar.isWorkingDay(date)
        if date.isWeekend { return working ? "+" : " " }
        return working ? " " : "*"
    }

    func legend(entries: [DayEntry]) -> String {
        var lines = ["", "* nghỉ (day off)   + làm việc bù (worked weekend day)"]
        for entry in entries {
            let sign = entry.kind == .workingDay ? "+" : "*"
            lines.append("\(sign) \(entry.date.vietnamese) \(entry.date.weekday.vietnameseShort)  \(entry.kind.rawValue)  \(entry.name)\(entry.source.map { "  [\($0)]" } ?? "")")
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ s: String) -> String { s + String(repeating: " ", count: max(0, MonthView.width - s.count)) }
    private func leftPad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
}
