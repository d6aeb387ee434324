import DondocCore

/// What loaded from a workflows directory: the org chart, the calendar, and the directives
/// whose files have no errors.
public struct WorkflowSet: Sendable {
    public var org: OrgChart
    public var calendarFiles: [CalendarYearFile]
    public var calendar: WorkCalendar
    /// Directives from files without errors, in file-name order.
    public var directives: [Directive]
    public var locations: WorkflowLocations

    public init(org: OrgChart = OrgChart(), calendarFiles: [CalendarYearFile] = [], calendar: WorkCalendar? = nil,
                directives: [Directive] = [], locations: WorkflowLocations = WorkflowLocations()) {
        self.org = org
        self.calendarFiles = calendarFiles
        self.calendar = calendar ?? WorkCalendar(files: calendarFiles)
        self.directives = directives
        self.locations = locations
    }

    /// The directive with this number (white space normalised).
    public func directive(_ number: String) -> Directive? {
        let normalized = Directive.normalize(number: number)
        return directives.first { $0.number == normalized }
    }
}

/// The outcome of loading a workflows directory: what loaded, and every problem found.
public struct LoadReport: Sendable {
    public var workflows: WorkflowSet
    /// Sorted by file, line and column.
    public var diagnostics: [Diagnostic]
    /// Files (as named in diagnostics) with at least one error. A directive file listed here
    /// did not load; units and calendar files load what is valid in them.
    public var invalidFiles: Set<String>
    /// Directive files read by this load; with a `DirectiveFileCache`, those that changed since the last.
    public var directiveFilesRead: Int

    public init(workflows: WorkflowSet, diagnostics: [Diagnostic], invalidFiles: Set<String>, directiveFilesRead: Int = 0) {
        self.workflows = workflows
        self.diagnostics = diagnostics
        self.invalidFiles = invalidFiles
        self.directiveFilesRead = directiveFilesRead
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}
