import ArgumentParser
import DondocCore

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Every notification the daemon would send in a window, in order, assuming nothing is done.",
        discussion: "A --to given as a date includes that whole day."
    )

    @OptionGroup var workflows: WorkflowsArgument

    @Option(help: ArgumentHelp("Start of the window.", valueName: "time"))
    var from: Instant

    @Option(help: ArgumentHelp("End of the window.", valueName: "time"))
    var to: Instant

    @OptionGroup var sendAt: SendAtOption
    @OptionGroup var output: FormatOption

    func validate() throws {
        if end < from.time { throw ValidationError("--to is before --from") }
    }

    var end: LocalDateTime { to.dateOnly ? LocalDateTime(date: to.time.date, minuteOfDay: 1439) : to.time }

    func run() throws {
        let report = workflows.load()
        let notifications = report.workflows.planner(sendAt: sendAt.minutes).stream(in: from.time...end)
        switch output.format {
        case .json:
            // Line by line as the planner makes them: a year of a million obligations is never
            // held at once.
            let out = LineWriter()
            defer { out.flush() }
            var at = (minute: Int.min, text: "")
            var line = JSONLine()
            for notification in notifications {
                if notification.at.minutesSinceEpoch != at.minute {
                    at = (notification.at.minutesSinceEpoch, CivilTime.iso(notification.at))
                }
                line.removeAll()
                let obligation = notification.obligation
                line.add("at", at.text)
                line.add("kind", notification.kind.rawValue)
                line.add("key", obligation.key)
                line.add("directive", obligation.directive)
                line.add("step", obligation.step)
                line.add("unit", obligation.unit)
                line.add("period", obligation.period?.description)
                line.add("due_date", obligation.deadline.dueDate.description)
                line.add("to", notification.to.lazy.compactMap(\.email))
                line.add("cc", notification.cc.lazy.compactMap(\.email))
                line.add("rule", notification.rule)
                line.add("notification", notification.key)
                out.write(line)
            }
        case .table:
            var table = Table("lúc (at)", "loại", "quy tắc", "hạn", "nghĩa vụ (key)", "gửi đến")
            var count = 0
            for notification in notifications {
                let to = notification.to.map { $0.email ?? "(\($0.unit): chưa có email)" }
                table.add(CivilTime.iso(notification.at), notification.kind == .reminder ? "nhắc hạn" : "quá hạn",
                          notification.rule, notification.obligation.deadline.dueDate.description,
                          notification.obligation.key, to.joined(separator: ", "))
                count += 1
            }
            Output.print(table.text)
            Output.print("\(count) thông báo")
        }
        try report.finish()
    }
}
