import ArgumentParser
import DondocCore

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
