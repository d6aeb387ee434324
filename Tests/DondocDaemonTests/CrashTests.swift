import DondocCore
import DondocTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Kill the daemon with SIGKILL at random moments while a simulated fortnight runs past, start
/// it again each time, and prove from the mail received that nothing was lost and that no
/// message arrived more often than the crashes could explain (DESIGN §3).
@Suite(.serialized)
struct CrashTests {
    @Test func sigkillAtRandomMomentsLosesNothing() async throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["DONDOC_CRASH_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64.max)
        var random = SplitMix64(seed: seed)
        let rig = try DaemonRig()
        let rate = 43_200.0                                  // half a day per second
        let start = LocalDateTime(date: CivilDate(iso: "2026-12-04")!, hour: 7, minute: 59)
        let end = LocalDateTime(date: CivilDate(iso: "2026-12-16")!, hour: 9, minute: 0)
        var position = start.epochSeconds()
        // The furthest any killed daemon's clock can have got (it runs from its own start, READY=1
        // included): what it may have sent is bounded by that, not by `end`.
        var furthest = position
        var kills = 0
        func simulated(_ elapsed: Duration) -> Int64 {
            Int64(Double(elapsed.components.seconds) * rate + Double(elapsed.components.attoseconds) / 1e18 * rate)
        }
        while position < end.epochSeconds() {
            let spawned = ContinuousClock.now
            try await rig.start(clockStart: LocalDateTime(epochSeconds: position).iso8601(offsetMinutes: 420), rate: rate)
            let began = ContinuousClock.now
            let pause = Double.random(in: 0.05...1.2, using: &random)
            try await Task.sleep(for: .seconds(pause))         // a random moment to crash at, not a timing assertion
            try await rig.signal(SIGKILL)
            kills += 1
            furthest = max(furthest, position + simulated(ContinuousClock.now - spawned))
            // Restart from where it surely got: what it missed after that is sent again or caught up.
            position += simulated(ContinuousClock.now - began)
        }
        // A last run that is allowed to finish: everything up to `end` must arrive.
        let expected = try await rig.expectedDeliveries(from: "2026-12-04T07:59", to: "2026-12-16T09:00")
        try await rig.start(clockStart: end.iso8601(offsetMinutes: 420), rate: 1)
        let messages = try await rig.waitForMail(timeout: .seconds(120)) { Set($0.flatMap(\.pairs)).isSuperset(of: expected) }
        #expect(try await rig.signal(SIGTERM) == 0)

        // Nothing that simulate would not send up to the furthest any daemon's clock got: the
        // last killed one may have run past `end`.
        let bound = LocalDateTime(epochSeconds: max(furthest, end.epochSeconds()) + 3600)
        let allowed = try await rig.expectedDeliveries(from: "2026-12-04T07:59", to: bound.iso8601(offsetMinutes: 420).prefix(16).description)
        expectDrillMail(messages, expected: expected, allowed: allowed, crashes: kills, seed: seed)
        #expect(kills >= 3)
    }
}
