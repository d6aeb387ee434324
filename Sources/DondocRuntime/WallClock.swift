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

/// A simulated clock for drills and tests (`--clock-start`, `--clock-rate`, `--clock-anchor`):
/// it reads `start` at its anchor and runs `rate` times faster than real time.
///
/// Without an anchor, the anchor is the clock's creation (the process's start) and elapsed time
/// is measured on the monotonic clock. With one (a real instant, epoch seconds), simulated now is
/// `start + (real now − anchor) × rate` on the system's real-time clock, so that processes
/// started at different moments — the replicas of a drill with several nodes, a `dondoc web`
/// beside them — share one simulated clock (DESIGN §7).
public struct SimulatedWallClock: WallClock {
    public let start: Int64
    public let rate: Double
    private let origin: Origin

    private enum Origin {
        case monotonic(ContinuousClock.Instant)
        case realTime(Double)
    }

    public init(start: Int64, rate: Double, anchor: Double? = nil) {
        self.start = start
        self.rate = rate
        self.origin = anchor.map(Origin.realTime) ?? .monotonic(ContinuousClock.now)
    }

    public func now() -> Int64 {
        let seconds: Double
        switch origin {
        case .monotonic(let instant):
            let elapsed = ContinuousClock.now - instant
            seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        case .realTime(let anchor):
            seconds = Date().timeIntervalSince1970 - anchor
        }
        return start + Int64((seconds * rate).rounded(.down))
    }
}

extension WallClock {
    /// Now in civil time (Asia/Ho_Chi_Minh), to the minute.
    public var civilNow: LocalDateTime { LocalDateTime(epochSeconds: now()) }

    /// Today in civil time.
    public var today: CivilDate { civilNow.date }
}
