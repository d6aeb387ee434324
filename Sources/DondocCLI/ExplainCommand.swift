import ArgumentParser
import DondocApp
import DondocCore
import DondocLoader
import DondocStore
import Foundation

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Say how an obligation's deadline was reached, step by step, with the legal basis of each step.",
        discussion: """
            KEY is an obligation key as `dondoc status` prints it, e.g. '33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026'. \
            Shows the due: expression, the date it counts from, the count (the days off stepped over and why), \
            the nominal date, the rest-day rule, due_date, due_at and target_date, the extension and completion \
            recorded in the state store (when it exists; with --workflows none is read) and the notifications planned.
            """
    )

    @Argument(help: ArgumentHelp("The obligation key.", valueName: "key"))
    var key: String

    @Option(help: ArgumentHelp("Explain from this workflows directory instead of the config's (no state store is read).",
                               valueName: "dir"))
    var workflows: String?

    @OptionGroup var config: ConfigOption
    @OptionGroup var output: FormatOption

    func run() async throws {
        let loaded: LoadReport
        var records = TrackingRecords()
        var store: String?
        let note: String
        let sendAt: Int
        if let directory = workflows {
            loaded = WorkflowLoader.load(directory: directory, today: CivilTime.clock.today)
            sendAt = InstallationConfig().sendAt
            note = "none read (--workflows: no state store)"
        } else {
            let installation = try config.load()
            loaded = WorkflowLoader.load(directory: installation.workflows, today: CivilTime.clock.today)
            sendAt = installation.sendAt
            let location = StoreLocation(installation.state)
            if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
                note = "none read: no state store at \(installation.state) yet"
            } else {
                let opened = try await config.openStore(installation)
                // A deadline counts only from steps of its own directive: its records are enough.
                do {
                    if let resolved = try? loaded.workflows.resolve(key: key) {
                        records = try await TrackingRecords.read(from: opened, directive: resolved.directive.number)
                    }
                } catch {
                    throw CommandFailure.findings("\(error)")
                }
                store = location.description
                note = "read from \(location)"
            }
        }
        loaded.errors.forEach { Output.error($0.description) }
        let lookup = ObligationLookup(workflows: loaded.workflows, sendAt: sendAt)
        let found: ObligationLookup.Found
        do {
            guard let result = try lookup.find(key: key, records: records, now: CivilTime.clock.civilNow) else {
                throw CommandFailure.findings("\(key): no such obligation (a period outside the step's from:/until:, "
                    + "a unit that owes nothing then, or a 'step X done' anchor not yet completed)")
            }
            found = result
        } catch let error as ObligationKeyError {
            throw CommandFailure(key: error)
        }
        let planner = lookup.planner(for: found.resolved)
        guard let explanation = planner.explain(found.tracked.obligation, progress: records.progress) else {
            throw CommandFailure.findings("\(key): its step is not planned")
        }
        let report = ExplainReport(explanation: explanation, resolved: found.resolved, workflows: loaded.workflows,
                                   store: store, storeNote: note, completion: found.tracked.completion)
        switch output.format {
        case .table: Output.print(report.text)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            Output.print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
    }
}
