import ArgumentParser
import DondocApp
import DondocCore
import DondocLoader
import DondocStore
import Foundation

/// `--config F`, and what the staff commands open through it: the workflows and the state store.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The config file.", valueName: "file"))
    var config: String = InstallationConfig.defaultPath

    /// The config, or exit 1 with its problems as file:line:col.
    func load() throws -> InstallationConfig {
        let (loaded, diagnostics) = ConfigLoader.load(path: config)
        diagnostics.forEach { Output.error($0.description) }
        guard let loaded else { throw ExitCode(1) }
        return loaded
    }

    /// The daemon's store. Never created here: a mistyped `state:` would otherwise record
    /// completions in a file the daemon never reads.
    func openStore(_ config: InstallationConfig) async throws -> any StateStore {
        do {
            return try await StateStores.open(config, create: false)
        } catch let error as StoreError where error.code == .notFound {
            throw CommandFailure.findings("\(error) (has `dondoc run` started with this config? check 'state:' at \(config.whereSet("state")))")
        } catch {
            throw CommandFailure.findings("\(error)")
        }
    }
}

extension ConfigOption {
    /// Runs a use case now, its failures as the command's: a key not written as one is a usage
    /// error (exit 2); a key the workflows do not have, or a store that fails, a finding (exit 1).
    func run<UseCase: ObligationUseCase>(_ useCase: UseCase, _ request: UseCase.Request) async throws -> UseCase.Outcome {
        do {
            return try await useCase.run(request, now: CivilTime.clock.now())
        } catch let error as ObligationKeyError {
            throw CommandFailure(key: error)
        } catch {
            throw CommandFailure.findings("\(error)")
        }
    }

    /// The workflows the config names, and the key checked against them before the store opens.
    func workflows(_ installation: InstallationConfig, resolving key: String) throws -> WorkflowSet {
        let workflows = WorkflowLoader.load(directory: installation.workflows, today: CivilTime.clock.today).workflows
        do { _ = try workflows.resolve(key: key) } catch { throw CommandFailure(key: error) }
        return workflows
    }
}

/// What `status` and `report` read: the config, its workflows (errors printed, the rest loaded),
/// and what the store records, at one "now".
struct TrackingContext {
    let settings: InstallationConfig
    let now: LocalDateTime
    let loaded: LoadReport
    let records: TrackingRecords

    var workflows: WorkflowSet { loaded.workflows }

    /// `checking` runs on the workflows before the store opens: an argument the workflows refuse
    /// (an unknown unit, say) is a usage error whatever the state of the store.
    static func read(_ config: ConfigOption, checking: (WorkflowSet, InstallationConfig) throws -> Void = { _, _ in })
        async throws -> TrackingContext {
        let settings = try config.load()
        let now = CivilTime.clock.civilNow
        let loaded = WorkflowLoader.load(directory: settings.workflows, today: now.date)
        loaded.errors.forEach { Output.error($0.description) }
        try checking(loaded.workflows, settings)
        let store = try await config.openStore(settings)
        do {
            let records = try await TrackingRecords.read(from: store)
            return TrackingContext(settings: settings, now: now, loaded: loaded, records: records)
        } catch {
            throw CommandFailure.findings("\(error)")
        }
    }
}

