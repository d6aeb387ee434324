import ArgumentParser
import DondocApp
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

extension CommandFailure {
    /// A key argument that names no obligation: a usage error when it is not written as a key.
    init(key error: ObligationKeyError) {
        self = error.isMalformed ? .usage("<key>: \(error)") : .findings(error.description)
    }
}
