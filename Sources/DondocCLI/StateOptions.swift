import ArgumentParser
import DondocCore
import DondocLoader
import DondocStore
import Foundation

/// `--config F`, and what the staff commands open through it: the workflows and the state store.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The config file.", valueName: "file"))
    var config: String = DaemonConfig.defaultPath

    /// The config, or exit 1 with its problems as file:line:col.
    func load() throws -> DaemonConfig {
        let (loaded, diagnostics) = ConfigLoader.load(path: config)
        diagnostics.forEach { Output.error($0.description) }
        guard let loaded else { throw ExitCode(1) }
        return loaded
    }

    /// The daemon's store. Never created here: a mistyped `state:` would otherwise record
    /// completions in a file the daemon never reads.
    func openStore(_ config: DaemonConfig) throws -> SQLiteStateStore {
        do {
            return try SQLiteStateStore.open(path: config.state, create: false)
        } catch let error as StoreError where error.code == .notFound {
            throw CommandFailure.findings("\(error) (has `dondoc run` started with this config? check 'state:' in \(config))")
        } catch {
            throw CommandFailure.findings("\(error)")
        }
    }
}

extension WorkflowSet {
    /// The directive and step a key names, or a message saying what is wrong with it.
    func resolve(key: String) throws -> (Directive, Step) {
        guard let parts = Obligation.parse(key: key) else {
            // A notification key, copied from a message's X-Dondoc-Keys: point at its obligation.
            if let obligation = Notification.obligationKey(ofNotificationKey: key) {
                throw CommandFailure.usage("<key>: '\(key)' names one notification; give the obligation's key, '\(obligation)'")
            }
            throw CommandFailure.usage("<key>: '\(key)' is not an obligation key such as 33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026")
        }
        guard let directive = directive(parts.directive) else {
            throw CommandFailure.findings("\(key): no directive '\(parts.directive)' in the workflows")
        }
        guard let step = directive.step(parts.step) else {
            throw CommandFailure.findings("\(key): directive \(directive.number) has no step '\(parts.step)'")
        }
        guard org[parts.unit] != nil else {
            throw CommandFailure.findings("\(key): no unit '\(parts.unit)' in units.yaml")
        }
        return (directive, step)
    }
}
