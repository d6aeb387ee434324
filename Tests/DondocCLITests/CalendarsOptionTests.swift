@testable import DondocCLI
import DondocTestSupport
import Foundation
import Testing

/// Without `--calendars`, the calendar commands count on the installation's calendar files, as
/// `dondoc run` does: the `calendars/` folder of the workflows its config names.
struct CalendarsOptionTests {
    /// A config naming `workflows` (relative to the config's folder), and a calendars folder
    /// with the bundled 2022 file when `withCalendars`.
    static func installation(withCalendars: Bool) throws -> (config: String, calendars: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-calendars-\(UUID().uuidString)")
        let calendars = root.appendingPathComponent("workflows/calendars")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("workflows"), withIntermediateDirectories: true)
        if withCalendars {
            try FileManager.default.createDirectory(at: calendars, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: DondocProcess.calendars + "/vn-2022.yaml", toPath: calendars.appendingPathComponent("vn-2022.yaml").path)
        }
        let config = root.appendingPathComponent("dondoc.yaml")
        try Data("workflows: workflows\nstate: state.sqlite\n".utf8).write(to: config)
        return (config.path, calendars.path)
    }

    @Test func theInstallationsCalendarsAreTheDefault() throws {
        let (config, calendars) = try Self.installation(withCalendars: true)
        #expect(CalendarsOption.installed(config: config) == calendars)
        var option = CalendarsOption()
        option.calendars = CalendarsOption.installed(config: config)
        // The 2022 notice (245/VPCP-KGVX), not the Labour Code's computation.
        #expect(try option.load().daysOff(year: 2022).contains { $0.source == "245/VPCP-KGVX" })
    }

    @Test func withoutAnInstallationTheCalendarIsComputed() throws {
        let (config, _) = try Self.installation(withCalendars: false)
        #expect(CalendarsOption.installed(config: config) == nil)
        #expect(CalendarsOption.installed(config: config + ".missing") == nil)
    }
}
