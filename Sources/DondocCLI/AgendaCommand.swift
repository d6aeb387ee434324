import ArgumentParser
import DondocApp
import DondocCore

struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "Obligations and their deadlines in a window of days.",
        discussion: "The window runs from --from (default today) to --to, or for --days days (default 30)."
    )

    @OptionGroup var workflows: WorkflowsArgument

    @Option(help: ArgumentHelp("First day of the window (default: today).", valueName: "date"))
    var from: CivilDate?

    @Option(help: ArgumentHelp("Last day of the window.", valueName: "date"))
    var to: CivilDate?

    @Option(help: ArgumentHelp("Length of the window in days (default 30).", valueName: "n"))
    var days: Int?

    @OptionGroup var unit: UnitOption

    @OptionGroup var output: FormatOption

    func validate() throws {
        if to != nil && days != nil { throw ValidationError("give --to or --days, not both") }
        if let days, days < 1 || days > 36_600 { throw ValidationError("--days must be from 1 to 36600, found \(days)") }
        if let from, let to, to < from { throw ValidationError("--to \(to) is before --from \(from)") }
    }

    func run() throws {
        let report = workflows.load()
        let start = from ?? workflows.effectiveToday
        let end = to ?? start.adding(days: (days ?? 30) - 1)
        let obligations = try unit.obligations(of: report.workflows, due: start...end, directory: workflows.directory)
        switch output.format {
        case .json:
            let out = LineWriter()
            defer { out.flush() }
            for obligation in obligations {
                try out.write(ObligationDTO(obligation, fields: .agenda))
            }
        case .table:
            var table = Table("hạn (due)", "thứ", "còn", "văn bản", "bước", "đơn vị", "kỳ", "ghi chú")
            for obligation in obligations {
                let due = obligation.deadline.dueDate
                var notes: [String] = []
                if obligation.deadline.nominal != due { notes.append("hạn gốc \(obligation.deadline.nominal)") }
                if obligation.unit != obligation.assignedUnit { notes.append("thay \(obligation.assignedUnit)") }
                if !obligation.hasHolder { notes.append("không còn đơn vị nhận") }
                table.add(due.description, due.weekday.vietnameseShort, "\(start.days(to: due))",
                          obligation.directive, obligation.step, obligation.unit,
                          obligation.period?.description ?? "-", notes.joined(separator: "; "))
            }
            Output.print(table.text)
            Output.print("\(obligations.count) nghĩa vụ từ \(start) đến \(end)")
        }
        try report.finish()
    }
}
