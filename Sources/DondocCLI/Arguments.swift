import ArgumentParser
import DondocApp
import DondocCore
import DondocLoader
import DondocRuntime
import Foundation

/// The civil time zone: Asia/Ho_Chi_Minh, UTC+7 without daylight saving since 1975.
enum CivilTime {
    static let offsetMinutes = LocalDateTime.civilOffsetMinutes

    /// Where the commands read the time: the system's clock, at the edge of the program.
    static let clock: any WallClock = SystemWallClock()

    static func iso(_ time: LocalDateTime) -> String { time.iso8601(offsetMinutes: offsetMinutes) }
}

extension CivilDate: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(iso: argument)
    }
}

/// An instant on the command line: `2026-12-01`, `2026-12-01T08:00`, or ISO 8601 with an
/// offset (`2026-12-01T08:00:00+07:00`, `…Z`), converted to civil time.
struct Instant: ExpressibleByArgument {
    /// The civil time, to the minute.
    let time: LocalDateTime
    /// The instant to the second, as seconds since 1970-01-01T00:00:00Z.
    let epochSeconds: Int64
    /// Whether only a date was given (a `--to` date then means the end of that day).
    let dateOnly: Bool

    init?(argument: String) {
        if let date = CivilDate(iso: argument) {
            time = LocalDateTime(date: date)
            epochSeconds = time.epochSeconds()
            dateOnly = true
            return
        }
        guard let t = argument.firstIndex(where: { $0 == "T" || $0 == " " }),
              let date = CivilDate(iso: argument[..<t]) else { return nil }
        var rest = Substring(argument[argument.index(after: t)...])
        var offset = CivilTime.offsetMinutes
        if rest.hasSuffix("Z") {
            offset = 0
            rest = rest.dropLast()
        } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            guard let minutes = LocalDateTime.parseClockTime(String(rest[rest.index(after: sign)...])) else { return nil }
            offset = rest[sign] == "-" ? -minutes : minutes
            rest = rest[..<sign]
        }
        let clock = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2 || clock.count == 3,
              let minuteOfDay = LocalDateTime.parseClockTime("\(clock[0]):\(clock[1])") else { return nil }
        var second = 0
        if clock.count == 3 {
            guard clock[2].count == 2, let s = Int(clock[2]), (0..<60).contains(s) else { return nil }
            second = s
        }
        let local = LocalDateTime(date: date, minuteOfDay: minuteOfDay)
        epochSeconds = local.epochSeconds(offsetMinutes: offset) + Int64(second)
        time = LocalDateTime(epochSeconds: epochSeconds)
        dateOnly = false
    }
}

extension OutputFormat: ExpressibleByArgument {}

struct FormatOption: ParsableArguments {
    @Option(name: .long, help: "table for people, json for one JSON object per line.")
    var format: OutputFormat = .table
}

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

/// `--unit`: only the obligations of one unit, or of a group's units.
struct UnitOption: ParsableArguments {
    @Option(help: ArgumentHelp("Only this unit's obligations (a unit id or group:NAME).", valueName: "unit"))
    var unit: String?

    /// The filter for the unit, `nil` without `--unit`; a unit or group that the workflows in
    /// `directory` do not name is a usage error.
    func filter(org: OrgChart, directory: String) throws -> UnitFilter? {
        guard let unit else { return nil }
        do {
            return try UnitFilter(unit: unit, org: org)
        } catch {
            throw CommandFailure.usage("--unit: \(error) in \(directory)")
        }
    }

    /// The obligations the unit holds (all of them without `--unit`).
    func filter(_ obligations: [Obligation], org: OrgChart, directory: String) throws -> [Obligation] {
        guard let filter = try filter(org: org, directory: directory) else { return obligations }
        return obligations.filter(filter.includes)
    }
}
