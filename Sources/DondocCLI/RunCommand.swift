import ArgumentParser
import DondocCore
import DondocDaemon
import DondocLoader
import DondocRuntime
import DondocSystemd
import Foundation
import Logging

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "The daemon: sends reminders and escalations as they fall due (systemd Type=notify).",
        discussion: """
            SIGHUP reloads the workflows (a file that fails keeps its last good version); SIGTERM finishes the \
            message in flight and exits 0. --clock-start and --clock-rate run it on a simulated clock for drills.
            """
    )

    @OptionGroup var config: ConfigOption

    @Option(help: ArgumentHelp("Start a simulated clock at this instant.", valueName: "time"))
    var clockStart: Instant?

    @Option(help: ArgumentHelp("How many times faster than real time the simulated clock runs.", valueName: "n"))
    var clockRate: Double = 1

    func validate() throws {
        if !(clockRate > 0 && clockRate <= 10_000_000) { throw ValidationError("--clock-rate must be above 0 and at most 10000000") }
        if clockStart == nil && clockRate != 1 { throw ValidationError("--clock-rate needs --clock-start") }
    }

    func run() async throws {
        let settings = try config.load()
        let level = ProcessInfo.processInfo.environment["DONDOC_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let clock = clockStart.map { DaemonClock.simulated(start: $0.epochSeconds, rate: clockRate) } ?? .system
        LoggingSystem.bootstrap { [wall = clock.wall] in
            LogSetup.handler(label: $0, logLevel: level) { LocalDateTime.iso8601(epochSeconds: wall.now()) }
        }
        let logger = Logger(label: "dondoc")
        let hang = ProcessInfo.processInfo.environment["DONDOC_TEST_HANG_AFTER_READY"] == "1"
        do {
            try await Daemon.run(.init(config: settings, clock: clock, hangAfterReady: hang), logger: logger)
        } catch let error as Daemon.StartError {
            logger.critical("cannot start: \(error)")
            throw CommandFailure.findings("cannot start: \(error)")
        }
    }
}
