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
        let notifications = report.workflows.planner(sendAt: sendAt.minutes).notifications(in: from.time...end)
        switch output.format {
        case .json:
            let out = LineWriter()
            defer { out.flush() }
            for notification in notifications {
                var line = JSONLine()
                let obligation = notification.obligation
                line.add("at", CivilTime.iso(notification.at))
                line.add("kind", notification.kind.rawValue)
                line.add("key", obligation.key)
                line.add("directive", obligation.directive)
                line.add("step", obligation.step)
                line.add("unit", obligation.unit)
                line.add("period", obligation.period?.description)
                line.add("due_date", obligation.deadline.dueDate.description)
                line.add("to", notification.to.compactMap(\.email))
                line.add("cc", notification.cc.compactMap(\.email))
                line.add("rule", notification.rule)
                line.add("notification", notification.key)
                out.write(line)
            }
        case .table:
            var table = Table("lúc (at)", "loại", "quy tắc", "hạn", "nghĩa vụ (key)", "gửi đến")
            for notification in notifications {
                let to = notification.to.map { $0.email ?? "(\($0.unit): chưa có email)" }
                table.add(CivilTime.iso(notification.at), notification.kind == .reminder ? "nhắc hạn" : "quá hạn",
                          notification.rule, notification.obligation.deadline.dueDate.description,
                          notification.obligation.key, to.joined(separator: ", "))
            }
            Output.print(table.text)
            Output.print("\(notifications.count) thông báo")
        }
        try report.finish()
    }
}
