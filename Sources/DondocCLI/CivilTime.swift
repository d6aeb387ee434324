import DondocCore
import DondocRuntime

/// The civil time zone: Asia/Ho_Chi_Minh, UTC+7 without daylight saving since 1975.
enum CivilTime {
    static let offsetMinutes = LocalDateTime.civilOffsetMinutes

    /// Where the commands read the time: the system's clock, at the edge of the program.
    static let clock: any WallClock = SystemWallClock()

    static func iso(_ time: LocalDateTime) -> String { time.iso8601(offsetMinutes: offsetMinutes) }
}
