import DondocCore

/// Where a step was written: its entry, and the value of each of its keys.
public struct StepLocations: Sendable, Hashable {
    /// The step's mapping (`- id: …`).
    public var entry: SourceLocation
    /// Key → where its value starts (`due` → the `due:` text).
    public var keys: [String: SourceLocation]

    public init(entry: SourceLocation, keys: [String: SourceLocation]) {
        self.entry = entry
        self.keys = keys
    }
}

/// Where a directive was written.
public struct DirectiveLocations: Sendable, Hashable {
    /// The file, as in diagnostics.
    public var file: String
    /// The `directive:` mapping.
    public var entry: SourceLocation
    /// Key of `directive:` or of the top level (`reminders`, `escalation`, `steps`) → its value.
    public var keys: [String: SourceLocation]
    /// Step id → where the step was written.
    public var steps: [String: StepLocations]

    public init(file: String, entry: SourceLocation, keys: [String: SourceLocation], steps: [String: StepLocations]) {
        self.file = file
        self.entry = entry
        self.keys = keys
        self.steps = steps
    }
}

/// Where everything that loaded was written, for diagnostics found after loading (the
/// planner, the daemon): `file:line:col` for a directive, a step, a key, a unit, a group.
public struct WorkflowLocations: Sendable {
    /// By normalised directive number.
    public var directives: [String: DirectiveLocations] = [:]
    /// Unit id → its `id:` value in units.yaml.
    public var units: [String: SourceLocation] = [:]
    /// Group name → its key in units.yaml.
    public var groups: [String: SourceLocation] = [:]
    /// Year → the `year:` value of its calendar file.
    public var calendars: [Int: SourceLocation] = [:]

    public init() {}

    /// The most precise place known: a key of a step, else the step, else a key of the
    /// directive, else the directive.
    public func location(directive number: String, step: String? = nil, key: String? = nil) -> SourceLocation? {
        guard let directive = directives[Directive.normalize(number: number)] else { return nil }
        if let step, let stepLocations = directive.steps[step] {
            return key.flatMap { stepLocations.keys[$0] } ?? stepLocations.entry
        }
        return key.flatMap { directive.keys[$0] } ?? directive.entry
    }

    /// The file a directive was loaded from.
    public func file(ofDirective number: String) -> String? {
        directives[Directive.normalize(number: number)]?.file
    }
}
