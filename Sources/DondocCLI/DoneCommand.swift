import ArgumentParser
import DondocApp
import DondocCore
import DondocLoader

struct DoneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "done",
        abstract: "Record that an obligation is done: its reminders and escalations stop.",
        discussion: "KEY is an obligation key as `dondoc status` prints it, e.g. '33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026'."
    )

    @Argument(help: ArgumentHelp("The obligation key.", valueName: "key"))
    var key: String

    @Option(help: ArgumentHelp("A note kept with the completion.", valueName: "text"))
    var note: String?

    @Option(help: ArgumentHelp("Who did it (kept in the audit trail).", valueName: "name"))
    var by: String?

    @Option(help: ArgumentHelp("When it was done (default: now).", valueName: "time"))
    var at: Instant?

    @OptionGroup var config: ConfigOption

    func run() async throws {
        let installation = try config.load()
        let workflows = try config.workflows(installation, resolving: key)
        let request = RecordCompletion.Request(key: key, at: at?.epochSeconds, by: by, note: note, via: "cli")
        switch try await config.run(RecordCompletion(UseCaseContext(workflows: workflows, store: try await config.openStore(installation))), request) {
        case .recorded: Output.print("done: \(key)")
        case .alreadyDone: Output.print("already done: \(key)")
        }
    }
}
