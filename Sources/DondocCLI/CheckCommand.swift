import ArgumentParser
import DondocCore
import DondocLoader

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a workflows directory: every problem as file:line:col: error: message.",
        discussion: """
            Exits 1 when there is an error; warnings alone exit 0. With --format json, one diagnostic \
            per line on standard output: {"file","line","column","severity","message","code"}, the code \
            stable across versions (docs/diagnostic-codes.md).
            """
    )

    @OptionGroup var workflows: WorkflowsArgument
    @OptionGroup var output: FormatOption

    @Flag(help: "Also warn for a step whose due:, report-to: or support: has no quoted source line and no note:.")
    var strict = false

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
        if errors > 0 { throw ExitCode(1) }
    }
}
