import DondocCore

/// The two clocks of a long-running process (`dondoc run`, later `dondoc web`): a wall clock for
/// deadlines and a sleeping clock for waiting, with the rate between them (1 for real time).
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
        ClockSteps.watch(stepped: stepped)
    }

    /// A drill's clock (see `SimulatedWallClock`); with an anchor on real time, a step of the
    /// system clock moves it too, and the daemon recomputes as for the system clock.
    public static func simulated(start: Int64, rate: Double, anchor: Double? = nil) -> DaemonClock {
        let wall = SimulatedWallClock(start: start, rate: rate, anchor: anchor)
        guard anchor != nil else { return DaemonClock(wall: wall, rate: rate) }
        return DaemonClock(wall: wall, rate: rate) { stepped in ClockSteps.watch(stepped: stepped) }
    }

    public var now: LocalDateTime { LocalDateTime(epochSeconds: wall.now()) }

    /// How long to sleep until the wall clock reads `instant` (zero if it already has). The
    /// caller recomputes from the wall clock on waking: a step of the clock only moves the next wake.
    public func sleepDuration(untilWall instant: Int64) -> Duration {
        let seconds = Double(max(0, instant - wall.now())) / rate
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }
}
