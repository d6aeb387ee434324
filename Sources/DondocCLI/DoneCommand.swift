import ArgumentParser
import DondocApp
import DondocCore
import DondocLoader
import DondocStore
import Foundation

struct DoneCommand: ParsableCommand {
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

    func run() throws {
        let settings = try config.load()
        let workflows = WorkflowLoader.load(directory: settings.workflows, today: CivilTime.today()).workflows
        do { _ = try workflows.resolve(key: key) } catch { throw CommandFailure(key: error) }
        let store = try config.openStore(settings)
        let when = at?.epochSeconds ?? CivilTime.nowEpochSeconds()
        do {
            let recorded = try store.recordCompletion(Completion(key: key, at: when, by: by, note: note))
            try store.audit(AuditEvent(at: CivilTime.nowEpochSeconds(), actor: by ?? "cli", action: "done", key: key, detail: note))
            Output.print(recorded ? "done: \(key)" : "already done: \(key)")
        } catch {
            throw CommandFailure.findings("\(error)")
        }
    }
}

struct ExtendCommand: ParsableCommand {
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

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reason must say why") }
    }

    func run() throws {
        let settings = try config.load()
        let workflows = WorkflowLoader.load(directory: settings.workflows, today: CivilTime.today()).workflows
        do { _ = try workflows.resolve(key: key) } catch { throw CommandFailure(key: error) }
        let store = try config.openStore(settings)
        let now = CivilTime.nowEpochSeconds()
        do {
            try store.recordExtension(Extension(key: key, to: to, reason: reason, by: by, at: now))
            try store.audit(AuditEvent(at: now, actor: by ?? "cli", action: "extend", key: key, detail: "to \(to): \(reason)"))
            Output.print("extended: \(key) to \(to)")
        } catch {
            throw CommandFailure.findings("\(error)")
        }
    }
}
