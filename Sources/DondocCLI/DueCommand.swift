import ArgumentParser
import DondocCore

struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "Evaluate one due: expression (issued = --from).",
        discussion: """
            Examples: dondoc due "before 2021-12-15"; dondoc due "10 working days after issued" --from 2026-02-10;
            dondoc due "quarterly on 20" --count 4; dondoc due "trước ngày 15/12 hằng năm".
            """
    )

    @Argument(help: ArgumentHelp("The expression; quote it, or give it as several words.", valueName: "expr"))
    var words: [String]

    @Option(help: ArgumentHelp("The issued date, and where recurring occurrences start (default: today).", valueName: "date"))
    var from: CivilDate?

    @Option(help: ArgumentHelp("Occurrences of a recurring expression to show.", valueName: "n"))
    var count: Int = 3

    @Option(name: .customLong("on-rest-day"), help: ArgumentHelp("extend, previous or keep.", valueName: "policy"))
    var onRestDay: String = RestDayPolicy.extend.rawValue

    @OptionGroup var calendars: CalendarsOption
    @OptionGroup var output: FormatOption

    var text: String { words.joined(separator: " ") }

    func validate() throws {
        if count < 1 || count > 10_000 { throw ValidationError("--count must be from 1 to 10000, found \(count)") }
        if RestDayPolicy(rawValue: onRestDay) == nil {
            throw ValidationError("--on-rest-day: '\(onRestDay)' is not one of extend, previous, keep")
        }
    }

    func run() throws {
        let expression: DueExpression
        switch DueParser.parse(text) {
        case .success(let parsed): expression = parsed
        case .failure(let error):
            throw CommandFailure.usage("""
                argument <expr>: column \(error.offset + 1): \(error.message)
                  \(text)
                  \(String(repeating: " ", count: error.offset))^
                """)
        }
        let calculator = DeadlineCalculator(calendar: try calendars.load())
        let policy = RestDayPolicy(rawValue: onRestDay)!
        let start = from ?? CivilTime.clock.today
        if expression == .periodic {
            throw CommandFailure.usage("argument <expr>: 'periodic' has no cadence: write one, e.g. 'quarterly on 20'")
        }
        if expression.isRecurring {
            let occurrences = calculator.occurrences(of: expression, policy: policy, issued: nil, from: nil, until: nil,
                                                     startingAt: start).prefix(count)
            print(occurrences: Array(occurrences), expression: expression)
            return
        }
        if let stepID = expression.anchor?.stepID {
            throw CommandFailure.usage("argument <expr>: 'step \(stepID)' needs a directive's steps; use dondoc agenda")
        }
        let nominal = calculator.nominal(of: expression, anchor: start)!
        let deadline = calculator.deadline(nominal: nominal, policy: policy)
        switch output.format {
        case .json:
            var line = DeadlineFields.json(deadline)
            line.add("expression", expression.description)
            Output.print(line.text)
        case .table:
            var table = Table("", "")
            table.add("expression", "\(expression)" + (expression.anchor == .issued ? " (issued \(start))" : ""))
            table.add("nominal", DeadlineFields.day(deadline.nominal))
            table.add("due_date", DeadlineFields.day(deadline.dueDate))
            table.add("due_at", CivilTime.iso(deadline.dueAt))
            table.add("target_date", DeadlineFields.day(deadline.targetDate))
            Output.print(table.body)
        }
    }

    func print(occurrences: [Occurrence], expression: DueExpression) {
        switch output.format {
        case .json:
            for occurrence in occurrences {
                var line = JSONLine()
                line.add("period", occurrence.period.description)
                line.add("window_start", occurrence.window.lowerBound.description)
                line.add("window_end", occurrence.window.upperBound.description)
                line.append(contentsOf: DeadlineFields.json(occurrence.deadline))
                Output.print(line.text)
            }
        case .table:
            var table = Table("period", "window", "nominal", "due_date", "due_at", "target_date")
            for occurrence in occurrences {
                let d = occurrence.deadline
                table.add(occurrence.period.description,
                          "\(occurrence.window.lowerBound)..\(occurrence.window.upperBound)",
                          d.nominal.description, DeadlineFields.day(d.dueDate), CivilTime.iso(d.dueAt),
                          DeadlineFields.day(d.targetDate))
            }
            Output.print("expression  \(expression)")
            Output.print(table.text)
        }
    }
}

/// The dates of a deadline, as `due` prints them.
enum DeadlineFields {
    static func json(_ deadline: Deadline) -> JSONLine {
        var line = JSONLine()
        line.add("due_date", deadline.dueDate.description)
        line.add("due_at", CivilTime.iso(deadline.dueAt))
        line.add("target_date", deadline.targetDate.description)
        line.add("nominal", deadline.nominal.description)
        return line
    }

    static func day(_ date: CivilDate) -> String { "\(date) \(date.weekday.vietnameseShort)" }
}
