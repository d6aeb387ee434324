import DondocSystemd
import Logging
import Foundation
import ServiceLifecycle

/// Pings systemd's watchdog at half of `WATCHDOG_USEC` (DESIGN §5), the only periodic wake-up,
/// as long as the scheduler loop is alive.
struct WatchdogService: Service {
    let notifier: SystemdNotifier
    let heartbeat: Heartbeat
    let logger: Logger
    /// For the watchdog test: after READY=1, stop pinging, as a hung process would.
    let hangAfterReady: Bool

    func run() async throws {
        guard let interval = notifier.watchdogInterval else { return }
        if hangAfterReady {
            logger.warning("DONDOC_TEST_HANG_AFTER_READY is set: not pinging the watchdog")
            try? await gracefulShutdown()
            return
        }
        logger.debug("watchdog ping every \(interval)")
        // A thread that sleeps in nanosleep: one wake-up per ping (Task.sleep's timer would tick
        // every second).
        let stop = Toggle()
        let (notifier, heartbeat, logger) = (notifier, heartbeat, logger)
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        let thread = Thread {
            while !stop.isSet {
                if heartbeat.isAlive {
                    _ = notifier.watchdogPing()
                } else {
                    logger.critical("the scheduler has made no progress for \(heartbeat.stallLimit): leaving the watchdog to restart dondoc")
                }
                Thread.sleep(forTimeInterval: seconds)
            }
        }
        thread.name = "dondoc-watchdog"
        thread.start()
        try? await gracefulShutdown()
        stop.set(true)
    }
}
