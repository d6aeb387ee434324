/// How long to wait before trying a failed hand-over again: doubling from `initial`, capped at
/// `maximum`. Deterministic unless a jitter fraction is given (DESIGN §3: the daemon retries
/// with back-off and keeps running; nothing is dropped, so there is no last attempt).
public struct Backoff: Hashable, Sendable {
    public var initial: Duration
    public var maximum: Duration
    public var multiplier: Int

    /// 30 s, 1 min, 2 min, 4 min, 8 min, 16 min, 32 min, then 1 h for ever.
    public static let standard = Backoff()

    public init(initial: Duration = .seconds(30), maximum: Duration = .seconds(3600), multiplier: Int = 2) {
        precondition(initial > .zero && maximum >= initial && multiplier >= 1)
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
    }

    /// The wait after the `failures`-th consecutive failure (1 → `initial`); 0 or less → zero.
    public func delay(afterFailures failures: Int) -> Duration {
        guard failures > 0 else { return .zero }
        var delay = initial
        for _ in 1..<min(failures, 64) {
            guard delay < maximum else { break }
            delay *= multiplier
        }
        return min(delay, maximum)
    }

    /// The same, less up to `jitter` of it: `jitter` is a fraction in 0...1 that the caller draws
    /// (e.g. `Double.random(in: 0..<0.2)`), so that many daemons do not retry in step. Never more
    /// than `delay(afterFailures:)`.
    public func delay(afterFailures failures: Int, jitter: Double) -> Duration {
        let base = delay(afterFailures: failures)
        let fraction = min(max(jitter, 0), 1)
        return base - base * fraction
    }
}
