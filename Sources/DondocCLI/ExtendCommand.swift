import ArgumentParser
import DondocApp
import DondocCore
import DondocLoader

struct ExtendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extend",
        abstract: "Record an extension (gia hạn): the obligation is due on the new date."
    )

    @Argument(help: ArgumentHelp("The obligation key.", valueName: "key"))
    var key: String

    @Option(help: ArgumentHelp("The new due date.", valueName: "date"))
    var to: CivilDate

    @Option(help: ArgumentHelp("Why (the decision that granted it).", valueName: "text"))
    var reason: String

    @Option(help: ArgumentHelp("Who granted it.", valueName: "name"))
    var by: String?

    @OptionGroup var config: ConfigOption

    var request: RecordExtension.Request { RecordExtension.Request(key: key, to: to, reason: reason, by: by, via: "cli") }

    func validate() throws {
        do {
            try request.validate()
        } catch {
            throw ValidationError("--reason: \(error)")
        }
    }

    func run() async throws {
        let installation = try config.load()
        let workflows = try config.workflows(installation, resolving: key)
        _ = try await config.run(RecordExtension(UseCaseContext(workflows: workflows, store: try await config.openStore(installation))), request)
        Output.print("extended: \(key) to \(to)")
    }
}
