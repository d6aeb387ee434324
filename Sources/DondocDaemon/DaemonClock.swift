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

/// The daemon's two clocks: a wall clock for deadlines and a sleeping clock for waiting,
/// with the rate between them (1 for real time).
public struct DaemonClock: Sendable {
    public let wall: any WallClock
    /// Wall seconds per second of sleep.
    public let rate: Double
    /// Registers a call for every step of the wall clock (NTP, a manual change, resume from
    /// suspend), after which the daemon recomputes from wall time: its sleep runs on the monotonic
    /// clock, which does not follow the step. The system clock's steps come from the kernel; a
    /// simulated clock never steps.
    public let watchSteps: @Sendable (_ stepped: @escaping @Sendable () -> Void) -> Void

    public init(wall: any WallClock, rate: Double = 1,
                watchSteps: @escaping @Sendable (_ stepped: @escaping @Sendable () -> Void) -> Void = { _ in }) {
        self.wall = wall
        self.rate = rate
        self.watchSteps = watchSteps
    }

    public static let system = DaemonClock(wall: SystemWallClock(), rate: 1) { stepped in
        KernelWatchers.watchClockSteps(stepped: stepped)
    }

    public static func simulated(start: Int64, rate: Double) -> DaemonClock {
        DaemonClock(wall: SimulatedWallClock(start: start, rate: rate), rate: rate)
    }

    public var now: LocalDateTime { LocalDateTime(epochSeconds: wall.now()) }

    /// How long to sleep until the wall clock reads `instant` (zero if it already has). The
    /// caller recomputes from the wall clock on waking: a step of the clock only moves the next wake.
    public func sleepDuration(untilWall instant: Int64) -> Duration {
        let seconds = Double(max(0, instant - wall.now())) / rate
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }
}
