import DondocRuntime
import DondocTestSupport
import Foundation
import Testing

/// `--clock-anchor` (DESIGN §7): clocks made at different moments with one anchor read one time.
struct DrillClockTests {
    @Test func clocksWithOneAnchorReadOneTimeWhenEverTheyWereMade() throws {
        let anchor = Date().timeIntervalSince1970 - 100
        let first = SimulatedWallClock(start: 1_796_000_000, rate: 3600, anchor: anchor)
        let earlier = first.now()
        let second = SimulatedWallClock(start: 1_796_000_000, rate: 3600, anchor: anchor)
        let reading = second.now()
        let later = first.now()
        // 100 real seconds after the anchor at 3600×: at least 100 simulated hours past the start.
        #expect(earlier >= 1_796_000_000 + 360_000)
        #expect(earlier <= reading && reading <= later)
        // Without an anchor a clock starts at its start, whenever it is made.
        #expect(SimulatedWallClock(start: 1_796_000_000, rate: 3600).now() < earlier)
    }

    @Test(arguments: [
        (["--clock-anchor", "1796000000"], "--clock-anchor needs --clock-start"),
        (["--clock-start", "2026-12-01T07:00:00+07:00", "--clock-anchor", "soon"], "--clock-anchor"),
        (["--clock-start", "2026-12-01T07:00:00+07:00", "--clock-anchor=-5"], "--clock-anchor must be a Unix time in seconds"),
    ])
    func aBadAnchorIsAUsageError(arguments: [String], message: String) async throws {
        for command in ["run", "web"] {
            let result = try await DondocProcess.run([command, "--config", "/nonexistent/dondoc.yaml"] + arguments)
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(command): \(result.stderr)")
        }
    }
}
