import DondocCore
import Foundation

/// Loads a workflows directory (DESIGN §1): `units.yaml`, `calendars/*.yaml`, and one
/// directive per other `*.yaml` / `*.yml` file at the top. Reports every problem it finds,
/// each at the line and column of what is wrong; loads everything that is valid.
///
/// Paths in diagnostics are the directory as given joined with the file's name
/// (`Workflows/33-ct-ttg.yaml:12:10: error: …`).
public enum WorkflowLoader {
    /// Loads and checks a workflows directory. `today` enables the checks that depend on the
    /// date (provisional calendars from 1 October; units that have ceased to exist); `strict`
    /// adds the warnings of `check --strict` (an administrator's choice left unmarked).
    /// `cache`, kept across the loads of one directory, spares a reload the files that did not change.
    public static func load(directory: String, today: CivilDate?, strict: Bool = false,
                            cache: DirectiveFileCache? = nil) -> LoadReport {
        let bag = DiagnosticBag()
        guard WorkflowFiles.isDirectory(directory) else {
            bag.error(.noSuchDirectory, SourceLocation(file: directory, line: 1, column: 1),
                      WorkflowFiles.exists(directory) ? "not a directory: a workflows directory holds units.yaml and the directive files"
                                                       : "no such directory")
            return report(WorkflowSet(), bag: bag)
        }
        let unitsPath = WorkflowFiles.join(directory, "units.yaml")
        let calendarDirectory = WorkflowFiles.join(directory, "calendars")
        // Each directive's checks against the units and the calendars alone run with its read, on
        // every core, and are kept with it while those files stay as they were: stamped before
        // they are read, so that a change during the load is seen by the next.
        let basisFiles = [unitsPath]
            + (WorkflowFiles.isDirectory(calendarDirectory) ? WorkflowFiles.yamlFiles(in: calendarDirectory).map { WorkflowFiles.join(calendarDirectory, $0) } : [])
        let basis = DirectiveFiles.Basis.of(basisFiles, today: today)
        let units = loadUnits(path: unitsPath, cache: cache, bag: bag)
        let org = units?.org ?? OrgChart()
        let calendarFiles = readCalendars(directory: calendarDirectory, bag: bag)
        let yearFiles = calendarFiles.compactMap(\.yearFile)
        let calendar = WorkCalendar(files: yearFiles)
        let paths = WorkflowFiles.directiveFiles(in: directory).map { WorkflowFiles.join(directory, $0) }
        let shared = ValidationContext.Shared(units: units, org: org, calendar: calendar, today: today)
        let own = DirectiveFiles.OwnChecks(basis: basis) { draft in
            let context = shared.alone(with: draft)
            DirectiveReferenceChecks.run(context)
            EscalationTargetChecks.run(context)
            StepAnchorChecks.run(context)
            ReportWindowChecks.run(context)
            SuccessorChecks.run(context)
            return DirectiveFiles.Findings(diagnostics: context.bag.diagnostics,
                                           addressedUnits: UnitDeliveryChecks.addressedUnits(context))
        }
        let (reads, fresh) = DirectiveFiles.read(paths, cache: cache, own: own, bag: bag)
        let drafts = reads.compactMap(\.draft)

        let context = ValidationContext(bag: bag, shared: shared, directives: drafts)
        DirectiveNumberChecks.run(context)
        CascadeChecks.run(context)
        UnitDeliveryChecks.run(context, addressed: reads.reduce(into: Set<String>()) { $0.formUnion($1.checked?.findings.addressedUnits ?? []) })
        if strict { SourceMarkChecks.run(context) }
        CalendarChecks.provisionalYears(calendarFiles, today: today, directory: calendarDirectory, bag: bag)

        let loadedReads = reads.filter { $0.draft != nil && !bag.hasErrors(in: $0.path) }
        let workflows = WorkflowSet(org: org, calendarFiles: yearFiles, calendar: calendar,
                                    directives: loadedReads.compactMap(\.directive),
                                    locations: locations(units: units, calendars: calendarFiles, directives: loadedReads))
        var loadReport = report(workflows, bag: bag)
        loadReport.directiveFilesRead = fresh
        return loadReport
    }

