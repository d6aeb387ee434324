import ArgumentParser
import DondocApp
import DondocCore
import DondocRuntime
import DondocSystemd
import DondocWeb
import Foundation
import Logging

struct WebCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web",
        abstract: "The web pages staff reach from their email, and the dashboard (systemd Type=notify).",
        discussion: """
            Listens on http.listen (default 127.0.0.1:8080) behind a reverse proxy that serves http.base-url; \
            shares the state store with `dondoc run`. SIGHUP reloads the workflows; SIGTERM stops. \
            --clock-start, --clock-rate and --clock-anchor compute link expiry and states on a simulated clock, as in a drill.
            """,
        subcommands: [RotateSecretCommand.self]
    )

    @OptionGroup var config: ConfigOption
    @OptionGroup var drill: DrillClockOptions

    func run() async throws {
        let settings = try config.load()
        let clock = drill.clock
        LoggingSystem.bootstrap { [wall = clock.wall] in
            LogSetup.handler(label: $0, logLevel: .info) { LocalDateTime.iso8601(epochSeconds: wall.now()) }
        }
        let logger = Logger(label: "dondoc-web")
        do {
            try await Web.makeServiceGroup(.init(config: settings, clock: clock), logger: logger).run()
        } catch let error as Web.StartError {
            logger.critical("cannot start: \(error)")
            throw CommandFailure.findings("cannot start: \(error)")
        }
    }
}

/// `dondoc web rotate-secret`: a new link secret; every link sent so far stops working.
struct RotateSecretCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-secret",
        abstract: "Replace the secret that signs links in email: links already sent stop working."
    )

    @OptionGroup var config: ConfigOption

    func run() async throws {
        let installation = try config.load()
        let store = try await config.openStore(installation)
        do {
            try await LinkSecret.rotate(store, now: CivilTime.clock.now(), via: "cli")
        } catch {
            throw CommandFailure.findings("\(error)")
        }
        Output.print("link secret replaced: links sent before now no longer work")
    }
}
