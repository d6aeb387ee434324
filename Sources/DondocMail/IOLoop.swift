#if canImport(Glibc)
import Glibc

/// The `poll` loop of `ChildProcess`: writes the input, reads both outputs, notices the exit.
struct IOLoop {
    private var stdin: Int32
    private let input: [UInt8]
    private var written = 0
    private var stdout: Int32
    private var stderr: Int32
    private var exit: Int32
    private(set) var stdoutBytes: [UInt8] = []
    private(set) var stderrBytes: [UInt8] = []
    private(set) var inputComplete: Bool
    /// The child's wait status, once the waiter has reported it.
    private(set) var exitStatus: Int32?
    private var exitReport: [UInt8] = []
    private var exited: Bool { exitStatus != nil }

    init(stdin: Int32, input: [UInt8], stdout: Int32, stderr: Int32, exit: Int32) {
        self.stdin = stdin
        self.input = input
        self.stdout = stdout
        self.stderr = stderr
        self.exit = exit
        self.inputComplete = input.isEmpty
        [stdin, stdout, stderr, exit].forEach { _ = fcntl($0, F_SETFL, fcntl($0, F_GETFL) | O_NONBLOCK) }
        if input.isEmpty { finishInput() }
    }

    /// Runs until the child has exited (then drains what its outputs hold) or the deadline
    /// passes. Returns whether it exited.
    mutating func run(until deadline: ContinuousClock.Instant) -> Bool {
        while !exited {
            var fds: [pollfd] = []
            if stdin >= 0 { fds.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)) }
            if stdout >= 0 { fds.append(pollfd(fd: stdout, events: Int16(POLLIN), revents: 0)) }
            if stderr >= 0 { fds.append(pollfd(fd: stderr, events: Int16(POLLIN), revents: 0)) }
            fds.append(pollfd(fd: exit, events: Int16(POLLIN), revents: 0))
            guard let wait = IOLoop.milliseconds(until: deadline) else { return false }
            let ready = poll(&fds, nfds_t(fds.count), wait)
            if ready < 0 {
                if errno == EINTR { continue }
                return false
            }
            for entry in fds where entry.revents != 0 {
                switch entry.fd {
                case stdin: writeInput()
                case stdout: IOLoop.drain(&stdout, into: &stdoutBytes)
                case stderr: IOLoop.drain(&stderr, into: &stderrBytes)
                default: readExitReport()
                }
            }
        }
        IOLoop.drain(&stdout, into: &stdoutBytes)
        IOLoop.drain(&stderr, into: &stderrBytes)
        return true
    }

    /// After the deadline: waits for the exit only, still draining the outputs.
    mutating func waitForExit(until deadline: ContinuousClock.Instant) -> Bool {
        finishInput()
        return run(until: deadline)
    }

    mutating func closeAll() {
        finishInput()
        for fd in [stdout, stderr, exit] where fd >= 0 { close(fd) }
        (stdout, stderr, exit) = (-1, -1, -1)
    }

    /// Reads the waiter's 4-byte report; end-of-file before it counts as "lost".
    private mutating func readExitReport() {
        var buffer = [UInt8](repeating: 0, count: 4)
        let n = read(exit, &buffer, 4 - exitReport.count)
        if n > 0 { exitReport += buffer[0..<n] }
        if n < 0, errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { return }
        if exitReport.count == 4 {
            exitStatus = exitReport.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
        } else if n <= 0 {
            exitStatus = ChildWaiter.lost
        }
    }

    private mutating func writeInput() {
        while stdin >= 0, written < input.count {
            let n = input.withUnsafeBytes { buffer in
                send(stdin, buffer.baseAddress! + written, min(buffer.count - written, 65536), Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                written += n
            } else if n < 0, errno == EINTR {
                continue
            } else if n < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                return
            } else {
                // EPIPE, ECONNRESET: the child closed its input (or exited) before taking it all.
                finishInput()
                return
            }
        }
        if written == input.count {
            inputComplete = true
            finishInput()
        }
    }

    /// Ends the child's input: shut down (so it reads end-of-file even if a grandchild shares the
    /// socket) and close.
    private mutating func finishInput() {
        guard stdin >= 0 else { return }
        shutdown(stdin, Int32(SHUT_WR))
        close(stdin)
        stdin = -1
    }

    /// Reads what is there; closes at end-of-file. Keeps at most `ChildProcess.outputLimit` bytes.
    private static func drain(_ fd: inout Int32, into bytes: inout [UInt8]) {
        var buffer = [UInt8](repeating: 0, count: 16384)
        while fd >= 0 {
            let n = read(fd, &buffer, buffer.count)
            if n > 0 {
                let room = ChildProcess.outputLimit - bytes.count
                if room > 0 { bytes += buffer[0..<min(n, room)] }
            } else if n < 0, errno == EINTR {
                continue
            } else if n < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                return
            } else {
                close(fd)
                fd = -1
            }
        }
    }

    /// Milliseconds left until `deadline` for `poll`, rounded up; `nil` once it has passed.
    static func milliseconds(until deadline: ContinuousClock.Instant) -> Int32? {
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { return nil }
        let (seconds, attoseconds) = left.components
        let ms = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(min(ms, Int64(Int32.max)))
    }
}
#endif
