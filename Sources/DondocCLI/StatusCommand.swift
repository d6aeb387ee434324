import ArgumentParser
import DondocCore
import DondocLoader
import DondocStore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Every obligation with its state: pending, due-soon, overdue, done, extended.",
        discussion: "The window defaults to the year before today and the 60 days after it."
    )

    @OptionGroup var config: ConfigOption

    @Option(help: ArgumentHelp("First due date to show (default: a year ago).", valueName: "date"))
    var from: CivilDate?

    @Option(help: ArgumentHelp("Last due date to show (default: in 60 days).", valueName: "date"))
    var to: CivilDate?

    @OptionGroup var unit: UnitOption

    @OptionGroup var output: FormatOption

    /// Reminders start this many working days before the target date: "due soon" from then on.
    static let dueSoonWorkingDays = 3

    func validate() throws {
        if let from, let to, to < from { throw ValidationError("--to \(to) is before --from \(from)") }
    }

    func run() throws {
        let settings = try config.load()
        let now = CivilTime.now()
        let report = WorkflowLoader.load(directory: settings.workflows, today: now.date)
        report.errors.forEach { Output.error($0.description) }
        let store = try config.openStore(settings)
        let progress: Progress
        do { progress = try store.progress() } catch { throw CommandFailure.findings("\(error)") }
        let workflows = report.workflows
        let planner = Planner(directives: workflows.directives, org: workflows.org, calendar: workflows.calendar,
                              sendAt: settings.sendAt)
        let start = from ?? now.date.adding(days: -365)
        let end = to ?? now.date.adding(days: 60)
        let obligations = try unit.filter(planner.obligations(due: start...end, progress: progress), org: workflows.org,
                                          directory: settings.workflows)
        let out = LineWriter()
        defer { out.flush() }
        var table = Table("state", "hạn (due)", "key")
        for obligation in obligations {
            let state = StatusCommand.state(of: obligation, progress: progress, now: now, calendar: workflows.calendar)
            switch output.format {
            case .json:
                var line = ObligationFields.json(obligation)
                line.add("state", state)
                out.write(line)
            case .table:
                table.add(state, obligation.deadline.dueDate.description, obligation.key)
            }
        }
        if output.format == .table {
            out.write(table.text)
            out.write("\(obligations.count) nghĩa vụ có hạn từ \(start) đến \(end)")
        }
        try report.finish()
    }

    static func state(of obligation: Obligation, progress: Progress, now: LocalDateTime, calendar: WorkCalendar) -> String {
        if progress.isDone(obligation.key) { return "done" }
        if now >= obligation.deadline.dueAt { return "overdue" }
        if obligation.extended { return "extended" }
        let soon = calendar.adding(workingDays: -dueSoonWorkingDays, to: obligation.deadline.targetDate)
        return now.date >= soon ? "due-soon" : "pending"
    }
}
