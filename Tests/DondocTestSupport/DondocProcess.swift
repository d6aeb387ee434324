import Foundation
import Testing

/// Runs the built `dondoc` executable, as a user would, and captures what it prints.
public struct DondocProcess {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        /// Terminated by a signal rather than exiting.
        public let crashed: Bool
    }

    /// The repository, from this file's place in it.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public static let workflows = root.appendingPathComponent("Workflows").path
    public static let calendars = root.appendingPathComponent("Workflows/calendars").path

    /// The executable sits beside the test bundle in the build products directory.
    public static let binary: URL? = {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        if let bundle = Bundle.main.executableURL { candidates.append(bundle.deletingLastPathComponent()) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for directory in candidates {
            let url = directory.appendingPathComponent("dondoc")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()

    public static func run(_ arguments: [String], stdin: String? = nil) throws -> Result {
        let binary = try #require(binary, "the dondoc executable was not built beside the tests")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self),
                      crashed: process.terminationReason == .uncaughtSignal)
    }

    /// The same, from a test on the cooperative pool: waits for the process on a thread of its own.
    public static func run(_ arguments: [String], stdin: String? = nil) async throws -> Result {
        try await offThePool { try run(arguments, stdin: stdin) }
    }

    /// Each line of JSON output as a dictionary.
    public static func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
    }
}
