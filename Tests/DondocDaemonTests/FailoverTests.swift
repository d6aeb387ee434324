import DondocCore
import DondocStorePostgres
import DondocTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Several `dondoc run` on one PostgreSQL store (DESIGN §7): one active, the others standing by;
/// replicas killed at random over a simulated month lose nothing; a completion recorded through
/// one node's web stops another node's mail; a node that lost its session sends nothing once
/// another has taken over.
@Suite(.serialized, .enabled(if: postgresTestServer != nil, "needs DONDOC_TEST_POSTGRES (scripts/test starts a server)"))
struct FailoverTests {
    /// The advisory lock of the active role (objid "dond", as the store takes it).
    static let activeLock = "l.locktype = 'advisory' AND l.classid = 0 AND l.objid = \(0x646F_6E64)"

    /// Runs SQL with psql on the test server (or the database `url`), as its superuser.
    static func psql(_ sql: String, on url: String? = nil) throws -> String {
        let result = try TestTools.run("/usr/bin/psql", [try #require(url ?? postgresTestServer), "-v", "ON_ERROR_STOP=1", "-Atqc", sql])
        #expect(result.status == 0, "\(result.stderr)")
        return String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func database(of url: String) throws -> String {
        try #require(URL(string: url)?.lastPathComponent)
    }

    /// Waits (up to `timeout`) until `count` sessions wait on the active role's lock of
    /// `database`: the standbys wait on the server, not by polling of their own.
    static func waitForStandbys(_ count: Int, database: String, timeout: Duration = .seconds(60)) async throws {
        let sql = "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE \(activeLock) AND NOT l.granted AND d.datname = '\(database)'"
        let deadline = ContinuousClock.now + timeout
        var seen = ""
        while ContinuousClock.now < deadline {
            seen = try psql(sql)
            if seen == "\(count)" { return }
            try await Task.sleep(for: .milliseconds(50))   // waiting for a condition, not timing it
        }
        Issue.record("\(seen) session(s), not \(count), waiting for the active role of \(database) after \(timeout)")
        throw CancellationError()
    }

    /// The node that says it is active, once one does.
    static func active(among nodes: [DaemonRig], timeout: Duration = .seconds(60)) async throws -> DaemonRig {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let node = nodes.first(where: { $0.latestStatus?.hasPrefix("active: ") == true }) { return node }
            try await Task.sleep(for: .milliseconds(20))   // waiting for a condition, not timing it
        }
        Issue.record("no node became active within \(timeout)")
        throw CancellationError()
    }

    /// A partitioned active node — stopped (SIGSTOP) and its role's session ended on the server,
    /// as the server ends it when keepalives go unanswered — sends nothing it had not claimed while
    /// it was active, once another has taken over: it resumes with messages it claimed and could
    /// not hand over (the mail server was down for both), finds it lost the role at its next claim,
    /// and leaves them to the new active node, which sends each once. The one message the stop may
    /// have caught between its claim and its hand-over (mail.parallel is 1 here) is in flight at the
    /// failover (DESIGN §6): here the session ends at once, well inside the claim's 5 s lease, so
    /// `a` may hand it over on waking. (A real partition ends the session only after ~11 s of
    /// silence, past the lease, so that `a` claims again first; the lease itself is held in
    /// CompletionStopsMailTests on an injected clock.)
    @Test
    func aPartitionedActiveNodeSendsNothingOnceAnotherHasTakenOver() async throws {
        let url = try await PostgresDaemonTests.freshDatabase()
        let database = try Self.database(of: url)
        // The installation counts from 07:00, whenever `a` gets to record its first start: the
        // digests of 08:00 are owed however long it takes to come up on a loaded machine.
        let store = try await PostgresStateStore.open(url: url)
        try await store.setMetadata("first-start", String(LocalDateTime(date: CivilDate(iso: "2026-12-11")!, hour: 7, minute: 0).epochSeconds()))
        try await store.close()
        // One hand-over at a time, so that at most one message is between its claim and its
        // hand-over when `a` stops.
        let a = try DaemonRig(mailOutage: true, state: url, parallel: 1)
        let b = try DaemonRig(mailOutage: true, state: url, parallel: 1)
        let anchor = Date().timeIntervalSince1970
        // One clock for both, 600× real time: 08:00 on 11/12 a tenth of a second after the anchor.
        let (start, rate) = ("2026-12-11T07:59:00+07:00", 600.0)
        try await a.start(clockStart: start, rate: rate, anchor: anchor)
        #expect(await a.waitForDatagram { $0.contains("STATUS=active: ") } != nil, "log:\n\(a.log)")
        try await b.start(clockStart: start, rate: rate, anchor: anchor)
        try await Self.waitForStandbys(1, database: database)

        let expected = try await a.expectedDeliveries(from: "2026-12-11T08:00", to: "2026-12-11T08:00")
        let addresses = Set(expected.map { $0.split(separator: " ").last.map(String.init) ?? "" })
        // Every digest of 08:00 claimed by `a` and its hand-over failed once.
        #expect(await a.waitForLog("sendmail failed", count: addresses.count), "log:\n\(a.log)")
        #expect(try Self.psql("SELECT count(*) FROM message WHERE sent_at IS NULL AND attempts > 0", on: url) == "\(addresses.count)")

        // The partition: `a` stops answering; the server ends its role's session.
        try await a.signal(SIGSTOP)
        let ended = try Self.psql("SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE \(Self.activeLock) AND l.granted AND d.datname = '\(database)'")
        #expect(ended == "1")
        #expect(await b.waitForDatagram { $0.contains("STATUS=active: ") } != nil, "log:\n\(b.log)")

        // `a` comes back with its mail server reachable, and its retries due: it sends at most the
        // one message it had claimed while active, and nothing once it has seen it lost the role.
        try a.mailOutageEnds()
        try await a.signal(SIGCONT)
        #expect(await a.waitForLog("lost the state store's active role", timeout: .seconds(120)), "log:\n\(a.log)")
        let fromA = try a.smtp.messages()
        #expect(fromA.count <= 1, "the partitioned node sent \(fromA.count) messages after losing the role")

        // The active node's mail server comes back: it sends the rest of what `a` claimed, each once,
        // and nothing that `a` sent.
        try b.mailOutageEnds()
        let rest = expected.subtracting(fromA.flatMap(\.pairs))
        let messages = try await b.waitForMail(timeout: .seconds(120)) { Set($0.flatMap(\.pairs)).isSuperset(of: rest) }
        #expect(Set(messages.flatMap(\.pairs)) == rest)
        #expect(Set((messages + fromA).compactMap(\.message_id)).count == messages.count + fromA.count, "a message arrived twice")
        #expect(try a.smtp.messages().count == fromA.count, "the partitioned node sent mail after it lost the role")
        #expect(try await a.signal(SIGKILL) == -SIGKILL)
        #expect(try await b.signal(SIGTERM) == 0)
    }

    /// Three replicas on one simulated clock; the active one killed with SIGKILL at random
    /// moments over a simulated month and started again (as a standby): the SMTP server receives
    /// every notification `simulate` predicts, and no message more than once but those in flight
    /// at a kill (DESIGN §3, §7).
    @Test func threeReplicasKilledAtRandomOverAMonthLoseNothing() async throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["DONDOC_CRASH_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64.max)
        var random = SplitMix64(seed: seed)
        let url = try await PostgresDaemonTests.freshDatabase()
        let first = try DaemonRig(state: url)
        let nodes = [first, try DaemonRig(sharing: first), try DaemonRig(sharing: first)]
        let rate = 86_400.0                                  // a day per second
        let start = LocalDateTime(date: CivilDate(iso: "2026-12-01")!, hour: 7, minute: 59)
        let end = LocalDateTime(date: CivilDate(iso: "2026-12-31")!, hour: 9, minute: 0)
        // The anchor a moment ahead: the clock reads 30/11 while the first node comes up, so that
        // the installation's first start falls before the first notification.
        let anchor = Date().timeIntervalSince1970 + 0.5
        let clockStart = start.iso8601(offsetMinutes: 420)
        func simulatedNow() -> Int64 { start.epochSeconds() + Int64((Date().timeIntervalSince1970 - anchor) * rate) }
        for node in nodes { try await node.start(clockStart: clockStart, rate: rate, anchor: anchor) }
        var kills = 0
        while simulatedNow() < end.epochSeconds() {
            let active = try await Self.active(among: nodes)
            try await Task.sleep(for: .seconds(Double.random(in: 0.05...1.2, using: &random)))   // a random moment to kill at
            #expect(try await active.signal(SIGKILL) == -SIGKILL)
            kills += 1
            try await active.start(clockStart: clockStart, rate: rate, anchor: anchor)
        }
        // What the nodes owe runs from the installation's first start, which the first node to come
        // up recorded on the shared clock (a moment after 07:59 at this rate).
        let firstStart = try #require(Int64(try Self.psql("SELECT value FROM metadata WHERE key = 'first-start'", on: url)))
        let from = String(LocalDateTime(epochSeconds: firstStart + 59).iso8601(offsetMinutes: 420).prefix(16))
        let expected = try await first.expectedDeliveries(from: from, to: "2026-12-31T09:00")
        #expect(expected.contains { $0.hasPrefix("CT/TU-NamDinh#kiem-tra-don-doc@") } && expected.count > 300, "seed \(seed): only \(expected.count) from \(from)")
        let messages = try await first.waitForMail(timeout: .seconds(120)) { Set($0.flatMap(\.pairs)).isSuperset(of: expected) }
        for node in nodes { #expect(try await node.signal(SIGTERM) == 0) }
        let bound = LocalDateTime(epochSeconds: simulatedNow() + 3600)

        let allowed = try await first.expectedDeliveries(from: from, to: String(bound.iso8601(offsetMinutes: 420).prefix(16)))
        let extra = expectDrillMail(messages, expected: expected, allowed: allowed, crashes: kills, seed: seed)
        #expect(kills >= 10, "seed \(seed): \(kills) kill(s)")
        print("failover drill: seed \(seed), \(kills) kills, \(extra) duplicate message(s), \(expected.count) notifications from \(from)")
    }

    /// `done` through `dondoc web` of one node (its own config, the same store) reaches the
    /// active daemon of another, which counts on the obligation no more and sends all but its mail.
    @Test func doneThroughTheWebOfOneNodeStopsTheMailOfAnother() async throws {
        let url = try await PostgresDaemonTests.freshDatabase()
        let daemonNode = try DaemonRig(state: url)
        let webNode = try DaemonRig(withWeb: true, state: url)
        try await daemonNode.aCompletionWhileRunningStopsTheReminders { key in
            let made = try await webNode.dondoc(["token", "create", "he-thong-qlvb", "--role", "admin"])
            #expect(made.status == 0, "\(made.stderr)")
            let token = try #require(made.stdout.split(separator: "\n").first.map(String.init))
            try await webNode.startWeb(clockStart: "2026-12-23T12:00:00+07:00")
            let answer = try await HTTP.api(webNode.baseURL + "/api/v1/obligation/done", token: token,
                                            body: #"{"key": "\#(key)", "by": "Hệ thống QLVB"}"#)
            #expect(answer.status == 200, "\(answer.body)")
        }
    }
}
