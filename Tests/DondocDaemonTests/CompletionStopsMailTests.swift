import DondocCore
import DondocLoader
import DondocMail
import DondocStore
import DondocSystemd
import Foundation
import Logging
import Synchronization
import Testing
import DondocRuntime
@testable import DondocDaemon

/// DESIGN §3: once a completion is recorded, nothing more goes out for that obligation — also
/// what fell due earlier and was not yet sent, whatever instant the completion carries. The
/// daemon's passes (`DaemonService.tick`) run here in-process on a real SQLite store, the real
/// loader and a real sendmail program, with the wall clock injected.
@Suite struct CompletionStopsMailTests {
    static let doneKey = "1/CT-TEST#bao-cao@ubnd-a"

    /// 1 working day before Monday 2025-12-15 is Friday 12-12; `on due` is 12-15; the escalation
    /// goes out on Tuesday 12-16. The drill's dates lie well behind real time.
    static func at(_ iso: String, _ hour: Int, _ minute: Int = 0, second: Int64 = 0) -> Int64 {
        LocalDateTime(date: CivilDate(iso: iso)!, hour: hour, minute: minute).epochSeconds() + second
    }

    @Test func catchUpAfterDowntimeLeavesOutWhatWasDoneDuringIt() async throws {
        let rig = try TickRig()
        let firstStart = Self.at("2025-12-11", 9)
        rig.clock.set(firstStart)
        #expect(try await rig.tick(firstStart: firstStart) == Self.at("2025-12-12", 8))
        // Down from here: the reminders of 12-12 and 12-15 08:00 fall due unsent; a clerk marks
        // ubnd-a's obligation done at 08:30, after both instants.
        try await rig.recordCompletion(Self.doneKey, at: Self.at("2025-12-15", 8, 30))
        rig.clock.set(Self.at("2025-12-15", 9))
        _ = try await rig.tick(firstStart: firstStart)

        let mails = try rig.mails()
        #expect(Set(mails.map(\.recipient)) == ["b@example.gov.vn", "vanthu@moha.gov.vn"])
        #expect(mails.allSatisfy { $0.keys.allSatisfy { !$0.hasPrefix(Self.doneKey + "!") } })
        #expect(Set(mails.flatMap(\.keys)) == [
            "1/CT-TEST#bao-cao@ubnd-b!reminder:1wd", "1/CT-TEST#bao-cao@ubnd-b!reminder:0",
        ])
    }

    @Test func aCompletionDatedAheadOfTheDaemonsClockStopsEverything() async throws {
        let rig = try TickRig()
        let firstStart = Self.at("2025-12-12", 7)
        // `dondoc done --at` a week ahead of the daemon's clock (or a node whose clock is ahead).
        try await rig.recordCompletion(Self.doneKey, at: Self.at("2025-12-20", 10))
        rig.clock.set(Self.at("2025-12-12", 8))
        #expect(try await rig.tick(firstStart: firstStart) == Self.at("2025-12-15", 8))
        rig.clock.set(Self.at("2025-12-16", 8))
        #expect(try await rig.tick(firstStart: firstStart) == Self.at("2025-12-16", 8) + 7 * 86_400)

        let mails = try rig.mails()
        #expect(!mails.isEmpty)
        #expect(mails.allSatisfy { !$0.recipient.hasPrefix("a@") && !$0.recipient.hasPrefix("ct.a@") })
        #expect(Set(mails.flatMap(\.keys)) == [
            "1/CT-TEST#bao-cao@ubnd-b!reminder:1wd", "1/CT-TEST#bao-cao@ubnd-b!reminder:0",
            "1/CT-TEST#bao-cao@ubnd-b!escalation:1wd",
        ])
        // The completion keeps its own instant for reports and anchors.
        #expect(try await rig.store.progress().completions[Self.doneKey] == LocalDateTime(epochSeconds: Self.at("2025-12-20", 10)))
    }

    @Test func aDrillOnASimulatedClockBehindRealTimeHonoursCompletionsOfNow() async throws {
        let start = Self.at("2025-12-15", 9)
        let rig = try TickRig(clock: .simulated(start: start, rate: 1))
        // `dondoc done` without --at during the drill: stamped with real time, a year ahead of the drill.
        let realNow = SystemWallClock().now()
        try await rig.recordCompletion(Self.doneKey, at: realNow)
        #expect(rig.daemonClock.wall.now() < realNow)
        _ = try await rig.tick(firstStart: Self.at("2025-12-11", 9))

        let keys = Set(try rig.mails().flatMap(\.keys))
        #expect(keys == ["1/CT-TEST#bao-cao@ubnd-b!reminder:1wd", "1/CT-TEST#bao-cao@ubnd-b!reminder:0"])
    }

    /// The decision on claimed-but-unsent messages: one that carries a completed obligation is
    /// withdrawn when it is next due to be handed over; what else it carried goes out in a new
    /// digest without the completed obligation's notifications.
    @Test func aMessageClaimedBeforeTheCompletionIsWithdrawnAndRecomposedWithoutIt() async throws {
        let rig = try TickRig()
        let firstStart = Self.at("2025-12-15", 7)
        try rig.mailOutage(true)
        rig.clock.set(Self.at("2025-12-15", 8))
        _ = try await rig.tick(firstStart: firstStart)
        let claimed = try await rig.store.unsentMessages()
        #expect(Set(claimed.map(\.address)) == ["a@example.gov.vn", "b@example.gov.vn", "vanthu@moha.gov.vn"])
        let retryAt = try #require(claimed.compactMap(\.retryAt).min())

        try await rig.recordCompletion(Self.doneKey, at: Self.at("2025-12-15", 8, 0, second: 5))
        try rig.mailOutage(false)
        // Before the retry time nothing moves: the back-off holds.
        rig.clock.set(retryAt - 1)
        #expect(try await rig.tick(firstStart: firstStart) == retryAt)
        #expect(try rig.mails().isEmpty)
        #expect(try await rig.store.unsentMessages().count == 3)

        rig.clock.set(retryAt)
        _ = try await rig.tick(firstStart: firstStart)
        let mails = try rig.mails()
        #expect(mails.count == 2)
        #expect(Set(mails.map(\.recipient)) == ["b@example.gov.vn", "vanthu@moha.gov.vn"])
        #expect(mails.allSatisfy { $0.keys == ["1/CT-TEST#bao-cao@ubnd-b!reminder:0"] })
        #expect(try await rig.store.unsentMessages().isEmpty)
        let byAddress = Dictionary(claimed.map { ($0.address, $0.messageID) }, uniquingKeysWith: { a, _ in a })
        // a@'s message carried only the completed obligation; vanthu@'s carried both.
        #expect(try await rig.store.withdrawnAt(messageID: byAddress["a@example.gov.vn"]!) == retryAt)
        #expect(try await rig.store.withdrawnAt(messageID: byAddress["vanthu@moha.gov.vn"]!) == retryAt)
        #expect(try await rig.store.sentAt(messageID: byAddress["b@example.gov.vn"]!) == retryAt)
        // b@ got the very message claimed before (same Message-ID); vanthu@ a new one.
        let vanthu = try #require(mails.first { $0.recipient == "vanthu@moha.gov.vn" })
        #expect(vanthu.messageID != byAddress["vanthu@moha.gov.vn"])
        #expect(mails.first { $0.recipient == "b@example.gov.vn" }?.messageID == byAddress["b@example.gov.vn"])

        // Nothing more for anyone on later passes.
        rig.clock.set(Self.at("2025-12-15", 9))
        _ = try await rig.tick(firstStart: firstStart)
        #expect(try rig.mails().count == 2)
    }

    /// DESIGN §7: a claim stands for `claimLease` on the monotonic clock. A node that stalls
    /// between a claim and its hand-over (here every read of the monotonic clock lies 10 s after
    /// the one before) hands nothing over, and is due again at once; its messages stay claimed,
    /// and once it no longer stalls each is claimed again and sent, once.
    @Test func aHandOverLongAfterItsClaimIsNotStartedButClaimedAgain() async throws {
        let stall = StallingUptime()
        let rig = try TickRig(uptime: stall.read)
        let firstStart = Self.at("2025-12-15", 7)
        rig.clock.set(Self.at("2025-12-15", 8))
        stall.stalling(true)
        #expect(try await rig.tick(firstStart: firstStart) == Self.at("2025-12-15", 8))
        #expect(try rig.mails().isEmpty)
        let claimed = try await rig.store.unsentMessages()
        #expect(Set(claimed.map(\.address)) == ["a@example.gov.vn", "b@example.gov.vn", "vanthu@moha.gov.vn"])
        #expect(claimed.allSatisfy { $0.attempts == 0 && $0.retryAt == nil })

        stall.stalling(false)
        _ = try await rig.tick(firstStart: firstStart)
        let mails = try rig.mails()
        #expect(mails.count == 3)
        #expect(Set(mails.compactMap(\.messageID)) == Set(claimed.map(\.messageID)))
        #expect(try await rig.store.unsentMessages().isEmpty)
    }

    @Test func aWithdrawalDropsTheCompletedAndReleasesTheRest() {
        let message = OutgoingMessage(
            messageID: "m@dondoc", address: "vanthu@moha.gov.vn",
            notificationKeys: [Self.doneKey + "!reminder:0", "1/CT-TEST#bao-cao@ubnd-b!reminder:0"],
            scheduledAt: 0, claimedAt: 0, bytes: [])
        let progress = Progress(completions: [Self.doneKey: LocalDateTime(epochSeconds: 4_000_000_000)])
        let withdrawal = Withdrawal(of: message, progress: progress)
        #expect(withdrawal?.dropped == [Self.doneKey + "!reminder:0"])
        #expect(withdrawal?.released == ["1/CT-TEST#bao-cao@ubnd-b!reminder:0"])
        #expect(Withdrawal(of: message, progress: .none) == nil)
    }
}

