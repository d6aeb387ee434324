import ArgumentParser
import DondocApp
import DondocCore
import DondocLoader
import DondocStore

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Every obligation with its state: pending, due-soon, overdue, done, extended, extension-requested.",
        discussion: """
            The window of due dates defaults to the year before today and the 60 days after it. Open \
            obligations that are overdue are shown whatever their due date, until they are done or extended.
            """
    )

    @OptionGroup var config: ConfigOption

    @Option(help: ArgumentHelp("First due date to show (default: a year ago).", valueName: "date"))
    var from: CivilDate?

    @Option(help: ArgumentHelp("Last due date to show (default: in 60 days).", valueName: "date"))
    var to: CivilDate?

    @OptionGroup var unit: UnitOption

    @OptionGroup var output: FormatOption

    func validate() throws {
        if let from, let to, to < from { throw ValidationError("--to \(to) is before --from \(from)") }
    }

    func run() async throws {
        var filter: UnitFilter?
        let context = try await TrackingContext.read(config) { workflows, settings in
            filter = try unit.filter(org: workflows.org, directory: settings.workflows)
        }
        let workflows = context.workflows
        let window = StatusListing.defaultWindow(today: context.now.date)
        let start = from ?? window.lowerBound
        let end = to ?? window.upperBound
        let listing = StatusListing(planner: workflows.planner(sendAt: context.settings.sendAt), records: context.records, now: context.now)
        let obligations = listing.obligations(window: start...end, unit: filter)
        let out = LineWriter()
        defer { out.flush() }
        var table = Table("state", "hạn (due)", "key")
        for tracked in obligations {
            switch output.format {
            case .json:
                try out.write(ObligationDTO(tracked, fields: .status))
            case .table:
                table.add(tracked.state.rawValue, tracked.obligation.deadline.dueDate.description, tracked.obligation.key)
            }
        }
        if output.format == .table {
            out.write(table.text)
            let earlier = obligations.filter { $0.obligation.deadline.dueDate < start }.count
            let summary = "\(obligations.count - earlier) nghĩa vụ có hạn từ \(start) đến \(end)"
            out.write(earlier == 0 ? summary : summary + ", và \(earlier) nghĩa vụ quá hạn từ trước")
        }
        try context.loaded.finish()
    }
}
