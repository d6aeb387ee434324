import DondocCore
import Foundation

/// What time it is: seconds since 1970-01-01T00:00:00Z. A wall clock says the date; it does not sleep.
public protocol WallClock: Sendable {
    func now() -> Int64
}

/// The system's real-time clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }
}

/// A simulated clock for drills and tests (`--clock-start`, `--clock-rate`): it starts at
/// `start` and runs `rate` times faster than the sleeping clock it is measured against.
public struct SimulatedWallClock: WallClock {
    public let start: Int64
    public let rate: Double
    private let origin: ContinuousClock.Instant

    public init(start: Int64, rate: Double) {
        self.start = start
        self.rate = rate
        self.origin = ContinuousClock.now
    }

    public func now() -> Int64 {
        let elapsed = ContinuousClock.now - origin
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return start + Int64((seconds * rate).rounded(.down))
    }
}

extension WallClock {
    /// Now in civil time (Asia/Ho_Chi_Minh), to the minute.
    public var civilNow: LocalDateTime { LocalDateTime(epochSeconds: now()) }

    /// Today in civil time.
    public var today: CivilDate { civilNow.date }
}
