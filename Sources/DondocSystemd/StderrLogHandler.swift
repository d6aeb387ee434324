import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A swift-log handler writing plain lines, `[<time>] <level> message key=value …`, to a file
/// descriptor (standard error by default): for a terminal, or a service whose output is not the
/// journal. The time, when a `timestamp` is given, is the daemon's own clock, so a drill on a
/// simulated clock logs simulated times.
///
/// Metadata keys are sorted; a value that is empty or holds spaces, quotes, `=` or control
/// characters is quoted with backslash escapes. Each line goes out in one `write(2)`, so lines from
/// several threads do not interleave.
public struct StderrLogHandler: LogHandler {
    public let label: String
    public let fileDescriptor: Int32
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    /// The time that starts each line, if any.
    public let timestamp: (@Sendable () -> String)?

    public init(
        label: String,
        logLevel: Logger.Level = .info,
        fileDescriptor: Int32 = STDERR_FILENO,
        metadataProvider: Logger.MetadataProvider? = nil,
        timestamp: (@Sendable () -> String)? = nil
    ) {
        self.label = label
        self.logLevel = logLevel
        self.fileDescriptor = fileDescriptor
        self.metadataProvider = metadataProvider
        self.timestamp = timestamp
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = LogMetadata.merged(handler: metadata, provider: metadataProvider, event: event.metadata)
        if let error = event.error, merged["error"] == nil {
            merged["error"] = .string(String(describing: error))
        }
        var text = Self.line(level: event.level, message: event.message.description, metadata: merged)
        if let timestamp { text = "\(timestamp()) \(text)" }
        var line = Array(text.utf8)
        line.append(UInt8(ascii: "\n"))
        line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }

    /// One line without its newline: `warning Không đọc được tệp file=a.yaml line=3`.
    public static func line(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var line = "\(level) \(message)"
        for key in metadata.keys.sorted() {
            guard let value = metadata[key] else { continue }
            line += " \(key)=\(quoted(LogMetadata.text(value)))"
        }
        return line
    }

    static func quoted(_ value: String) -> String {
        let needsQuotes =
            value.isEmpty
            || value.unicodeScalars.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }
        guard needsQuotes else { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
