import CSystemd

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The service manager's notification protocol (`sd_notify(3)`) for a `Type=notify` unit
/// (DESIGN §5): `READY=1` once loaded, `STATUS=`, `WATCHDOG=1`, `RELOADING=1` on SIGHUP,
/// `STOPPING=1` on SIGTERM.
///
/// Every call goes through libsystemd, which reads `NOTIFY_SOCKET` (and `WATCHDOG_USEC`,
/// `WATCHDOG_PID`) from the environment at the moment of the call. Without systemd the calls do
/// nothing and return `false`, so the daemon can call them unconditionally.
///
/// The `Bool` results say whether a datagram was *sent* (`sd_notify` returned > 0). That is not
/// proof of delivery: the manager may drop a message (e.g. `NotifyAccess=` refuses the sender).
public struct SystemdNotifier: Sendable {
    public init() {}

    /// `READY=1`, plus `STATUS=` when given: startup (or a reload) is complete.
    @discardableResult
    public func ready(status: String? = nil) -> Bool {
        send(["READY=1"] + Self.statusLine(status))
    }

    /// `RELOADING=1` with `MONOTONIC_USEC=` (CLOCK_MONOTONIC, µs), as systemd 252 expects before
    /// a reload; send ``ready(status:)`` when the reload is done (successful or not).
    @discardableResult
    public func reloading(status: String? = nil) -> Bool {
        send(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())"] + Self.statusLine(status))
    }

    /// `STOPPING=1`: shutdown has begun (the notification in flight is being finished).
    @discardableResult
    public func stopping(status: String? = nil) -> Bool {
        send(["STOPPING=1"] + Self.statusLine(status))
    }

    /// `STATUS=…`: one line for `systemctl status` (what dondoc tracks, when it wakes next).
    @discardableResult
    public func status(_ text: String) -> Bool {
        send(Self.statusLine(text))
    }

    /// `WATCHDOG=1`: the keep-alive ping. Send it every ``watchdogInterval``.
    @discardableResult
    public func watchdogPing() -> Bool {
        send(["WATCHDOG=1"])
    }

    /// `EXTEND_TIMEOUT_USEC=`: asks for more time while starting, reloading or stopping (for a
    /// long catch-up before `READY=1`, say). Each call extends from now, not cumulatively.
    @discardableResult
    public func extendTimeout(by duration: Duration) -> Bool {
        send(["EXTEND_TIMEOUT_USEC=\(Self.microseconds(duration))"])
    }

    /// Sends the given assignments (`NAME=value`, one per line) as one datagram. Lines must not
    /// contain a newline themselves.
    @discardableResult
    public func send(_ assignments: [String]) -> Bool {
        guard !assignments.isEmpty else { return false }
        return sd_notify(0, assignments.joined(separator: "\n")) > 0
    }

    /// How often to send ``watchdogPing()``: half of the unit's `WatchdogSec=` as libsystemd reports it
    /// (`sd_watchdog_enabled`), or `nil` when the watchdog is off for this process — no
    /// `WATCHDOG_USEC`, or a `WATCHDOG_PID` that is not this process's pid.
    public var watchdogInterval: Duration? {
        var usec: UInt64 = 0
        guard sd_watchdog_enabled(0, &usec) > 0, usec > 0 else { return nil }
        return .microseconds(Int64(clamping: usec / 2))
    }

    /// Whether `NOTIFY_SOCKET` is set, i.e. notifications have somewhere to go.
    public var notifySocketSet: Bool {
        guard let value = getenv("NOTIFY_SOCKET") else { return false }
        return value.pointee != 0
    }

    /// Whether this process runs as a systemd service: the manager set `INVOCATION_ID` (every
    /// unit since systemd 232) or `NOTIFY_SOCKET`.
    public var isUnderSystemd: Bool {
        if let id = getenv("INVOCATION_ID"), id.pointee != 0 { return true }
        return notifySocketSet
    }

    /// CLOCK_MONOTONIC in microseconds, the clock systemd's `MONOTONIC_USEC=` refers to.
    public static func monotonicMicroseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1_000
    }

    /// `STATUS=` with line breaks flattened: a newline would start a new assignment.
    static func statusLine(_ status: String?) -> [String] {
        guard let status else { return [] }
        let flat = status.split(whereSeparator: \.isNewline).joined(separator: " ")
        return ["STATUS=\(flat)"]
    }

    static func microseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000 + UInt64(attoseconds / 1_000_000_000_000)
    }
}
