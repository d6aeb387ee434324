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
            message in flight and exits 0. --clock-start, --clock-rate and --clock-anchor run it on a simulated clock for drills.
            """
    )

    @OptionGroup var config: ConfigOption

    @OptionGroup var drill: DrillClockOptions

    func run() async throws {
        let settings = try config.load()
        let level = ProcessInfo.processInfo.environment["DONDOC_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let clock = drill.clock
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
