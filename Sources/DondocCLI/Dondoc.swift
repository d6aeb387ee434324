import ArgumentParser
import DondocApp
import DondocDaemon
import DondocRuntime

/// The `dondoc` command and its subcommands (DESIGN §4).
public struct Dondoc: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dondoc",
        abstract: "Follow up the implementation of directives on the Vietnamese civil-service calendar.",
        discussion: """
            Exit status: 0 ok, 1 findings or validation errors, 2 usage error.
            Results go to standard output, diagnostics to standard error.
            """,
        version: "0.1.0",
        subcommands: [
            CheckCommand.self, CheckConfigCommand.self, ExplainCommand.self, NewCommand.self, AgendaCommand.self, SimulateCommand.self, DueCommand.self, CalendarCommand.self,
            RunCommand.self, WebCommand.self, StatusCommand.self, DoneCommand.self, ExtendCommand.self, ReportCommand.self,
            TokenCommand.self, StoreCommand.self,
        ]
    )

    public init() {}

    /// What the executable runs: `run(arguments:)` with every task on one thread of dondoc's own
    /// instead of libdispatch's global queues, whose pool monitor would wake an idle daemon every
    /// second (see `ThreadExecutor`). Called from the main actor, and stays there until the
    /// preference is in place, so no task ever reaches a global queue.
    public static func main(arguments: [String], isolation: isolated (any Actor)? = #isolation) async -> Int32 {
        await withTaskExecutorPreference(executor, isolation: isolation) {
            await run(arguments: arguments)
        }
    }

    private static let executor = ThreadExecutor(name: "dondoc")

    /// Parses `arguments`, runs the command, and returns the process exit status: never traps
    /// on bad input.
    public static func run(arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            if let exit = error as? ExitCode { return exit.rawValue }
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Output.print(message) }
                return 0
            }
            if !message.isEmpty { Output.error(message) }
            if let failure = error as? CommandFailure { return failure.status }
            return 2
        }
    }
}

/// A command that ran but found problems (exit 1) or was given an argument it cannot use
/// (exit 2); the message names the file or the argument.
struct CommandFailure: Error, CustomStringConvertible {
    let status: Int32
    let description: String

    static func findings(_ message: String) -> CommandFailure { CommandFailure(status: 1, description: message) }
    static func usage(_ message: String) -> CommandFailure { CommandFailure(status: 2, description: message) }
}

extension CommandFailure {
    /// A key argument that names no obligation: a usage error when it is not written as a key.
    init(key error: ObligationKeyError) {
        self = error.isMalformed ? .usage("<key>: \(error)") : .findings(error.description)
    }
}