/// A monotonic clock that, while stalling, reads 10 s later at every read: the node stalls
/// between any two steps.
final class StallingUptime: Sendable {
    private let state = Mutex<(stalling: Bool, offset: Duration)>((false, .zero))
    func stalling(_ on: Bool) { state.withLock { $0.stalling = on } }
    var read: @Sendable () -> ContinuousClock.Instant {
        { [self] in
            state.withLock { state in
                if state.stalling { state.offset += .seconds(10) }
                return ContinuousClock.now + state.offset
            }
        }
    }
}

/// A wall clock the test sets.
final class SetWallClock: WallClock {
    private let value = Mutex<Int64>(0)
    func now() -> Int64 { value.withLock { $0 } }
    func set(_ seconds: Int64) { value.withLock { $0 = seconds } }
}

/// One daemon's passes on a real store: a workflows folder with one directive, a sendmail
/// program that keeps each message in a file (or fails with EX_TEMPFAIL during an outage).
final class TickRig {
    let directory: URL
    let clock = SetWallClock()
    let daemonClock: DaemonClock
    let store: SQLiteStateStore
    let service: DaemonService
    let workflows: WorkflowSet
    let outbox: URL
    let outageFlag: URL

    init(clock injected: DaemonClock? = nil, uptime: (@Sendable () -> ContinuousClock.Instant)? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-done-\(UUID().uuidString)")
        let folder = directory.appendingPathComponent("workflows")
        outbox = directory.appendingPathComponent("outbox")
        outageFlag = directory.appendingPathComponent("mail-is-down")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        try """
            units:
              - { id: bo-noi-vu, name: Bộ Nội vụ, email: vanthu@moha.gov.vn }
              - id: ubnd-a
                name: UBND A
                email: a@example.gov.vn
                head: { title: Chủ tịch, email: ct.a@example.gov.vn }
              - { id: ubnd-b, name: UBND B, email: b@example.gov.vn }
            """.write(to: folder.appendingPathComponent("units.yaml"), atomically: true, encoding: .utf8)
        try """
            directive:
              number: 1/CT-TEST
              title: Thử
              issuer: bo-noi-vu
              issued: 2025-11-03
              monitor: bo-noi-vu
            reminders: [1 working day before, on due]
            escalation:
              - 1 working day after due: head
            steps:
              - id: bao-cao
                phase: report
                title: Báo cáo
                lead: [ubnd-a, ubnd-b]
                support: [bo-noi-vu]
                due: 2025-12-15
            """.write(to: folder.appendingPathComponent("1-ct-test.yaml"), atomically: true, encoding: .utf8)
        let sendmail = directory.appendingPathComponent("sendmail")
        try """
            #!/bin/sh
            [ -f '\(outageFlag.path)' ] && { echo 'mail server unreachable' >&2; exit 75; }
            for last; do :; done
            f=$(mktemp '\(outbox.path)/mail.XXXXXX') || exit 75
            printf '%s\\n' "$last" > "$f.rcpt" && cat > "$f"
            """.write(to: sendmail, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sendmail.path)

        let config = InstallationConfig(workflows: folder.path, state: directory.appendingPathComponent("state.sqlite").path,
                                        mail: MailConfig(from: "Hệ thống đôn đốc <dondoc@example.gov.vn>", sendmail: sendmail.path), journal: false)
        daemonClock = injected ?? DaemonClock(wall: clock)
        store = try SQLiteStateStore.open(path: config.state, create: true)
        let logger = Logger(label: "dondoc.test") { _ in SwiftLogNoOpLogHandler() }
        let heartbeat = Heartbeat()
        var delivery = DeliveryWorker(
            store: store, composer: try MessageComposer(from: config.mail.from, templates: try MailTemplates.load(directory: nil)),
            sendmail: try #require(Sendmail(commandLine: config.mail.sendmail)), backoff: Backoff(), journal: false,
            heartbeat: heartbeat, logger: logger)
        if let uptime { delivery.uptime = uptime }
        service = DaemonService(config: config, clock: daemonClock, store: store, delivery: delivery,
                                heartbeat: heartbeat, notifier: SystemdNotifier(), logger: logger)
        let report = WorkflowLoader.load(directory: folder.path, today: nil)
        #expect(report.errors.isEmpty, "\(report.errors)")
        workflows = report.workflows
    }

