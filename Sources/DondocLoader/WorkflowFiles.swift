import DondocCore
import Foundation

/// The file system side: listing and reading, within the size limit.
enum WorkflowFiles {
    /// `directory/name`, or `name` alone for the current directory.
    static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty || directory == "." { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// `*.yaml` and `*.yml` regular files, hidden files excepted, sorted by name.
    static func yamlFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in
            !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
                && !isDirectory(join(directory, name))
        }.sorted()
    }

    /// The directive files: every YAML file at the top but the unit registry.
    static func directiveFiles(in directory: String) -> [String] {
        yamlFiles(in: directory).filter { $0 != "units.yaml" && $0 != "units.yml" }
    }

    /// Reads and composes a file; `nil` (reported) when nothing in it can be used.
    static func document(at path: String, bag: DiagnosticBag) -> YAMLDocument? {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        if size > YAMLDocument.maxBytes {
            bag.error(.tooLarge, start, "file is too large: \(size) bytes, the limit is 1 MiB (\(YAMLDocument.maxBytes) bytes)")
            return nil
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            bag.error(.unreadable, start, "cannot read the file (permission denied?)")
            return nil
        }
        defer { try? handle.close() }
        // Read one byte past the limit: a file that grew since it was measured is still refused.
        let data: Data?
        do {
            data = try handle.read(upToCount: YAMLDocument.maxBytes + 1)
        } catch {
            bag.error(.unreadable, start, "cannot read the file: \(error.localizedDescription)")
            return nil
        }
        return YAMLDocument.load(path: path, bytes: [UInt8](data ?? Data()), into: bag)
    }
}
