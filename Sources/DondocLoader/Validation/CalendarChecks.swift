import DondocCore

/// One file per year, and — from 1 October — a confirmed calendar for this year and the next
/// (DESIGN §2.5): until the official notice is entered, deadlines rest on computed holidays.
enum CalendarChecks {
    /// Reports a second file for a year already given; returns the files to load.
    static func uniqueYears(_ files: [CalendarFile], bag: DiagnosticBag) -> [CalendarFile] {
        var first: [Int: CalendarFile] = [:]
        var result: [CalendarFile] = []
        for file in files {
            guard let year = file.year else { continue }
            if let earlier = first[year.value] {
                bag.error(.duplicateCalendarYear, year.location, "calendar \(year.value) is already given by \(earlier.path)")
                continue
            }
            first[year.value] = file
            result.append(file)
        }
        return result
    }

    /// The warning for a provisional year; `directory` is where calendar files go, as shown.
    static func provisionalYears(_ files: [CalendarFile], today: CivilDate?, directory: String, bag: DiagnosticBag) {
        guard let today, today >= CivilDate(year: today.year, month: 10, day: 1)! else { return }
        for year in [today.year, today.year + 1] {
            let file = files.first { $0.year?.value == year }
            if file?.status == .confirmed { continue }
            let path = file?.path ?? WorkflowFiles.join(directory, "vn-\(year).yaml")
            let location = file?.statusLocation ?? file?.year?.location ?? SourceLocation(file: path, line: 1, column: 1)
            bag.warning(.provisionalYear, location, "calendar \(year) is still provisional: enter the official notice in \(path)")
        }
    }
}
