import ArgumentParser
import DondocApp
import DondocCore
import DondocLoader

extension Report.Grouping: ExpressibleByArgument {}

/// `dondoc report` (DESIGN §6.5): counts per category per unit or directive, as the dashboard.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Obligations per unit or directive: done on time, done late, open on time, open overdue.",
        discussion: """
            Counts the obligations due from --from to --to (default: this calendar year), each in one
            category of the Government's task-tracking reports, and the share done on time (done on
            time / all). csv is UTF-8 with a byte order mark, for spreadsheets; json prints one object
            per unit or directive, then the total with a null id.
            """
    )

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case table, json, csv
    }

    @Option(help: ArgumentHelp("Count per unit or per directive.", valueName: "unit|directive"))
    var by: Report.Grouping = .unit

    @Option(help: ArgumentHelp("First due date counted (default: 1 January of the year of --to, else of this year).",
                               valueName: "date"))
    var from: CivilDate?

    @Option(help: ArgumentHelp("Last due date counted (default: 31 December of the year of --from, else of this year).",
                               valueName: "date"))
    var to: CivilDate?

    @Option(help: "table for people, json for one JSON object per line, csv for spreadsheets.")
    var format: Format = .table

    @OptionGroup var config: ConfigOption

    func validate() throws {
        if let from, let to, to < from { throw ValidationError("--to \(to) is before --from \(from)") }
    }

    func run() async throws {
        let context = try await TrackingContext.read(config)
        guard let window = Report.window(from: from, to: to, today: context.now.date) else {
            throw ValidationError("--to is before --from")
        }
        let workflows = context.workflows
        let report = Report(workflows.tracked(due: window, records: context.records, now: context.now), by: by, window: window,
                            workflows: workflows)
        switch format {
        case .table: Output.print(table(report))
        case .json: json(report)
        case .csv: Output.print(csv(report), terminator: "")
        }
        try context.loaded.finish()
    }

    var heading: String { by == .unit ? "đơn vị" : "văn bản" }

    func table(_ report: Report) -> String {
        var table = Table(heading, "xong đúng hạn", "xong quá hạn", "chưa xong, trong hạn", "chưa xong, quá hạn", "tổng", "tỉ lệ đúng hạn", "tên")
        for row in report.rows { table.add(row: [row.id] + cells(row.counts, percent: true) + [row.name ?? ""]) }
        table.add(row: ["tổng cộng"] + cells(report.total, percent: true) + [""])
        return table.text + "\n\(report.rows.count) \(heading), nghĩa vụ có hạn từ \(report.window.lowerBound) đến \(report.window.upperBound)"
    }

    func json(_ report: Report) {
        let out = LineWriter()
        defer { out.flush() }
        func write(_ id: String?, _ name: String?, _ counts: Report.Counts) {
            var line = JSONLine()
            line.add(by == .unit ? "unit" : "directive", id)
            line.add("name", name)
            for category in ReportCategory.allCases { line.add(.init(category.jsonName), counts[category]) }
            line.add("total", counts.total)
            line.add("on_time_share", counts.roundedOnTimeShare)
            out.write(line)
        }
        for row in report.rows { write(row.id, row.name, row.counts) }
        write(nil, nil, report.total)
    }

    func csv(_ report: Report) -> String {
        var csv = CSV()
        csv.add([heading, "tên"] + ReportCategory.allCases.map(\.vietnamese) + ["tổng", "tỉ lệ đúng hạn"])
        for row in report.rows { csv.add([row.id, row.name ?? ""] + cells(row.counts, percent: false)) }
        csv.add(["tổng cộng", ""] + cells(report.total, percent: false))
        return csv.text
    }

    /// The counts, the total and the share: `66,7%` for people, `0.6667` for spreadsheets.
    func cells(_ counts: Report.Counts, percent: Bool) -> [String] {
        ReportCategory.allCases.map { String(counts[$0]) } + [String(counts.total), percent ? counts.onTimePercent : decimal(counts)]
    }

    /// `0.6667`: a number a spreadsheet reads.
    func decimal(_ counts: Report.Counts) -> String { counts.roundedOnTimeShare.map { String($0) } ?? "" }
}
