import ArgumentParser
import DondocCore
import DondocLoader

/// `--calendars DIR`: a folder of `vn-YYYY.yaml` files overriding the computed calendar.
struct CalendarsOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A folder of calendar files (vn-YYYY.yaml).", valueName: "dir"))
    var calendars: String?

    /// The working calendar, from the files when given; their problems are reported and
    /// make the command fail.
    func load() throws -> WorkCalendar {
        guard let calendars else { return WorkCalendar() }
        let (files, diagnostics) = WorkflowLoader.loadCalendars(directory: calendars)
        diagnostics.forEach { Output.error($0.description) }
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw CommandFailure.findings("the calendar files in \(calendars) have errors")
        }
        return WorkCalendar(files: files)
    }
}
