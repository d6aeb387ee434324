@testable import DondocCLI
import DondocCore
import DondocLoader
import DondocTestSupport
import Foundation
import Testing

/// `simulate --format json` makes the window month by month on every core: the lines must be
/// those of the whole window in one stream, byte for byte.
struct SimulateJSONTests {
    static func at(_ text: String) -> LocalDateTime {
        let (date, time) = (text.prefix(10), text.dropFirst(11))
        return LocalDateTime(date: CivilDate(iso: date)!, minuteOfDay: LocalDateTime.parseClockTime(String(time))!)
    }

    @Test("a window is cut at the start of each month, every minute in exactly one piece")
    func monthsCoverTheWindow() {
        let pieces = SimulateCommand.months(Self.at("2026-01-15T10:00")...Self.at("2026-03-02T00:00"))
        #expect(pieces == [Self.at("2026-01-15T10:00")...Self.at("2026-01-31T23:59"),
                           Self.at("2026-02-01T00:00")...Self.at("2026-02-28T23:59"),
                           Self.at("2026-03-01T00:00")...Self.at("2026-03-02T00:00")])
        #expect(SimulateCommand.months(Self.at("2026-05-02T08:00")...Self.at("2026-05-31T23:59")).count == 1)
        // Ending on the first minute of a month: that minute is a piece of its own.
        #expect(SimulateCommand.months(Self.at("2026-12-31T23:00")...Self.at("2027-01-01T00:00"))
            == [Self.at("2026-12-31T23:00")...Self.at("2026-12-31T23:59"), Self.at("2027-01-01T00:00")...Self.at("2027-01-01T00:00")])
        #expect(SimulateCommand.months(Self.at("2026-07-01T00:00")...Self.at("2026-07-01T00:00")).count == 1)
    }

    @Test("the lines of the months together are the lines of the whole window, and what the command prints")
    func monthByMonthIsTheWholeStream() throws {
        let report = WorkflowLoader.load(directory: DondocProcess.workflows, today: nil)
        #expect(!report.workflows.directives.isEmpty)
        let planner = report.workflows.planner(sendAt: 8 * 60)
        // The bundled directives from their issue on, over year ends and a Tết.
        let window = Self.at("2021-01-01T00:00")...Self.at("2027-12-31T23:59")
        let whole = SimulateCommand.lines(planner.stream(in: window)).joined()
        let pieces = SimulateCommand.months(window).map { SimulateCommand.lines(planner.stream(in: $0)).joined() }.joined()
        #expect(whole.count > 10_000)
        #expect(Array(pieces) == Array(whole))

        let result = try DondocProcess.run(["simulate", DondocProcess.workflows, "--from", "2021-01-01", "--to", "2027-12-31", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == String(decoding: Array(whole), as: UTF8.self))
    }
}
