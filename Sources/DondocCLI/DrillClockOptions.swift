import ArgumentParser
import DondocRuntime
import Foundation

/// `--clock-start T [--clock-rate N] [--clock-anchor UNIX_SECONDS]`: a simulated clock for drills
/// and tests (DESIGN §5, §7), for `dondoc run` and `dondoc web` alike.
struct DrillClockOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Start a simulated clock at this instant.", valueName: "time"))
    var clockStart: Instant?

    @Option(help: ArgumentHelp("How many times faster than real time the simulated clock runs.", valueName: "n"))
    var clockRate: Double = 1

    @Option(help: ArgumentHelp(
        "The real instant (Unix seconds) at which the simulated clock reads --clock-start (default: the process's start), so that nodes started at different moments share one clock.",
        valueName: "unix-seconds"))
    var clockAnchor: Double?

    func validate() throws {
        if !(clockRate > 0 && clockRate <= 10_000_000) { throw ValidationError("--clock-rate must be above 0 and at most 10000000") }
        if clockStart == nil && clockRate != 1 { throw ValidationError("--clock-rate needs --clock-start") }
        if let clockAnchor {
            if clockStart == nil { throw ValidationError("--clock-anchor needs --clock-start") }
            if !(clockAnchor.isFinite && clockAnchor >= 0 && clockAnchor < 253_402_300_800) {
                throw ValidationError("--clock-anchor must be a Unix time in seconds, e.g. \(Int(Date().timeIntervalSince1970))")
            }
        }
    }

    /// The simulated clock, or the system's.
    var clock: DaemonClock {
        clockStart.map { DaemonClock.simulated(start: $0.epochSeconds, rate: clockRate, anchor: clockAnchor) } ?? .system
    }
}
