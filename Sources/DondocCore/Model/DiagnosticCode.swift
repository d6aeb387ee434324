/// What kind of problem a diagnostic reports: an identifier that stays the same across
/// versions, whatever the wording of the message (`dondoc check --format json` prints it as
/// `code`), so that editors and CI scripts can act on a kind of problem. A code, once
/// released, is never renamed or given to another kind of problem; docs/diagnostic-codes.md
/// lists them all.
public enum DiagnosticCode: String, Sendable, CaseIterable, Hashable {
    // MARK: Files and YAML
    case noSuchDirectory = "file.no-such-directory"
    case unreadable = "file.unreadable"
    case tooLarge = "file.too-large"
    case emptyFile = "file.empty"
    case missingUnitsFile = "file.missing-units"
    case invalidUTF8 = "yaml.invalid-utf8"
    case yamlSyntax = "yaml.syntax"
    case yamlTab = "yaml.tab-indentation"
    case yamlLimit = "yaml.limit"
    case yamlUndefinedAlias = "yaml.undefined-alias"
    case secondDocument = "yaml.second-document"
    case duplicateKey = "yaml.duplicate-key"
    case complexKey = "yaml.complex-key"
    case mergeKey = "yaml.merge-key"

    // MARK: Shapes (what a JSON Schema says too)
    case notMapping = "shape.not-mapping"
    case notText = "shape.not-text"
    case notList = "shape.not-list"
    case emptyList = "shape.empty-list"
    case emptyItem = "shape.empty-item"
    case unknownKey = "shape.unknown-key"
    case misplacedKey = "shape.misplaced-key"
    case missingKey = "shape.missing-key"
    case noValue = "shape.no-value"
    case unknownWord = "shape.unknown-word"
    case dateShape = "shape.date"
    case periodBoundShape = "shape.period-bound"
    case identifierShape = "shape.identifier"
    case escalationShape = "shape.escalation"

    // MARK: Values
    case impossibleDate = "value.impossible-date"
    case yearOutOfRange = "value.year-out-of-range"
    case emailShape = "value.email"

    // MARK: Directives and steps
    case noSteps = "directive.no-steps"
    case numberCharacter = "directive.number-character"
    case duplicateNumber = "directive.duplicate-number"
    case implementsItself = "directive.implements-itself"
    case implementsUnknown = "directive.implements-unknown"
    case duplicateStep = "step.duplicate-id"
    case unmarkedChoice = "step.unmarked-choice"

    // MARK: Deadlines
    case periodicWithoutCadence = "due.periodic"
    case invalidDue = "due.invalid"
    case boundOfOneOff = "due.bound-of-one-off"
    case untilBeforeFrom = "due.until-before-from"
    case unknownAnchorStep = "due.unknown-step"
    case anchorCycle = "due.cycle"
    case laterThanUpstream = "due.later-than-upstream"
    case reportWindow = "due.report-window"

    // MARK: Reminders and escalations
    case invalidReminder = "reminder.invalid"
    case duplicateReminder = "reminder.duplicate"
    case invalidEscalation = "escalation.invalid"
    case duplicateEscalation = "escalation.duplicate"
    case escalationWithoutTarget = "escalation.no-target"
    case escalationToGroup = "escalation.group-target"
    case unknownEscalationTarget = "escalation.unknown-target"
    case escalationWithoutMonitor = "escalation.no-monitor"
    case defaultEscalationWithoutMonitor = "escalation.default-no-monitor"
    case escalationWithoutReportTo = "escalation.no-report-to"

    // MARK: Units and groups
    case unknownUnit = "unit.unknown"
    case groupWhereUnit = "unit.group-not-unit"
    case unitWithErrors = "unit.did-not-load"
    case duplicateUnit = "unit.duplicate-id"
    case validityOrder = "unit.validity-order"
    case unitCycle = "unit.cycle"
    case undeliverableUnit = "unit.no-address"
    case ceasedLead = "unit.ceased-lead"
    case leadOwesNothing = "unit.owes-nothing"
    case unknownGroup = "group.unknown"
    case groupWithoutPrefix = "group.without-prefix"
    case duplicateGroup = "group.duplicate"
    case groupCycle = "group.cycle"

    // MARK: Calendars
    case calendarYearShape = "calendar.year"
    case calendarYearMismatch = "calendar.year-mismatch"
    case duplicateCalendarYear = "calendar.duplicate-year"
    case duplicateDay = "calendar.duplicate-day"
    case dayShape = "calendar.day"
    case dayOutsideYear = "calendar.day-outside-year"
    case rangeOrder = "calendar.range-order"
    case workingDayOnWeekday = "calendar.working-day-on-weekday"
    case dayOffOnWeekend = "calendar.day-off-on-weekend"
    case notHolidayWithoutSource = "calendar.not-holiday-without-source"
    case dayWithoutSource = "calendar.day-without-source"
    case provisionalYear = "calendar.provisional"

    // MARK: The config file
    case noConfig = "config.missing"
    case configValue = "config.value"
    case configUnsupported = "config.unsupported"

    /// Whether the problem is one of shape — a key, a type, a word from a fixed list, a
    /// pattern — that the JSON Schemas in `schema/` also find (the schema tests hold them to it).
    public var isShape: Bool {
        rawValue.hasPrefix("shape.") || self == .emptyFile || self == .calendarYearShape || self == .dayShape
    }
}
