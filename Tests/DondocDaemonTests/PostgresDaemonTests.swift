import DondocTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The superuser's URL of the test server, if any.
let postgresTestServer = ProcessInfo.processInfo.environment["DONDOC_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

/// `dondoc run` and the staff commands on a PostgreSQL state store (DESIGN §7), on the test
/// server `DONDOC_TEST_POSTGRES` names (scripts/test starts one): mail through msmtp to a real
/// SMTP server, `done` from the command line, a second node standing by and taking over.
@Suite(.serialized, .enabled(if: postgresTestServer != nil, "needs DONDOC_TEST_POSTGRES (scripts/test starts a server)"))
struct PostgresDaemonTests {
    static var server: String? { postgresTestServer }

    /// A new database on the test server (psql as the server's superuser), as a URL.
    static func freshDatabase() async throws -> String {
        let server = try #require(Self.server)
        let name = "dondoc_daemon_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let psql = try TestTools.run("/usr/bin/psql", [server, "-v", "ON_ERROR_STOP=1", "-qc", "CREATE DATABASE \(name)"])
        #expect(psql.status == 0, "\(psql.stderr)")
        var components = try #require(URLComponents(string: server))
        components.path = "/" + name
        return try #require(components.string)
    }

    @Test func aCompletionRecordedFromTheCommandLineStopsTheDaemonsReminders() async throws {
        let rig = try DaemonRig(state: try await Self.freshDatabase())
        try await rig.aCompletionWhileRunningStopsTheReminders()
        let status = try await rig.dondoc(["status", "--format", "json", "--from", "2026-12-01", "--to", "2026-12-31"])
        #expect(status.status == 0, "\(status.stderr)")
        let line = try DondocProcess.jsonLines(status.stdout).first { $0["key"] as? String == DaemonRig.loneObligation }
        #expect(line?["state"] as? String == "done")
    }

    @Test func aSecondNodeStandsByAndTakesOverWhenTheActiveOneIsKilled() async throws {
        let url = try await Self.freshDatabase()
        let first = try DaemonRig(state: url)
        let second = try DaemonRig(state: url)
        // Before 08:00 on 11/12 nothing is due: the first node is active, the second stands by.
        try await first.start(clockStart: "2026-12-11T06:00:00+07:00", rate: 1)
        #expect(await first.waitForDatagram { $0.contains("STATUS=active: ") } != nil, "log:\n\(first.log)")
        try await second.start(clockStart: "2026-12-11T06:00:00+07:00", rate: 1)
        // The second waits on the server for the lock (no polling of its own).
        try await FailoverTests.waitForStandbys(1, database: try #require(URL(string: url)?.lastPathComponent))
        #expect(!second.log.contains("holds the state store's active role"))
        #expect(try await first.signal(SIGKILL) == -SIGKILL)
        #expect(await second.waitForDatagram { $0.contains("STATUS=active: ") } != nil, "log:\n\(second.log)")
        #expect(await second.waitForLog("holds the state store's active role"))
        #expect(try await second.signal(SIGTERM) == 0)
    }

    /// `/healthz` says 503 while the server refuses the web's connections (its session ended, the
    /// database closed to new ones), and 200 again once it takes them: the store connects again.
    @Test func theWebsHealthIs503WhileTheServerRefusesItAnd200After() async throws {
        let url = try await Self.freshDatabase()
        let database = try #require(URL(string: url)?.lastPathComponent)
        let server = try #require(Self.server)
        let rig = try DaemonRig(withWeb: true, state: url)
        try await rig.start(clockStart: "2026-12-07T07:00:00+07:00", rate: 1)   // sets up the schema
        #expect(try await rig.signal(SIGTERM) == 0)
        try await rig.startWeb(clockStart: "2026-12-07T08:05:00+07:00")
        let health = rig.baseURL + "/healthz"
        #expect(try await HTTP.get(health).status == 200)
        for sql in ["ALTER DATABASE \(database) ALLOW_CONNECTIONS false",
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(database)'"] {
            #expect(try TestTools.run("/usr/bin/psql", [server, "-v", "ON_ERROR_STOP=1", "-qc", sql]).status == 0)
        }
        for _ in 0..<2 {
            let down = try await HTTP.get(health)
            #expect(down.status == 503 && down.body.contains("the state store does not answer"), "\(down.status) \(down.body)")
        }
        #expect(try TestTools.run("/usr/bin/psql", [server, "-qc", "ALTER DATABASE \(database) ALLOW_CONNECTIONS true"]).status == 0)
        #expect(try await HTTP.get(health).status == 200)
        #expect(rig.webLog.all.contains { $0.contains("healthz: the store failed") })
    }

    @Test func anUnreachableServerIsAnErrorNamingTheURLWithExitCode1() async throws {
        let rig = try DaemonRig(state: "postgresql://dondoc@127.0.0.1:1/dondoc")
        let status = try await rig.dondoc(["status"])
        #expect(status.status == 1)
        #expect(status.stderr.contains("state store postgresql://dondoc@127.0.0.1:1/dondoc: unreachable"), "\(status.stderr)")
        let run = try await DondocProcess.run(["run", "--config", rig.config.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("postgresql://dondoc@127.0.0.1:1/dondoc"), "\(run.stderr)")
    }
}