    /// The calendar files of one directory (`--calendars DIR`), with their problems. Paths in
    /// diagnostics are the directory joined with the file's name.
    public static func loadCalendars(directory: String) -> (files: [CalendarYearFile], diagnostics: [Diagnostic]) {
        let bag = DiagnosticBag()
        if !WorkflowFiles.isDirectory(directory) {
            bag.error(.noSuchDirectory, SourceLocation(file: directory, line: 1, column: 1),
                      WorkflowFiles.exists(directory) ? "not a directory" : "no such directory")
        }
        let files = readCalendars(directory: directory, bag: bag).compactMap(\.yearFile)
        return (files, bag.sorted)
    }

    // MARK: - Parts

    private static func report(_ workflows: WorkflowSet, bag: DiagnosticBag) -> LoadReport {
        LoadReport(workflows: workflows, diagnostics: bag.sorted, invalidFiles: bag.filesWithErrors)
    }

    /// `nil` when there is no usable units.yaml (missing, unreadable, or so broken that no unit
    /// loads): references then go unchecked, rather than each reported as unknown.
    /// From `cache` while the file keeps its stamp (taken before the read: a change during it
    /// is seen by the next load).
    private static func loadUnits(path: String, cache: DirectiveFileCache?, bag: DiagnosticBag) -> UnitsFile? {
        let stamp = DirectiveFiles.Stamp.of(path)
        if let (units, diagnostics) = cache?.units(stamp: stamp) {
            bag.append(contentsOf: diagnostics)
            return units
        }
        let own = DiagnosticBag()
        let units = readUnits(path: path, bag: own)
        bag.append(contentsOf: own.diagnostics)
        cache?.keepUnits(units, diagnostics: own.diagnostics, stamp: stamp)
        return units
    }

    private static func readUnits(path: String, bag: DiagnosticBag) -> UnitsFile? {
        guard WorkflowFiles.exists(path) else {
            bag.error(.missingUnitsFile, SourceLocation(file: path, line: 1, column: 1),
                      "missing units.yaml: a workflows directory needs its unit registry (DESIGN §1.2)")
            return nil
        }
        guard let document = WorkflowFiles.document(at: path, bag: bag) else { return nil }
        var units = UnitsFile.read(document, bag: bag)
        if units.entries.isEmpty && bag.hasErrors(in: path) { return nil }
        UnitGraphChecks.run(&units, bag: bag)
        return units
    }

    /// Every YAML file of a calendars directory (none when it does not exist), one per year.
    private static func readCalendars(directory: String, bag: DiagnosticBag) -> [CalendarFile] {
        guard WorkflowFiles.isDirectory(directory) else { return [] }
        let files = WorkflowFiles.yamlFiles(in: directory).compactMap { name -> CalendarFile? in
            guard let document = WorkflowFiles.document(at: WorkflowFiles.join(directory, name), bag: bag) else { return nil }
            return CalendarFile.read(document, fileName: name, bag: bag)
        }
        return CalendarChecks.uniqueYears(files, bag: bag)
    }

    private static func locations(units: UnitsFile?, calendars: [CalendarFile], directives: [DirectiveFiles.Read]) -> WorkflowLocations {
        var locations = WorkflowLocations()
        for entry in units?.entries ?? [] { locations.units[entry.unit.id] = entry.idLocation }
        for group in units?.groups ?? [] { locations.groups[group.name] = group.location }
        for file in calendars {
            if let year = file.year { locations.calendars[year.value] = year.location }
        }
        locations.directives.reserveCapacity(directives.count)
        for read in directives {
            guard let (number, directive) = read.parsed.locations else { continue }
            locations.directives[number] = directive
        }
        return locations
    }
}
