import ArgumentParser
import DondocCore
import DondocLoader
import Foundation

/// `--calendars DIR`: a folder of `vn-YYYY.yaml` files overriding the computed calendar. Without
/// it, the installation's own: the `calendars/` folder of the workflows that the config at
/// `/etc/dondoc/dondoc.yaml` names, when there is one — the calendar `dondoc run` counts on.
struct CalendarsOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A folder of calendar files (vn-YYYY.yaml); default: the calendars/ of the workflows in \(InstallationConfig.defaultPath), else the calendar computed from the Labour Code.",
        valueName: "dir"))
    var calendars: String?

    /// The working calendar, from the files when given (or installed); their problems are
    /// reported and make the command fail.
    func load() throws -> WorkCalendar {
        guard let directory = calendars ?? Self.installed() else { return WorkCalendar() }
        let (files, diagnostics) = WorkflowLoader.loadCalendars(directory: directory)
        diagnostics.forEach { Output.error($0.description) }
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw CommandFailure.findings("the calendar files in \(directory) have errors")
        }
        return WorkCalendar(files: files)
    }

    /// The installation's calendars folder, when its config loads and the folder exists.
    static func installed(config path: String = InstallationConfig.defaultPath) -> String? {
        guard FileManager.default.fileExists(atPath: path), let config = ConfigLoader.load(path: path).config else { return nil }
        let directory = URL(fileURLWithPath: config.workflows).appendingPathComponent("calendars").path
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue ? directory : nil
    }
}
