import ArgumentParser
import DondocLoader

/// `dondoc check-config`: the config file loads, and sets the keys an installation cannot leave to
/// their defaults. The units run it as `ExecCondition=`, whose exit status systemd reads as: 0
/// start, 1–254 skip the unit (not a failure), 255 fail it.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the config file; with --require, also that it sets the given keys.",
        discussion: """
            Every problem as file:line:col: error: message. Exit status: 0 the config loads and sets every \
            required key; 1 a required key is not set in the file (its default does not count); 255 the \
            config has errors or cannot be read; 2 usage error. As a unit's ExecCondition= this skips the \
            unit while a required key is unset and fails it when the config is broken: dondoc.service \
            runs `dondoc check-config --require mail.from`, so it starts only once the operator has set \
            the sender.
            """
    )

    /// What `ExecCondition=` reads as "failed" rather than "skip".
    static let brokenConfigStatus: Int32 = 255

    @OptionGroup var config: ConfigOption

    @Option(name: .long, help: ArgumentHelp(
        "A key the file must set, such as mail.from or http.base-url (repeatable).", valueName: "key"))
    var require: [String] = []

    func validate() throws {
        for key in require where !ConfigLoader.settableKeys.contains(key) {
            throw ValidationError("--require: no config key '\(key)' (keys: \(ConfigLoader.settableKeys.joined(separator: ", ")))")
        }
    }

    func run() throws {
        let (loaded, diagnostics) = ConfigLoader.load(path: config.config)
        diagnostics.forEach { Output.error($0.description) }
        guard let loaded else { throw ExitCode(Self.brokenConfigStatus) }
        let missing = require.filter { loaded.keyLocations[$0] == nil }
        for key in missing {
            Output.error("\(loaded.file): '\(key)' is not set (required; its default is not used here)")
        }
        if !missing.isEmpty { throw ExitCode(1) }
        let set = require.map { "\($0) at \(loaded.whereSet($0))" }
        Output.print("\(loaded.file): ok" + (set.isEmpty ? "" : "; " + set.joined(separator: ", ")))
    }
}
