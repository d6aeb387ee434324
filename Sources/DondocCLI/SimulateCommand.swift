import ArgumentParser
import DondocCore
import Foundation

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
        switch output.format {
        case .json:
            // A month at a time, on every core, written in order as each is done: a year of a
            // million obligations is never held at once (two or three months' lines at most).
            let windows = Self.months(from.time...end)
            let chunks = OrderedChunks(count: windows.count, ahead: ProcessInfo.processInfo.activeProcessorCount + 1)
            let planner = report.workflows.planner(sendAt: sendAt.minutes)
            for _ in 0..<min(ProcessInfo.processInfo.activeProcessorCount, windows.count) {
                Thread {
                    while let index = chunks.take() {
                        chunks.put(index, Self.lines(planner.stream(in: windows[index])))
                    }
                }.start()
            }
            let out = LineWriter()
            defer { out.flush() }
            for index in windows.indices {
                for block in chunks.get(index) { out.write(bytes: block) }
            }
        case .table:
            let notifications = report.workflows.planner(sendAt: sendAt.minutes).stream(in: from.time...end)
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

    /// `window` cut at the start of each month (minutes are whole: each notification falls in
    /// exactly one piece).
    static func months(_ window: ClosedRange<LocalDateTime>) -> [ClosedRange<LocalDateTime>] {
        var pieces: [ClosedRange<LocalDateTime>] = []
        var start = window.lowerBound
        while true {
            let first = CivilDate(year: start.date.year, month: start.date.month, day: 1)!.adding(months: 1)
            let next = LocalDateTime(date: first)
            guard next <= window.upperBound else { break }
            pieces.append(start...LocalDateTime(minutesSinceEpoch: next.minutesSinceEpoch - 1))
            start = next
        }
        pieces.append(start...window.upperBound)
        return pieces
    }

    /// Under the allocator's threshold for mapping memory of its own: a block freed after its
    /// write is reused for the next, without faulting in new pages.
    static let blockBytes = 96 << 10

    /// The JSON lines of `notifications`, in blocks of about `blockBytes`.
    static func lines(_ notifications: NotificationStream) -> [[UInt8]] {
        var blocks: [[UInt8]] = []
        var block: [UInt8] = []
        block.reserveCapacity(Self.blockBytes + 4096)
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
            block += line.bytes
            block.append(UInt8(ascii: "}"))
            block.append(UInt8(ascii: "\n"))
            if block.count >= Self.blockBytes {
                blocks.append(block)
                block = []
                block.reserveCapacity(Self.blockBytes + 4096)
            }
        }
        if !block.isEmpty { blocks.append(block) }
        return blocks
    }
}

/// Pieces of output made on several threads and taken in order: a piece is handed out only
/// while fewer than `ahead` are made or waiting, which bounds what is held.
final class OrderedChunks: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let ahead: Int
    private var handedOut = 0
    private var taken = 0
    private var made: [Int: [[UInt8]]] = [:]

    init(count: Int, ahead: Int) {
        self.count = count
        self.ahead = max(1, ahead)
    }

    /// The next piece to make; nil when all are handed out.
    func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while handedOut < count && handedOut - taken >= ahead { condition.wait() }
        guard handedOut < count else { return nil }
        handedOut += 1
        return handedOut - 1
    }

    func put(_ index: Int, _ blocks: [[UInt8]]) {
        condition.lock()
        made[index] = blocks
        condition.broadcast()
        condition.unlock()
    }

    /// Piece `index` once made (taken in order, each once).
    func get(_ index: Int) -> [[UInt8]] {
        condition.lock()
        defer { condition.unlock() }
        while made[index] == nil { condition.wait() }
        taken = index + 1
        condition.broadcast()
        return made.removeValue(forKey: index)!
    }
}
