import Foundation
import Synchronization
import Testing
@testable import DondocDaemon

/// The watchdog pings only while the scheduler loop is waiting or making progress.
struct HeartbeatTests {
    final class ManualClock: Sendable {
        private let instant = Mutex(ContinuousClock.now)
        func advance(_ duration: Duration) { instant.withLock { $0 += duration } }
        var now: ContinuousClock.Instant { instant.withLock { $0 } }
    }

    @Test func aLoopStuckPastTheLimitIsNotAlive() {
        let clock = ManualClock()
        let heartbeat = Heartbeat(stallLimit: .seconds(120), now: { clock.now })
        #expect(heartbeat.isAlive)
        heartbeat.beat()                       // a pass starts
        clock.advance(.seconds(119))
        #expect(heartbeat.isAlive)
        clock.advance(.seconds(2))
        #expect(!heartbeat.isAlive)            // stuck: no message handed over for 121 s
        heartbeat.beat()                       // progress again
        #expect(heartbeat.isAlive)
    }

    @Test func waitingForTheNextEventIsAlwaysAlive() {
        let clock = ManualClock()
        let heartbeat = Heartbeat(stallLimit: .seconds(1), now: { clock.now })
        heartbeat.idle()
        clock.advance(.seconds(86_400))
        #expect(heartbeat.isAlive)
    }
}
