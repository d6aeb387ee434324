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
    /// Read with `readdir`: the entry's type says what it is, and only a link or an entry of
    /// unknown type is examined further (a large installation lists tens of thousands).
    static func yamlFiles(in directory: String) -> [String] {
        guard let stream = opendir(directory.isEmpty ? "." : directory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix("."), name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { continue }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): names.append(name)
            case Int32(DT_LNK), Int32(DT_UNKNOWN): if !isDirectory(join(directory, name)) { names.append(name) }
            default: continue
            }
        }
        return names.sorted()
    }

    /// The directive files: every YAML file at the top but the unit registry.
    static func directiveFiles(in directory: String) -> [String] {
        yamlFiles(in: directory).filter { $0 != "units.yaml" && $0 != "units.yml" }
    }

    /// Reads and composes a file; `nil` (reported) when nothing in it can be used.
    static func document(at path: String, bag: DiagnosticBag) -> YAMLDocument? {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            bag.error(.unreadable, start, "cannot read the file (permission denied?)")
            return nil
        }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, Int(info.st_size) > YAMLDocument.maxBytes {
            bag.error(.tooLarge, start, "file is too large: \(info.st_size) bytes, the limit is 1 MiB (\(YAMLDocument.maxBytes) bytes)")
            return nil
        }
        // Read one byte past the limit: a file that grew since it was measured is still refused.
        let limit = YAMLDocument.maxBytes + 1
        var bytes = [UInt8](repeating: 0, count: min(max(Int(info.st_size), 0) + 1, limit))
        var count = 0
        while true {
            if count == bytes.count {
                guard bytes.count < limit else { break }
                bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit - bytes.count)))
            }
            let got = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if got < 0 {
                if errno == EINTR { continue }
                bag.error(.unreadable, start, "cannot read the file: \(String(cString: strerror(errno)))")
                return nil
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeSubrange(count...)
        return YAMLDocument.load(path: path, bytes: bytes, into: bag)
    }
}
