/// A wall-clock time on a civil date in the civil time zone (minute precision).
///
/// dondoc's instants — `due_at`, the moment a notification goes out — are local times:
/// Asia/Ho_Chi_Minh has a fixed offset, so ordering local times orders instants.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: CivilDate
    /// Minutes since local midnight, 0..<1440.
    public let minuteOfDay: Int

    public init(date: CivilDate, minuteOfDay: Int = 0) {
        let carry = minuteOfDay >= 0 ? minuteOfDay / 1440 : (minuteOfDay - 1439) / 1440
        self.date = carry == 0 ? date : date.adding(days: carry)
        self.minuteOfDay = minuteOfDay - carry * 1440
    }

    public init(date: CivilDate, hour: Int, minute: Int) {
        self.init(date: date, minuteOfDay: hour * 60 + minute)
    }

    public var hour: Int { minuteOfDay / 60 }
    public var minute: Int { minuteOfDay % 60 }

    /// Minutes since 1970-01-01T00:00 local, for arithmetic and ordering.
    public var minutesSinceEpoch: Int { (date.julianDay - 2_440_588) * 1440 + minuteOfDay }

    public init(minutesSinceEpoch m: Int) {
        self.init(date: CivilDate(julianDay: 2_440_588), minuteOfDay: m)
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.date, lhs.minuteOfDay) < (rhs.date, rhs.minuteOfDay)
    }

    /// `YYYY-MM-DDTHH:MM:00` without an offset.
    public var description: String {
        "\(date)T\(CivilDate.pad(hour, 2)):\(CivilDate.pad(minute, 2)):00"
    }

    /// ISO 8601 with the offset, e.g. `2026-12-10T08:00:00+07:00`.
    public func iso8601(offsetMinutes: Int) -> String {
        "\(description)\(Self.offsetText(offsetMinutes))"
    }

    /// `+07:00`.
    static func offsetText(_ offsetMinutes: Int) -> String {
        let o = abs(offsetMinutes)
        return "\(offsetMinutes < 0 ? "-" : "+")\(CivilDate.pad(o / 60, 2)):\(CivilDate.pad(o % 60, 2))"
    }

    /// Parses `HH:MM` (24-hour) into minutes since midnight.
    public static func parseClockTime(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m)
        else { return nil }
        return h * 60 + m
    }
}

extension LocalDateTime {
    /// The civil time zone's offset: Asia/Ho_Chi_Minh is UTC+7, without daylight saving, since 1975.
    public static let civilOffsetMinutes = 7 * 60

    /// The local time of an instant given as seconds since 1970-01-01T00:00:00Z (seconds dropped).
    public init(epochSeconds: Int64, offsetMinutes: Int = LocalDateTime.civilOffsetMinutes) {
        let local = epochSeconds + Int64(offsetMinutes) * 60
        let minutes = local >= 0 ? local / 60 : (local - 59) / 60
        self.init(minutesSinceEpoch: Int(minutes))
    }

    /// An instant in civil time, to the second, with the offset: `2026-12-10T08:00:05+07:00`.
    public static func iso8601(epochSeconds: Int64) -> String {
        let time = LocalDateTime(epochSeconds: epochSeconds)
        let second = Int((epochSeconds % 60 + 60) % 60)
        return "\(time.date)T\(CivilDate.pad(time.hour, 2)):\(CivilDate.pad(time.minute, 2)):\(CivilDate.pad(second, 2))"
            + offsetText(civilOffsetMinutes)
    }

    /// The instant of this local time, as seconds since 1970-01-01T00:00:00Z.
    public func epochSeconds(offsetMinutes: Int = LocalDateTime.civilOffsetMinutes) -> Int64 {
        Int64(minutesSinceEpoch - offsetMinutes) * 60
    }
}
