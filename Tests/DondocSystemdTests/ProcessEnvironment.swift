import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Sets environment variables of this test process for the duration of `body`, then restores
/// them. libsystemd reads `NOTIFY_SOCKET`, `WATCHDOG_*` and dondoc reads `JOURNAL_STREAM` with
/// getenv(3), so tests change the real environment: only inside the `.serialized`
/// ``EnvironmentTests`` suite.
func withEnvironment<T>(_ values: [String: String?], _ body: () throws -> T) rethrows -> T {
    var saved: [String: String?] = [:]
    for (name, value) in values {
        saved[name] = getenv(name).map { String(cString: $0) }
        if let value { setenv(name, value, 1) } else { unsetenv(name) }
    }
    defer {
        for (name, value) in saved {
            if let value { setenv(name, value, 1) } else { unsetenv(name) }
        }
    }
    return try body()
}

/// Every test that changes the process environment, run one at a time (nested suites inherit
/// `.serialized`). Tests that only build values run in parallel elsewhere.
@Suite(.serialized) struct EnvironmentTests {}
