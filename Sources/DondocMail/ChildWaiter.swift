import Foundation
#if canImport(Glibc)
import Glibc

/// Reaps one child on a thread of its own and reports its wait status (4 bytes) on a socket,
/// which a `poll` loop can watch: no polling, no SIGCHLD handler, no process-wide state.
enum ChildWaiter {
    /// The status sent when the child could not be waited for (someone else reaped it).
    static let lost: Int32 = -1

    static func start(pid: pid_t, report fd: Int32) {
        let thread = Thread {
            var status: Int32 = 0
            var result: pid_t
            repeat { result = waitpid(pid, &status, 0) } while result == -1 && errno == EINTR
            if result == -1 { status = lost }
            _ = withUnsafeBytes(of: &status) { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            close(fd)
        }
        thread.name = "dondoc-sendmail-wait"
        thread.start()
    }

    /// A `waitpid` status as a termination: <sys/wait.h> puts the signal in the low 7 bits,
    /// or the exit status in the next byte when those are 0.
    static func termination(_ status: Int32) -> ChildProcess.Termination {
        if status == lost { return .exit(-1) }
        return status & 0x7f == 0 ? .exit((status >> 8) & 0xff) : .signal(status & 0x7f)
    }
}

/// The socket pairs between dondoc and a child: its stdin, stdout, stderr, and the exit report.
struct Descriptors {
    var stdinParent: Int32 = -1, stdinChild: Int32 = -1
    var stdoutRead: Int32 = -1, stdoutWrite: Int32 = -1
    var stderrRead: Int32 = -1, stderrWrite: Int32 = -1
    var exitRead: Int32 = -1, exitWrite: Int32 = -1

    /// Creates them all; an error text when one cannot be.
    mutating func open() -> String? {
        for (a, b) in [(\Descriptors.stdinParent, \Descriptors.stdinChild), (\.stdoutRead, \.stdoutWrite),
                       (\.stderrRead, \.stderrWrite), (\.exitRead, \.exitWrite)] {
            var pair: [Int32] = [-1, -1]
            guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
                return "socketpair: \(String(cString: strerror(errno)))"
            }
            self[keyPath: a] = pair[0]
            self[keyPath: b] = pair[1]
        }
        return nil
    }

    mutating func closeChildEnds() {
        for fd in [stdinChild, stdoutWrite, stderrWrite] where fd >= 0 { close(fd) }
        (stdinChild, stdoutWrite, stderrWrite) = (-1, -1, -1)
    }

    mutating func closeAll() {
        closeChildEnds()
        for fd in [stdinParent, stdoutRead, stderrRead, exitRead, exitWrite] where fd >= 0 { close(fd) }
        (stdinParent, stdoutRead, stderrRead, exitRead, exitWrite) = (-1, -1, -1, -1, -1)
    }
}
#endif
