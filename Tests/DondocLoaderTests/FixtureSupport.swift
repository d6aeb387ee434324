import DondocCore
import Foundation
@testable import DondocLoader

/// The fixture workflow directories: `Fixtures/broken/<case>/` and `Fixtures/valid/<case>/`,
/// each with the diagnostics the loader must print in `expected.txt` (paths relative to the
/// case folder) and, optionally, the day of the check in `today.txt`.
enum Fixtures {
    static var root: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    }

    static func cases(_ kind: String) -> [String] {
        let folder = root.appendingPathComponent(kind)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    static func folder(_ kind: String, _ name: String) -> URL {
        root.appendingPathComponent(kind).appendingPathComponent(name)
    }

    static func expected(_ folder: URL) throws -> [String] {
        let text = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    static func today(_ folder: URL) -> CivilDate? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("today.txt"), encoding: .utf8) else {
            return nil
        }
        return CivilDate(iso: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The report's diagnostics as `dondoc check` prints them, paths relative to `folder`.
    static func rendered(_ report: LoadReport, relativeTo folder: String) -> [String] {
        report.diagnostics.map { relative($0.description, to: folder) }
    }

    /// Every path under `folder` (at the start and in messages) made relative to it.
    static func relative(_ text: String, to folder: String) -> String {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return text.replacingOccurrences(of: prefix, with: "")
    }
}

/// A scratch directory removed when the test ends.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("dondoc-loader-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ name: String, _ text: String) throws {
        try write(name, Data(text.utf8))
    }

    func write(_ name: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Copies a fixture case's files here.
    func copy(fixture folder: URL) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try FileManager.default.copyItem(atPath: folder.appendingPathComponent(name).path,
                                             toPath: URL(fileURLWithPath: path).appendingPathComponent(name).path)
        }
    }
}
