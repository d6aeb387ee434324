import DondocLoader
import DondocRuntime
import DondocTestSupport
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing
@testable import DondocDaemon

#if canImport(Glibc)
import Glibc
#endif

/// After a step of the wall clock (NTP, a manual change, resume from suspend) the daemon
/// recomputes from wall time (DESIGN §5): its sleep runs on the monotonic clock, which does not
/// follow the step.
@Suite(.serialized) struct ClockStepTests {
    /// A wall clock the test sets by hand, reporting each step as the kernel reports the system's.
    final class SteppableClock: WallClock {
        private let state = Mutex<(now: Int64, stepped: [@Sendable () -> Void])>((0, []))
        init(_ now: Int64) { state.withLock { $0.now = now } }
        func now() -> Int64 { state.withLock { $0.now } }
        func watch(_ stepped: @escaping @Sendable () -> Void) { state.withLock { $0.stepped.append(stepped) } }
        func step(to instant: Int64) {
            let watchers = state.withLock { state -> [@Sendable () -> Void] in
                state.now = instant
                return state.stepped
            }
            for watcher in watchers { watcher() }
        }
    }

    /// Lines logged by the daemon, to know when it has gone to sleep.
    struct CapturingHandler: LogHandler {
        let lines: Observed<String>
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) { lines.append("\(event.level): \(event.message)") }
    }

    @Test func aStepForwardWakesTheDaemonAndSendsWhatFellDue() async throws {
        let directory = try TestTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workflows = directory.appendingPathComponent("workflows")
        try FileManager.default.createDirectory(at: workflows, withIntermediateDirectories: true)
        try """
            units:
              - id: bo-noi-vu
                name: Bộ Nội vụ
                email: vanthu@moha.gov.vn
            """.write(to: workflows.appendingPathComponent("units.yaml"), atomically: true, encoding: .utf8)
        try """
            directive:
              number: 1/CT-A
              title: Thử
              issuer: bo-noi-vu
              issued: 2026-11-02
            steps:
              - id: bao-cao
                title: Báo cáo
                lead: [bo-noi-vu]
                due: 2026-12-14
            """.write(to: workflows.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        // A sendmail that keeps each message in a file of its own.
        let outbox = directory.appendingPathComponent("outbox")
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        let sendmail = directory.appendingPathComponent("sendmail")
        try "#!/bin/sh\ncat > '\(outbox.path)'/message-$$.eml\n".write(to: sendmail, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sendmail.path)
        let config = InstallationConfig(workflows: workflows.path, state: directory.appendingPathComponent("state.sqlite").path,
                                  mail: MailConfig(from: "dondoc@example.gov.vn", sendmail: sendmail.path), journal: false)

        // 2026-12-03T10:00+07:00: the first reminder (3 working days before the 14th) is on the
        // 9th at 08:00, so the daemon arms its monotonic timer for almost six days.
        let wall = SteppableClock(1_796_266_800)
        let clock = DaemonClock(wall: wall) { wall.watch($0) }
        let lines = Observed<String>()
        let logger = Logger(label: "dondoc") { _ in CapturingHandler(lines: lines) }
        let group = try await Daemon.makeServiceGroup(.init(config: config, clock: clock), logger: logger)
        // On a thread of its own, as in production (`Dondoc.main`): the test's waits run on the
        // cooperative pool, which must not be what the daemon under test needs to make progress.
        let running = Task(executorPreference: Self.executor) { try await group.run() }

        #expect(await lines.wait(for: "next wake at 2026-12-09T08:00"), "\(lines.all)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outbox.path).isEmpty)

        wall.step(to: 1_796_781_600)    // 2026-12-09T09:00+07:00
        #expect(await lines.wait(for: "the clock was set, now 2026-12-09T09:00"))
        #expect(await lines.wait(for: "next wake at 2026-12-11T08:00"))
        let messages = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
        #expect(messages.count == 1)
        let message = try String(contentsOf: outbox.appendingPathComponent(try #require(messages.first)), encoding: .utf8)
        #expect(message.contains("1/CT-A#bao-cao@bo-noi-vu!reminder:3wd"))

        // A step back before the reminder and forward past it again does not send it twice.
        wall.step(to: 1_796_774_400)    // 2026-12-09T07:00+07:00
        #expect(await lines.wait(for: "the clock was set, now 2026-12-09T07:00"))
        #expect(await lines.wait(for: "next wake at 2026-12-09T08:00", count: 2))
        wall.step(to: 1_796_782_000)    // 2026-12-09T09:06:40+07:00
        #expect(await lines.wait(for: "next wake at 2026-12-11T08:00", count: 2))
        #expect(try FileManager.default.contentsOfDirectory(atPath: outbox.path).count == 1)

        await group.triggerGracefulShutdown()
        try await running.value
    }

    static let executor = ThreadExecutor(name: "dondoc-under-test")

    /// The kernel reports a set of the real-time clock to the watcher (TFD_TIMER_CANCEL_ON_SET).
    /// Setting the clock to the time it already reads is a step of a few microseconds, harmless
    /// to everything else on the machine; it needs CAP_SYS_TIME.
    @Test(.enabled(if: ClockStepTests.maySetTheClock, "needs CAP_SYS_TIME to set the real-time clock"))
    func theKernelReportsASetOfTheSystemClock() throws {
        let reported = DispatchSemaphore(value: 0)
        #expect(ClockSteps.watch { reported.signal() })
        #expect(Self.setTheClockToItself())
        #expect(reported.wait(timeout: .now() + 30) == .success)
    }

    static let maySetTheClock = setTheClockToItself()

    static func setTheClockToItself() -> Bool {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return clock_settime(CLOCK_REALTIME, &now) == 0
    }
}
