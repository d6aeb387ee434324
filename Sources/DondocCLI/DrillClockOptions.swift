import ArgumentParser
import DondocRuntime

/// `--clock-start T [--clock-rate N]`: a simulated clock for drills and tests (DESIGN §5), for
/// `dondoc run` and `dondoc web` alike.
struct DrillClockOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Start a simulated clock at this instant.", valueName: "time"))
    var clockStart: Instant?

    @Option(help: ArgumentHelp("How many times faster than real time the simulated clock runs.", valueName: "n"))
    var clockRate: Double = 1

    func validate() throws {
        if !(clockRate > 0 && clockRate <= 10_000_000) { throw ValidationError("--clock-rate must be above 0 and at most 10000000") }
        if clockStart == nil && clockRate != 1 { throw ValidationError("--clock-rate needs --clock-start") }
    }

    /// The simulated clock, or the system's.
    var clock: DaemonClock {
        clockStart.map { DaemonClock.simulated(start: $0.epochSeconds, rate: clockRate) } ?? .system
    }
}
