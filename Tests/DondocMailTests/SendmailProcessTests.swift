import DondocTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@testable import DondocMail

/// The hand-over contract (DESIGN §4) and every way the program can misbehave, with real
/// processes (`/bin/sh`), no mocks.
@Suite("Sendmail: the program and its failures")
struct SendmailProcessTests {
    let message = Array("Subject: x\r\n\r\nNội dung\r\n".utf8)

    @Test("runs PROGRAM ARGS… -i -f FROM -- RCPT… with the message on standard input")
    func contract() async throws {
        let dir = try TestTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = "printf '%s\\n' \"$@\" > \"$0.args\"; cat > \"$0.stdin\""
        let sendmail = Sendmail(program: "/bin/sh", arguments: ["-c", script, dir.appendingPathComponent("out").path])
        let result = await sendmail.send(message, from: "Hệ thống đôn đốc <dondoc@example.gov.vn>", to: ["x@a.vn", "b@b.vn"])
        #expect(result == .accepted)
        let args = try String(contentsOf: dir.appendingPathComponent("out.args"), encoding: .utf8)
        #expect(args == "-i\n-f\ndondoc@example.gov.vn\n--\nx@a.vn\nb@b.vn\n")
        #expect(try [UInt8](Data(contentsOf: dir.appendingPathComponent("out.stdin"))) == message)
    }

    @Test("the child gets only fds 0-2, no blocked or ignored signals, a process group of its own")
    func cleanChild() throws {
        let dir = try TestTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("report").path
        // What a daemon may have: a signal blocked in the sending thread, one ignored process-wide.
        var usr2 = sigset_t(), old = sigset_t()
        sigemptyset(&usr2)
        sigaddset(&usr2, SIGUSR2)
        pthread_sigmask(SIG_BLOCK, &usr2, &old)
        let previous = signal(SIGUSR2, SIG_IGN)
        defer {
            signal(SIGUSR2, previous)
            pthread_sigmask(SIG_SETMASK, &old, nil)
        }
        // `exec >` rather than `{ …; } >`: dash saves the old fd 1 as fd 10 for a group. No
        // pipeline either: the shell holds a pipe's end until it has forked both sides, and `ls`
        // would list it.
        let script = "cat >/dev/null; exec > \"$0\"; ls /proc/$$/fd; exec > \"$0.ids\"; ps -o pid=,pgid= -p $$"
        let result = Sendmail(program: "/bin/sh", arguments: ["-c", script, report]).sendBlocking(message, from: "a@b.vn", to: ["c@d.vn"])
        #expect(result == .accepted)
        let fds = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n")
        #expect(fds == ["0", "1", "2"])
        let ids = try String(contentsOfFile: report + ".ids", encoding: .utf8).split(whereSeparator: \.isWhitespace)
        #expect(ids.count == 2 && ids[0] == ids[1], "pid and process group: \(ids)")

        // The masks, read by the program itself (a shell resets its mask and blocks signals
        // while it waits, so it would not tell).
        let outcome = ChildProcess.run(executable: "/bin/grep", arguments: ["-E", "^Sig(Blk|Ign)", "/proc/self/status"],
                                       input: [], timeout: .seconds(10), killGrace: .seconds(1))
        #expect(outcome.termination == .exit(0))
        let masks = String(decoding: outcome.stdout, as: UTF8.self).split(separator: "\n")
        // Signals 1-31 (glibc's posix_spawn leaves its internal 32 and 33 ignored, by design).
        func standardSignals(_ line: Substring) -> UInt64? {
            line.split(separator: "\t").last.flatMap { UInt64($0, radix: 16) }.map { $0 & 0x7FFF_FFFF }
        }
        #expect(masks.count == 2)
        #expect(masks.first?.hasPrefix("SigBlk:") == true && masks.first.flatMap(standardSignals) == 0, "\(masks)")
        #expect(masks.last?.hasPrefix("SigIgn:") == true && masks.last.flatMap(standardSignals) == 0, "\(masks)")
    }

    @Test("the config's sendmail line is split on white space")
    func commandLine() throws {
        let s = try #require(Sendmail(commandLine: "  /usr/bin/msmtp   -C /etc/dondoc/msmtprc "))
        #expect(s.program == "/usr/bin/msmtp")
        #expect(s.arguments == ["-C", "/etc/dondoc/msmtprc"])
        #expect(s.timeout == .seconds(60))
        #expect(s.commandArguments(from: "a@b.vn", to: ["c@d.vn"]) == ["-C", "/etc/dondoc/msmtprc", "-i", "-f", "a@b.vn", "--", "c@d.vn"])
        #expect(Sendmail(commandLine: "  ") == nil)
    }

    @Test("a non-zero exit keeps its status and standard error")
    func exitStatus() async throws {
        let s = Sendmail(program: "/bin/sh", arguments: ["-c", "cat >/dev/null; echo 'queue file write error' >&2; exit 75", "sh"])
        let failure = try #require(await s.send(message, from: "a@b.vn", to: ["c@d.vn"]).failure)
        #expect(failure.reason == .exit(75) && failure.retryable)
        #expect(failure.stderr == "queue file write error")
        for (status, retryable) in [(65, false), (67, false), (68, false), (69, true), (70, true), (71, true), (74, true), (1, true), (78, true)] {
            #expect(SendFailure(reason: .exit(Int32(status))).retryable == retryable, "status \(status)")
        }
    }

