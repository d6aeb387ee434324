import Synchronization

/// Whether the scheduler loop is alive, for the watchdog: it is either waiting for its next
/// event, or busy and making progress (a pass started or a message handed over recently).
/// A loop stuck past `stallLimit` stops the watchdog pings, and systemd restarts the daemon.
final class Heartbeat: Sendable {
    private struct State {
        var idle = true
        var lastBeat: ContinuousClock.Instant
    }

    /// Longer than anything one step may take (sendmail's time-out is 60 s).
    let stallLimit: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let state: Mutex<State>

    init(stallLimit: Duration = .seconds(120), now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.stallLimit = stallLimit
        self.now = now
        self.state = Mutex(State(lastBeat: now()))
    }

    /// Work is under way (and moving).
    func beat() {
        state.withLock {
            $0.idle = false
            $0.lastBeat = self.now()
        }
    }

    /// The loop is waiting for its next event.
    func idle() {
        state.withLock {
            $0.idle = true
            $0.lastBeat = self.now()
        }
    }

    var isAlive: Bool {
        let current = now()
        return state.withLock { $0.idle || current - $0.lastBeat < stallLimit }
    }
}
