import ArgumentParser
import DondocApp
import DondocCore
import DondocLoader

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a workflows directory: every problem as file:line:col: error: message.",
        discussion: """
            Exits 1 when there is an error; warnings alone exit 0. With --format json, one diagnostic \
            per line on standard output: {"file","line","column","severity","message","code"}, the code \
            stable across versions (docs/diagnostic-codes.md). With --diff OLD_DIR, then the obligations due \
            in the window (default: this calendar year) that the change from OLD_DIR adds (+), removes (-) or \
            moves (~, old due → new due); with --format json one object each: \
            {"change","key","directive","step","unit","period","old_due","new_due"}.
            """
    )

    @OptionGroup var workflows: WorkflowsArgument
    @OptionGroup var output: FormatOption

    @Flag(help: "Also warn for a step whose due:, report-to: or support: has no quoted source line and no note:.")
    var strict = false

    @Option(help: ArgumentHelp("Also say which obligations due in the window the change from this older copy of the directory adds, removes or moves.",
                               valueName: "old-dir"))
    var diff: String?

    @Option(help: ArgumentHelp("With --diff: the first due date of the window (default: 1 January of the year of --to, else of today).", valueName: "date"))
    var from: CivilDate?

    @Option(help: ArgumentHelp("With --diff: the last due date of the window (default: 31 December of the year of --from, else of today).", valueName: "date"))
    var to: CivilDate?

    func validate() throws {
        if diff == nil, from != nil || to != nil { throw ValidationError("--from and --to go with --diff") }
        if let from, let to, to < from { throw ValidationError("--to is before --from") }
    }

    func run() throws {
        let report = WorkflowLoader.load(directory: workflows.directory, today: workflows.effectiveToday, strict: strict)
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        let warnings = report.diagnostics.count - errors
        switch output.format {
        case .table:
            report.diagnostics.forEach { Output.error($0.description) }
            let loaded = report.workflows
            let summary = "\(workflows.directory): \(loaded.directives.count) directive(s), "
                + "\(loaded.org.units.count) unit(s), \(loaded.calendarFiles.count) calendar file(s); "
                + "\(errors) error(s), \(warnings) warning(s)"
            Output.print(summary)
        case .json:
            for diagnostic in report.diagnostics {
                var line = JSONLine()
                line.add("file", diagnostic.location.file)
                line.add("line", diagnostic.location.line)
                line.add("column", diagnostic.location.column)
                line.add("severity", diagnostic.severity.rawValue)
                line.add("message", diagnostic.message)
                line.add("code", diagnostic.code.rawValue)
                Output.print(line.text)
            }
        }
        if let diff { try printDiff(old: diff, new: report.workflows) }
        if errors > 0 { throw ExitCode(1) }
    }

    /// The obligations the change from `old` adds, removes and moves: after the diagnostics,
    /// one line each (`+`, `-`, `~`), or one JSON object each with a `change` field.
    func printDiff(old path: String, new workflows: WorkflowSet) throws {
        let old = WorkflowLoader.load(directory: path, today: self.workflows.effectiveToday)
        for diagnostic in old.errors { Output.error("\(diagnostic.description) (in --diff's old directory)") }
        if old.errors.contains(where: { $0.code == .noSuchDirectory }) { throw CommandFailure.usage("--diff: \(path): no such directory") }
        guard let window = Report.window(from: from, to: to, today: self.workflows.effectiveToday) else {
            throw CommandFailure.usage("--to is before --from")
        }
        let changes = WorkflowDiff(old: old.workflows, new: workflows, window: window)
        switch output.format {
        case .table:
            Output.print("changes from \(path) to \(self.workflows.directory), obligations due \(window.lowerBound) – \(window.upperBound):")
            for entry in changes.entries {
                switch entry.change {
                case .added: Output.print("+ \(entry.key)  due \(entry.newDue!)")
                case .removed: Output.print("- \(entry.key)  was due \(entry.oldDue!)")
                case .moved: Output.print("~ \(entry.key)  \(entry.oldDue!) → \(entry.newDue!)")
                }
            }
            Output.print("\(changes.count(.added)) added, \(changes.count(.removed)) removed, \(changes.count(.moved)) moved")
        case .json:
            for entry in changes.entries {
                var line = JSONLine()
                line.add("change", entry.change.rawValue)
                line.add("key", entry.key)
                line.add("directive", entry.directive)
                line.add("step", entry.step)
                line.add("unit", entry.unit)
                line.add("period", entry.period?.description)
                line.add("old_due", entry.oldDue?.description)
                line.add("new_due", entry.newDue?.description)
                Output.print(line.text)
            }
        }
    }
}