    @Test("a program that does not exist is a retryable failure, not a crash")
    func missingProgram() async throws {
        let s = Sendmail(program: "/nonexistent/sbin/sendmail")
        let failure = try #require(await s.send(message, from: "a@b.vn", to: ["c@d.vn"]).failure)
        guard case .launch(let why) = failure.reason else {
            Issue.record("expected a launch failure, got \(failure)")
            return
        }
        #expect(why.contains("/nonexistent/sbin/sendmail"))
        #expect(failure.retryable)
        let notExecutable = Sendmail(program: "/etc/hostname")
        #expect(await notExecutable.send(message, from: "a@b.vn", to: ["c@d.vn"]).failure?.retryable == true)
    }

    @Test("a program that hangs is killed at the timeout, with its children, even with input it never reads")
    func hangs() async throws {
        let dir = try TestTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pids = dir.appendingPathComponent("pids").path
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 4 << 20)
        // The shell waits for a child sleep, which must die too.
        let s = Sendmail(program: "/bin/sh", arguments: ["-c", "sleep 100 & echo $$ $! > \"$0\"; wait", pids], timeout: .milliseconds(300))
        let result = await s.send(big, from: "a@b.vn", to: ["c@d.vn"])
        #expect(result.failure?.reason == .timeout(.milliseconds(300)))
        #expect(result.failure?.retryable == true)
        // Ended by the kill, not by the 100 s sleep: neither the shell nor its child is left.
        let both = try ProcessState.pids(in: pids)
        #expect(both.count == 2)
        for pid in both { #expect(!ProcessState.isRunning(pid), "process \(pid) outlived the timeout") }
    }

    @Test("a program that ignores SIGTERM is killed with SIGKILL")
    func ignoresTerm() async throws {
        let dir = try TestTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pids = dir.appendingPathComponent("pids").path
        let s = Sendmail(program: "/bin/sh", arguments: ["-c", "trap '' TERM; echo $$ > \"$0\"; while :; do sleep 0.05; done", pids],
                         timeout: .milliseconds(200), killGrace: .milliseconds(300))
        let result = await s.send(message, from: "a@b.vn", to: ["c@d.vn"])
        #expect(result.failure?.reason == .timeout(.milliseconds(200)))
        // The loop never ends by itself, and SIGTERM is ignored: only SIGKILL ended it.
        let shell = try #require(try ProcessState.pids(in: pids).first)
        #expect(!ProcessState.isRunning(shell))
    }

    @Test("exit 0 counts even when a grandchild keeps the output pipes open")
    func grandchild() async throws {
        let dir = try TestTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pids = dir.appendingPathComponent("pids").path
        let s = Sendmail(program: "/bin/sh", arguments: ["-c", "cat >/dev/null; sleep 120 & echo $! > \"$0\"; exit 0", pids], timeout: .seconds(90))
        #expect(await s.send(message, from: "a@b.vn", to: ["c@d.vn"]) == .accepted)
        // Not the 120 s of the background sleep: it is still running when the hand-over returns.
        let sleeper = try #require(try ProcessState.pids(in: pids).first)
        #expect(ProcessState.isRunning(sleeper))
        kill(sleeper, SIGKILL)
    }

    @Test("a program killed by a signal, one that exits without reading, one that floods stderr")
    func misbehaving() async throws {
        let big = [UInt8](repeating: UInt8(ascii: "y"), count: 1 << 20)
        let crash = Sendmail(program: "/bin/sh", arguments: ["-c", "kill -SEGV $$", "sh"])
        #expect(await crash.send(message, from: "a@b.vn", to: ["c@d.vn"]).failure?.reason == .signal(11))
        let early = Sendmail(program: "/bin/sh", arguments: ["-c", "exit 69", "sh"])
        #expect(await early.send(big, from: "a@b.vn", to: ["c@d.vn"]).failure?.reason == .exit(69))
        let noisy = Sendmail(program: "/bin/sh", arguments: ["-c", "head -c 1000000 /dev/zero | tr '\\0' e >&2; cat >/dev/null; exit 70", "sh"])
        let failure = try #require(await noisy.send(big, from: "a@b.vn", to: ["c@d.vn"]).failure)
        #expect(failure.reason == .exit(70))
        #expect(failure.stderr.utf8.count == ChildProcess.outputLimit)
    }

    @Test("arguments that cannot be passed safely are refused before anything runs")
    func invalid() async {
        let s = Sendmail(program: "/bin/true")
        #expect(await s.send(message, from: "a@b.vn", to: []).failure?.retryable == false)
        #expect(await s.send(message, from: "a@b.vn", to: ["x@y.vn\nRCPT TO:<z@z.vn>"]).failure?.reason == .invalid("bad recipient \"x@y.vn\nRCPT TO:<z@z.vn>\""))
        #expect(await s.send(message, from: "nobody", to: ["c@d.vn"]).failure?.retryable == false)
        #expect(await s.send(message, from: "a@b.vn", to: ["c@d.vn"]) == .accepted)
        // A bare program name is looked up in PATH.
        #expect(await Sendmail(program: "true").send(message, from: "a@b.vn", to: ["c@d.vn"]) == .accepted)
    }
}

/// What the kernel says of a process a test's child started.
enum ProcessState {
    /// The pids a shell wrote to `path`, separated by white space.
    static func pids(in path: String) throws -> [pid_t] {
        try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isWhitespace).compactMap { pid_t($0) }
    }

    /// Whether `pid` still runs: it exists and is not a zombie waiting to be reaped (a killed
    /// grandchild is reparented to an init that may reap it late).
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: close)...].drop { $0 == " " }.first
        return state != "Z" && state != "X"
    }
}
