#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with bytes on its standard input, collects its output, and kills it (with its
/// process group) when it outlives a deadline. Blocking: call it off the cooperative pool.
///
/// `posix_spawn` rather than Foundation's `Process`, for two reasons that matter to a daemon:
/// `Process` on Linux learns of the exit through a socket the child inherits, so a background
/// grandchild (exim's background delivery, say) that keeps it open hides an exit 0 until the
/// timeout kills the delivery and the message goes again; and it passes on the signals the
/// daemon ignores or blocks (a sendmail that ignores SIGTERM or SIGPIPE). Here the child starts
/// in its own process group with default signal handling and an empty mask, inherits only
/// fds 0–2 (`addclosefrom_np`), and a waiter thread reports its exit.
///
/// The child's standard streams are socket pairs (created with CLOEXEC atomically; Swift's Glibc
/// has no `pipe2`); its input is written with `MSG_NOSIGNAL`, so a child that exits without
/// reading cannot kill the daemon with SIGPIPE. One `poll` loop feeds stdin, drains stdout and
/// stderr (a child blocked on a full stderr pipe would otherwise hang) and watches for the exit.
struct ChildProcess {
    enum Termination: Equatable {
        case exit(Int32)
        case signal(Int32)
        case timedOut
        case launchFailed(String)
    }

    struct Outcome {
        var termination: Termination
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        /// Whether the child took all of standard input.
        var inputComplete = false
    }

    /// Output kept per stream; the rest is read and dropped.
    static let outputLimit = 64 * 1024

    #if canImport(Glibc)
    /// At `timeout` the child's process group gets SIGTERM, and SIGKILL `killGrace` later.
    static func run(executable: String, arguments: [String], input: [UInt8], timeout: Duration, killGrace: Duration) -> Outcome {
        var fds = Descriptors()
        defer { fds.closeAll() }
        if let error = fds.open() { return Outcome(termination: .launchFailed(error)) }

        var pid: pid_t = 0
        let spawnError = spawn(executable, arguments, stdin: fds.stdinChild, stdout: fds.stdoutWrite, stderr: fds.stderrWrite, pid: &pid)
        fds.closeChildEnds()
        guard spawnError == 0 else {
            return Outcome(termination: .launchFailed(String(cString: strerror(spawnError))))
        }
        ChildWaiter.start(pid: pid, report: fds.exitWrite)
        fds.exitWrite = -1

        var io = IOLoop(stdin: fds.stdinParent, input: input, stdout: fds.stdoutRead, stderr: fds.stderrRead, exit: fds.exitRead)
        (fds.stdinParent, fds.stdoutRead, fds.stderrRead, fds.exitRead) = (-1, -1, -1, -1)
        defer { io.closeAll() }
        var timedOut = false
        if !io.run(until: ContinuousClock.now + timeout) {
            timedOut = true
            kill(-pid, SIGTERM)
            if !io.waitForExit(until: ContinuousClock.now + killGrace) {
                kill(-pid, SIGKILL)
                _ = io.waitForExit(until: ContinuousClock.now + .seconds(30))
            }
        }
        var outcome = Outcome(termination: .timedOut, stdout: io.stdoutBytes, stderr: io.stderrBytes, inputComplete: io.inputComplete)
        if !timedOut, let status = io.exitStatus {
            outcome.termination = ChildWaiter.termination(status)
        }
        return outcome
    }

    /// `posix_spawn` (`posix_spawnp` for a bare name): fds 0–2 from the pipes, nothing else
    /// inherited, a new process group, signals at their defaults, nothing blocked.
    private static func spawn(_ executable: String, _ arguments: [String], stdin: Int32, stdout: Int32, stderr: Int32, pid: inout pid_t) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        if let closeFrom = addCloseFrom { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal: Int32 in 1...31 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        return executable.contains("/")
            ? posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
            : posix_spawnp(&pid, executable, &actions, &attributes, argv, environ)
    }

    /// glibc ≥ 2.34's `posix_spawn_file_actions_addclosefrom_np`, which Swift's Glibc module
    /// does not declare. Without it the child still inherits only descriptors without CLOEXEC.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()
    #else
    static func run(executable: String, arguments: [String], input: [UInt8], timeout: Duration, killGrace: Duration) -> Outcome {
        Outcome(termination: .launchFailed("handing mail to sendmail is implemented for Linux only"))
    }
    #endif
}
