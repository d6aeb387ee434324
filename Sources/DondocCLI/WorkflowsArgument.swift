import ArgumentParser
import DondocCore
import DondocLoader

/// The `[DIR]` argument of `check`, `agenda` and `simulate`, and loading it.
struct WorkflowsArgument: ParsableArguments {
    static let defaultDirectory = "/etc/dondoc/workflows"

    @Argument(help: ArgumentHelp("The workflows directory.", valueName: "dir"))
    var directory: String = WorkflowsArgument.defaultDirectory

    @Option(name: .long, help: ArgumentHelp("Take this day as today (civil time).", valueName: "date"))
    var today: CivilDate?

    var effectiveToday: CivilDate { today ?? CivilTime.clock.today }

    /// Loads the directory, printing errors (and, with `warnings`, warnings) to stderr.
    /// Files with errors are left out; the caller decides whether that fails the command.
    func load(warnings: Bool = false) -> LoadReport {
        let report = WorkflowLoader.load(directory: directory, today: effectiveToday)
        for diagnostic in report.diagnostics where warnings || diagnostic.severity == .error {
            Output.error(diagnostic.description)
        }
        return report
    }
}

/// `--send-at HH:MM`, the local time at which notifications go out.
struct SendAtOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Local time at which reminders and escalations go out.", valueName: "HH:MM"))
    var sendAt: String = "08:00"

    func validate() throws {
        guard LocalDateTime.parseClockTime(sendAt) != nil else {
            throw ValidationError("--send-at: '\(sendAt)' is not a time HH:MM")
        }
    }

    var minutes: Int { LocalDateTime.parseClockTime(sendAt) ?? 8 * 60 }
}

extension LoadReport {
    /// Exit 1 after the results when some file did not load.
    func finish() throws {
        if hasErrors { throw ExitCode(1) }
    }
}
