import Testing
import DondocTestSupport
@testable import DondocCore

/// The streaming planner against a straightforward full sort, on seeded mixed workloads: every
/// kind of `due:`, steps counting from steps (and from their completion), units merged into a
/// successor, rest-day rules, reminder and escalation rules of steps' own, completions and
/// extensions, and windows of every length.
struct NotificationStreamTests {
    /// What `Planner.notifications(in:)` computes, the simple way: all the notifications of every
    /// obligation that can notify in the window, then one sort on `(minute, rank, ordinal, rule)`.
    static func fullSort(_ planner: Planner, in window: ClosedRange<LocalDateTime>, progress: Progress) -> [Notification] {
        let (lead, lag) = planner.reach
        let dates = window.lowerBound.date.adding(days: -lag)...window.upperBound.date.adding(days: lead)
        let byNumber = Dictionary(planner.directives.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        var all: [(order: (Int, Int, Int, Int), notification: Notification)] = []
        for (ordinal, obligation) in planner.obligations(due: dates, progress: progress).enumerated() {
            let directive = byNumber[obligation.directive]!
            let step = directive.step(obligation.step)!
            for (rule, n) in planner.notifications(for: obligation, directive: directive, step: step).enumerated()
            where window.contains(n.at) && !progress.isDone(obligation.key) {
                all.append(((n.at.minutesSinceEpoch, n.kind.rank, ordinal, rule), n))
            }
        }
        return all.sorted { $0.order < $1.order }.map(\.notification)
    }

    @Test(arguments: 1...16 as ClosedRange<UInt64>)
    func streamingOrderIsTheFullSort(seed: UInt64) {
        var generator = Workload(seed: seed)
        let (planner, progress) = generator.make()
        for _ in 0..<4 {
            let window = generator.window()
            let streamed = planner.notifications(in: window, progress: progress)
            let sorted = NotificationStreamTests.fullSort(planner, in: window, progress: progress)
            #expect(streamed.count == sorted.count, "seed \(seed), window \(window)")
            let first = zip(streamed, sorted).enumerated().first { $0.element.0 != $0.element.1 }
            let difference = first.map { "at \($0.offset): \($0.element.0.key) instead of \($0.element.1.key)" }
            #expect(difference == nil, "seed \(seed), window \(window)")
        }
    }

    @Test func theFirstNotificationNeedsNoMore() {
        var generator = Workload(seed: 99)
        let (planner, progress) = generator.make()
        let window = LocalDateTime(date: d("2026-03-01"))...LocalDateTime(date: d("2026-03-31"), minuteOfDay: 1439)
        var stream = planner.stream(in: window, progress: progress)
        #expect(stream.next() == NotificationStreamTests.fullSort(planner, in: window, progress: progress).first)
    }
}

/// A seeded generator of org charts, directives and progress shaped like an installation's.
struct Workload {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
    mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }

    mutating func date(from: String, days: Int) -> CivilDate { d(from).adding(days: int(0...days)) }

