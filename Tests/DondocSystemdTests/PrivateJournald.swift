import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real systemd-journald of the test's own, with no systemd as PID 1: started by `unshare` in a
/// private mount namespace where a temporary folder is bound over `/run` (journald makes
/// `/run/systemd/journal/socket` there) and another over `/var/log/journal`. Its journal files
/// stay in ``journalDirectory`` on the host.
///
/// libsystemd always sends to the fixed path `/run/systemd/journal/socket`, so code under test
/// reaches this journald through ``run(_:)``: on a thread of its own that enters a private mount
/// namespace (unshare(2) with CLONE_NEWNS affects only the calling thread) with the same folder
/// bound over `/run`. Needs root (CAP_SYS_ADMIN), util-linux's `unshare` and systemd-journald.
final class PrivateJournald {
    static let journaldPath = "/lib/systemd/systemd-journald"

    /// Why a private journald cannot run here, or nil if it can.
    static var unavailableReason: String? {
        if geteuid() != 0 { return "needs root (mount namespaces, bind mounts)" }
        if !FileManager.default.isExecutableFile(atPath: journaldPath) { return "\(journaldPath) missing (apt-get install systemd)" }
        if !FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") { return "/usr/bin/unshare missing (util-linux)" }
        if !FileManager.default.isExecutableFile(atPath: "/usr/bin/journalctl") { return "journalctl missing" }
        return nil
    }

    let root: String
    private let process: Process
    private var journaldPID: pid_t = 0

    var runDirectory: String { root + "/run" }
    var journalDirectory: String { root + "/run/log/journal" }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-journald-\(UUID().uuidString.prefix(8))").path
        for dir in ["run", "varlog"] {
            try FileManager.default.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
        }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = [
            "--mount", "--propagation", "private", "--fork", "/bin/sh", "-c",
            // /var/log/journal too, if there is one: journald must not touch the host's persistent journal.
            #"mount --bind "$0/run" /run && { [ ! -d /var/log/journal ] || mount --bind "$0/varlog" /var/log/journal; } && echo $$ > "$0/journald.pid" && exec "$1""#,
            root, Self.journaldPath,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()

        let socket = runDirectory + "/systemd/journal/socket"
        let deadline = ContinuousClock.now + .seconds(10)
        while !FileManager.default.fileExists(atPath: socket) || journaldPID == 0 {
            if let text = try? String(contentsOfFile: root + "/journald.pid", encoding: .utf8),
                let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                journaldPID = pid
            }
            guard process.isRunning, ContinuousClock.now < deadline else {
                stop()
                throw Failure("systemd-journald did not start (no \(socket))")
            }
            usleep(20_000)
        }
    }

    deinit { stop() }

    func stop() {
        if journaldPID > 0 { kill(journaldPID, SIGTERM) }
        if process.isRunning {
            let deadline = ContinuousClock.now + .seconds(5)
            while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
            if process.isRunning { process.terminate() }
        }
        journaldPID = 0
    }

    func removeFiles() {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Runs `body` on a new thread that sees this journald at `/run/systemd/journal/socket`.
    func run<T: Sendable>(_ body: @escaping @Sendable () -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let run = runDirectory
        let thread = Thread {
            defer { done.signal() }
            guard PrivateJournald.unshareMountNamespace() == 0 else { box.error = "unshare(CLONE_NEWNS): \(String(cString: strerror(errno)))"; return }
            guard mount(nil, "/", nil, UInt(MS_REC | MS_PRIVATE), nil) == 0 else { box.error = "mount --make-rprivate /: \(String(cString: strerror(errno)))"; return }
            guard mount(run, "/run", nil, UInt(MS_BIND), nil) == 0 else { box.error = "mount --bind \(run) /run: \(String(cString: strerror(errno)))"; return }
            box.value = body()
        }
        thread.start()
        done.wait()
        if let error = box.error { throw Failure(error) }
        return box.value!
    }

    /// `journalctl --directory=… -o json MATCHES…`, polled until at least `count` entries are
    /// there (journald writes asynchronously) or `timeout` passes.
    func entries(matching matches: [String], atLeast count: Int, timeout: Duration = .seconds(10)) throws -> [[String: Any]] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let found = try query(matches)
            if found.count >= count || ContinuousClock.now >= deadline { return found }
            usleep(100_000)
        }
    }

    private func query(_ matches: [String]) throws -> [[String: Any]] {
        let journalctl = Process()
        journalctl.executableURL = URL(fileURLWithPath: "/usr/bin/journalctl")
        journalctl.arguments = ["--directory=\(journalDirectory)", "--no-pager", "-o", "json"] + matches
        let out = Pipe()
        journalctl.standardOutput = out
        journalctl.standardError = FileHandle.nullDevice
        try journalctl.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        journalctl.waitUntilExit()
        return data.split(separator: UInt8(ascii: "\n")).compactMap {
            try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]
        }
    }

    /// A field of a `journalctl -o json` entry as text: journalctl writes a value that is not
    /// printable UTF-8 (one with a newline, say) as an array of byte values.
    static func text(_ value: Any?) -> String? {
        if let string = value as? String { return string }
        if let bytes = value as? [Int] { return String(decoding: bytes.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self) }
        return nil
    }

    /// unshare(CLONE_NEWNS). Glibc's Swift module leaves out the _GNU_SOURCE declarations, so
    /// the function is looked up by name.
    static func unshareMountNamespace() -> Int32 {
        typealias Unshare = @convention(c) (Int32) -> Int32
        let cloneNewNS: Int32 = 0x0002_0000  // <linux/sched.h>
        guard let symbol = dlsym(nil, "unshare") else { errno = ENOSYS; return -1 }
        return unsafeBitCast(symbol, to: Unshare.self)(cloneNewNS)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    private final class ResultBox<T>: @unchecked Sendable {
        var value: T?
        var error: String?
    }
}