    deinit {
        try? store.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// One pass of the daemon; returns when it would wake next.
    func tick(firstStart: Int64) async throws -> Int64 {
        try await service.tick(workflows: workflows, firstStart: firstStart)
    }

    /// As `dondoc done` does: through a store of its own on the same file.
    func recordCompletion(_ key: String, at: Int64) async throws {
        let writer = try SQLiteStateStore.open(path: service.config.state)
        defer { try? writer.close() }
        #expect(try await writer.recordCompletion(Completion(key: key, at: at, by: "văn thư")))
    }

    func mailOutage(_ on: Bool) throws {
        if on {
            try Data().write(to: outageFlag)
        } else {
            try FileManager.default.removeItem(at: outageFlag)
        }
    }

    struct Mail {
        var recipient: String
        var messageID: String?
        var keys: [String]
    }

    /// What sendmail accepted so far.
    func mails() throws -> [Mail] {
        let names = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { !$0.hasSuffix(".rcpt") }
        return try names.sorted().map { name in
            let text = try String(contentsOf: outbox.appendingPathComponent(name), encoding: .utf8)
            let rcpt = try String(contentsOf: outbox.appendingPathComponent(name + ".rcpt"), encoding: .utf8)
            let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
            let unfolded = head.replacingOccurrences(of: "\r\n ", with: " ").replacingOccurrences(of: "\r\n\t", with: " ")
            var fields: [String: String] = [:]
            for line in unfolded.components(separatedBy: "\r\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let keys = (fields["x-dondoc-keys"] ?? "").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return Mail(recipient: rcpt.trimmingCharacters(in: .whitespacesAndNewlines), messageID: fields["message-id"], keys: keys)
        }
    }
}