    mutating func make() -> (Planner, Progress) {
        let unitCount = int(3...12)
        var units = [Unit(id: "bo", name: "Bộ", email: "bo@example.gov.vn")]
        for i in 0..<unitCount {
            // Some units end and hand over to a successor (a merger), some have no address.
            let merged = i > 0 && chance(20)
            units.append(Unit(id: "u\(i)", name: "Đơn vị \(i)", email: chance(85) ? "u\(i)@example.gov.vn" : nil,
                              head: chance(50) ? Unit.Head(title: "Thủ trưởng", email: "tt\(i)@example.gov.vn") : nil,
                              parent: "bo", validUntil: merged ? date(from: "2025-06-01", days: 500) : nil,
                              successor: merged ? "u\(int(0...i - 1))" : nil))
        }
        let org = OrgChart(units: units, groups: ["all": (0..<unitCount).map { "u\($0)" }])
        var directives: [Directive] = []
        var progress = Progress()
        for n in 0..<int(2...8) {
            var steps: [Step] = []
            for s in 0..<int(1...6) {
                let lead = chance(30) ? ["group:all"] : (0..<int(1...3)).map { _ in "u\(int(0...unitCount - 1))" }
                steps.append(Step(id: "s\(s)", phase: .task, title: "Bước \(s)", lead: lead,
                                  support: chance(30) ? ["bo"] : [], reportTo: chance(50) ? ["bo"] : [],
                                  due: due(earlier: s), from: chance(20) ? PeriodBound(year: 2026) : nil,
                                  reminders: chance(25) ? reminders() : nil, escalation: chance(25) ? escalation() : nil,
                                  onRestDay: chance(30) ? pick(RestDayPolicy.allCases) : nil))
            }
            directives.append(Directive(number: "\(n + 1)/CT-GEN", title: "Chỉ thị \(n + 1)", issuer: "bo",
                                        issued: date(from: "2025-09-01", days: 200), monitor: chance(80) ? "bo" : nil,
                                        reminders: reminders(), escalation: escalation(), steps: steps))
        }
        let planner = Planner(directives: directives, org: org, calendar: WorkCalendar(files: [calendar2026File]),
                              sendAt: pick([8 * 60, 7 * 60 + 30]))
        // Completions (some after the due date) and extensions of some of the year's obligations.
        for obligation in planner.obligations(due: d("2025-10-01")...d("2027-03-31")) {
            if chance(15) {
                progress.completions[obligation.key] = LocalDateTime(date: obligation.deadline.dueDate.adding(days: int(-10...15)),
                                                                     minuteOfDay: int(0...1439))
            }
            if chance(5) { progress.extensions[obligation.key] = obligation.deadline.dueDate.adding(days: int(1...40)) }
        }
        return (planner, progress)
    }

    mutating func due(earlier: Int) -> DueExpression {
        let kinds = earlier > 0 ? 9 : 7
        switch int(0...kinds - 1) {
        case 0: return .on(date(from: "2026-01-01", days: 364))
        case 1: return .before(date(from: "2026-01-01", days: 364))
        case 2: return .within(pick([.month(2026, int(1...12)), .quarter(2026, int(1...4)), .half(2026, int(1...2))]))
        case 3: return .after(int(1...120), pick([.days, .workingDays, .weeks, .months]), .issued)
        case 4: return .yearly(pick([.before(month: int(1...12), day: int(1...28)), .by(month: int(1...12), day: int(1...28)),
                                     .within(month: int(1...12))]))
        case 5: return .report(pick([.monthly, .quarterly, .halfYearly]), month: nil, day: int(1...31))
        case 6: return .report(.yearly, month: int(1...12), day: int(1...28))
        case 7: return .after(int(0...20), pick([.days, .workingDays]), .step("s\(int(0...earlier - 1))"))
        default: return .after(int(1...15), .days, .stepDone("s\(int(0...earlier - 1))"))
        }
    }

    mutating func offset() -> ReminderRule.Offset { chance(70) ? .workingDays(int(0...5)) : .days(int(0...10)) }

    mutating func reminders() -> [ReminderRule] { (0..<int(0...3)).map { _ in ReminderRule(offset()) } }

    mutating func escalation() -> [EscalationRule] {
        (0..<int(0...3)).map { _ in
            EscalationRule(offset: offset(), targets: (0..<int(1...2)).map { _ in pick([.head, .parent, .monitor, .reportTo, .issuer, .unit("bo")]) })
        }
    }

    /// A window from a few hours to over a year, starting at any minute of 2026.
    mutating func window() -> ClosedRange<LocalDateTime> {
        let start = LocalDateTime(date: date(from: "2026-01-01", days: 364), minuteOfDay: int(0...1439))
        let length = pick([int(1...600), int(1...14) * 1440, int(30...420) * 1440])
        return start...LocalDateTime(minutesSinceEpoch: start.minutesSinceEpoch + length)
    }
}
