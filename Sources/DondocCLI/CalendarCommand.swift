import ArgumentParser
import DondocCore

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The civil-service calendar: working days, holidays, lunar dates.",
        subcommands: [CalendarShowCommand.self, CalendarHolidaysCommand.self, CalendarLunarCommand.self],
        defaultSubcommand: CalendarShowCommand.self
    )
}

/// What `dondoc calendar YEAR` or `YEAR-MM` shows.
enum CalendarSpan: ExpressibleByArgument {
    case year(Int)
    case month(Int, Int)

    init?(argument: String) {
        switch Period(label: argument) {
        case .year(let y)?: self = .year(y)
        case .month(let y, let m)?: self = .month(y, m)
        default: return nil
        }
    }
}

struct CalendarShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "A year or a month, like cal: days off marked *, worked weekend days marked +."
    )

    @Argument(help: ArgumentHelp("A year (2026) or a month (2026-02); default: this month.", valueName: "year|year-mm"))
    var span: CalendarSpan?

    @OptionGroup var calendars: CalendarsOption

    func run() throws {
        let calendar = try calendars.load()
        let today = CivilTime.clock.today
        let view = MonthView(calendar: calendar)
        switch span ?? .month(today.year, today.month) {
        case .year(let year):
            Output.print(view.yearHeader(year))
            Output.print(view.render(year: year))
            Output.print(view.legend(entries: calendar.entries(year: year)))
        case .month(let year, let month):
            Output.print(view.yearHeader(year))
            Output.print(view.render(year: year, month: month).joined(separator: "\n"))
            Output.print(view.legend(entries: calendar.entries(year: year).filter { $0.date.month == month }))
        }
    }
}

struct CalendarHolidaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays",
        abstract: "The days off of a year, with their kind, name and source."
    )

    @Argument(help: ArgumentHelp("The year.", valueName: "year"))
    var year: Int

    @OptionGroup var calendars: CalendarsOption
    @OptionGroup var output: FormatOption

    func validate() throws {
        guard (1...9999).contains(year) else { throw ValidationError("<year>: \(year) is not a year from 1 to 9999") }
    }

    func run() throws {
        let calendar = try calendars.load()
        let days = calendar.daysOff(year: year)
        switch output.format {
        case .json:
            for entry in days {
                var line = JSONLine()
                line.add("date", entry.date.description)
                line.add("kind", entry.kind.rawValue)
                line.add("name", entry.name)
                line.add("source", entry.source)
                Output.print(line.text)
            }
        case .table:
            var table = Table("date", "thứ", "kind", "name", "source")
            for entry in days {
                table.add(entry.date.description, entry.date.weekday.vietnameseShort, entry.kind.rawValue, entry.name, entry.source ?? "")
            }
            Output.print(MonthView(calendar: calendar).yearHeader(year))
            Output.print(table.text)
        }
    }
}

struct CalendarLunarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lunar",
        abstract: "Gregorian dates to Vietnamese lunar dates (UTC+7)."
    )

    @Argument(help: ArgumentHelp("Dates YYYY-MM-DD.", valueName: "date"))
    var dates: [CivilDate]

    @OptionGroup var output: FormatOption

    func validate() throws {
        if dates.isEmpty { throw ValidationError("give at least one date YYYY-MM-DD") }
    }

    func run() throws {
        var table = Table("date", "âm lịch", "năm")
        for date in dates {
            let lunar = LunarCalendar.lunarDate(for: date)
            switch output.format {
            case .json:
                var line = JSONLine()
                line.add("date", date.description)
                line.add("day", lunar.day)
                line.add("month", lunar.month)
                line.add("year", lunar.year)
                line.add("leap", lunar.isLeap)
                Output.print(line.text)
            case .table:
                let month = "\(lunar.month)\(lunar.isLeap ? " nhuận" : "")"
                table.add(date.description, "ngày \(lunar.day) tháng \(month)", "\(lunar.year) (\(LunarCalendar.yearName(lunar.year)))")
            }
        }
        if output.format == .table { Output.print(table.text) }
    }
}
