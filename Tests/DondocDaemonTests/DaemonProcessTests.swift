import DondocTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `dondoc run` as an operator runs it: the sd_notify protocol, mail through msmtp to a real
/// SMTP server, `done` while it runs, SIGHUP with a broken file, a corrupt store, SIGTERM.
@Suite(.serialized)
struct DaemonProcessTests {
    @Test func sendsWhatFallsDueAsDigestsAndStopsCleanly() async throws {
        let rig = try DaemonRig()
        // 08:00 on Monday 7/12/2026: the 5-working-day reminders of 33/CT-TTg's yearly report.
        let expected = try await rig.expectedDeliveries(from: "2026-12-07T08:00", to: "2026-12-07T08:00")
        #expect(!expected.isEmpty)
        try await rig.start(clockStart: "2026-12-07T07:59:58+07:00", rate: 1)
        let addresses = Set(expected.map { String($0.split(separator: " ")[1]) })
        let messages = try await rig.waitForMail { $0.count >= addresses.count }
        #expect(Set(messages.flatMap(\.pairs)) == expected, "log:\n\(rig.log)")
        // One digest per address.
        #expect(messages.count == addresses.count)
        #expect(await rig.waitForDatagram { $0.contains("STATUS=") && $0.contains("next wake") } != nil)
        #expect(try await rig.signal(SIGTERM) == 0)
        #expect(rig.log.contains("dondoc stopped"))
    }

    /// `mail.parallel: 3`: the 55 digests of 08:00 are handed over three at a time, never more,
    /// each once.
    @Test func digestsAreHandedOverAFewAtATime() async throws {
        let rig = try DaemonRig(parallel: 3, probe: true)
        let expected = try await rig.expectedDeliveries(from: "2026-12-07T08:00", to: "2026-12-07T08:00")
        let addresses = Set(expected.map { $0.split(separator: " ").last.map(String.init) ?? "" })
        try await rig.start(clockStart: "2026-12-07T07:59:58+07:00", rate: 1)
        let messages = try await rig.waitForMail { $0.count >= addresses.count }
        #expect(Set(messages.flatMap(\.pairs)) == expected)
        #expect(messages.count == addresses.count, "one digest per address, once")
        #expect(await rig.waitForDatagram { $0.contains("next wake") } != nil)
        #expect(rig.mostSendmailsAtOnce == 3)
        #expect(try await rig.signal(SIGTERM) == 0)
    }

    @Test func aCompletionRecordedWhileRunningStopsThatObligationsReminders() async throws {
        let rig = try DaemonRig()
        try await rig.aCompletionWhileRunningStopsTheReminders()
        let key = DaemonRig.loneObligation
        let status = try await rig.dondoc(["status", "--format", "json", "--from", "2026-12-01", "--to", "2026-12-31"])
        let line = try DondocProcess.jsonLines(status.stdout).first { $0["key"] as? String == key }
        #expect(line?["state"] as? String == "done")
        let own = try await rig.dondoc(["status", "--format", "json", "--from", "2026-12-01", "--to", "2026-12-31", "--unit", "bo-noi-vu"])
        let keys = try DondocProcess.jsonLines(own.stdout).compactMap { $0["key"] as? String }
        #expect(keys.contains(key) && keys.allSatisfy { $0.contains("@bo-noi-vu") }, "\(keys)")
        let misspelt = try await rig.dondoc(["status", "--unit", "ubnd-hai-fong"])
        #expect(misspelt.status == 2 && misspelt.stderr.contains("no unit or group 'ubnd-hai-fong'"), "\(misspelt.stderr)")
        // A clerk who copies a key from a message's X-Dondoc-Keys is told which key to give.
        let copied = try await rig.dondoc(["done", key + "!reminder:1wd"])
        #expect(copied.status == 2 && copied.stderr.contains("give the obligation's key, '\(key)'"), "\(copied.stderr)")
    }

    @Test func aReloadKeepsTheLastGoodVersionOfABrokenFile() async throws {
        let rig = try DaemonRig()
        try await rig.start(clockStart: "2026-06-01T10:00:00+07:00", rate: 1)
        let file = rig.workflows.appendingPathComponent("33-ct-ttg.yaml")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "due: yearly before 12-15", with: "due: yearly befor 12-15")
        try text.write(to: file, atomically: true, encoding: .utf8)
        try await rig.signal(SIGHUP)
        #expect(await rig.waitForDatagram { $0.contains("RELOADING=1") && $0.contains("MONOTONIC_USEC=") } != nil)
        let ready = try #require(await rig.waitForDatagram { $0.contains("READY=1") })
        // The broken file's directive is still tracked: five directives.
        #expect(ready.contains("Tracking 5 directives"), "\(ready)")
        // Logged before READY=1, read from the daemon's output by a thread of the rig's.
        #expect(await rig.waitForLog("33-ct-ttg.yaml:"), "the error names the file")
        #expect(await rig.waitForLog("expected 'before MM-DD'"))
        #expect(try await rig.signal(SIGTERM) == 0)
    }

    @Test func aCorruptStoreStopsTheDaemonAndIsLeftAlone() async throws {
        let rig = try DaemonRig()
        let garbage = [UInt8]("this is not a database, but an operator's file\n".utf8) + (0..<4000).map { UInt8($0 % 251) }
        try Data(garbage).write(to: rig.state)
        let result = try await DondocProcess.run(["run", "--config", rig.config.path, "--clock-start", "2026-12-07T07:00:00+07:00"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(rig.state.path), "\(result.stderr)")
        #expect(try Data(contentsOf: rig.state) == Data(garbage))
    }

    @Test func aBadConfigIsReportedWithItsLineAndColumn() async throws {
        let rig = try DaemonRig()
        try "workflows: workflows\nsend-at: 8h\n".write(to: rig.config, atomically: true, encoding: .utf8)
        let result = try await DondocProcess.run(["run", "--config", rig.config.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("dondoc.yaml:2:10: error: 'send-at' must be a time HH:MM, found '8h'"), "\(result.stderr)")
    }
}

/// A mail outage: sendmail fails, the daemon keeps running and retries with back-off, and once
/// the server is back every notification arrives, once.
@Suite(.serialized)
struct MailOutageTests {
    @Test func failuresAreRetriedUntilDeliveredAndNothingIsDropped() async throws {
        let rig = try DaemonRig(mailOutage: true)
        let expected = try await rig.expectedDeliveries(from: "2026-12-07T08:00", to: "2026-12-07T08:00")
        // 60 times real time: back-off of 30 s, 1 min, 2 min… passes in 0.5 s, 1 s, 2 s.
        try await rig.start(clockStart: "2026-12-07T07:59:58+07:00", rate: 60)
        #expect(await rig.waitForLog("attempt 2"), "no retry: \(rig.log)")
        #expect(await rig.waitForLog("sendmail failed"), "\(rig.log)")
        let smtp = rig.smtp
        #expect(try await offThePool { try smtp.messages() }.isEmpty)
        try rig.mailOutageEnds()
        let messages = try await rig.waitForMail(timeout: .seconds(90)) { Set($0.flatMap(\.pairs)).isSuperset(of: expected) }
        #expect(Set(messages.flatMap(\.pairs)).isSuperset(of: expected))
        let ids = messages.compactMap(\.message_id)
        #expect(Set(ids).count == ids.count, "a message arrived twice")
        #expect(try await rig.signal(SIGTERM) == 0)
    }
}
