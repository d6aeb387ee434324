import DondocCore

/// The workflows a long-running process (the daemon, the web) runs on, and how a reload replaces them (DESIGN §5): a file that
/// fails to load keeps its last good version; everything else takes the new one.
public enum LiveWorkflows {
    /// Merges a new load over the previous good set. With no previous set (start-up), invalid
    /// files are simply left out.
    public static func merge(previous: WorkflowSet?, report: LoadReport) -> WorkflowSet {
        var next = report.workflows
        guard let previous else { return next }
        let invalid = report.invalidFiles

        // units.yaml with errors: the whole previous org chart stays.
        if invalid.contains(where: { $0.hasSuffix("/units.yaml") || $0 == "units.yaml" || $0.hasSuffix("/units.yml") }) {
            next.org = previous.org
        }
        // A calendar file with errors: that year's previous file stays.
        var calendars = Dictionary(next.calendarFiles.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
        for file in previous.calendarFiles {
            if let path = previous.locations.calendars[file.year]?.file, invalid.contains(path) {
                calendars[file.year] = file
            }
        }
        next.calendarFiles = calendars.values.sorted { $0.year < $1.year }
        next.calendar = WorkCalendar(files: next.calendarFiles)
        // A directive file with errors: the directives it held before stay.
        let loaded = Set(next.directives.map(\.number))
        for directive in previous.directives where !loaded.contains(directive.number) {
            guard let file = previous.locations.file(ofDirective: directive.number), invalid.contains(file) else { continue }
            next.directives.append(directive)
            if let where_ = previous.locations.directives[directive.number] {
                next.locations.directives[directive.number] = where_
            }
        }
        return next
    }
}
