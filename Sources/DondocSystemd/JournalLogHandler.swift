import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A swift-log handler that writes each event as one structured journal entry:
/// `MESSAGE`, `PRIORITY` (from the level, see ``priority(for:)``), `SYSLOG_IDENTIFIER`,
/// `CODE_FILE`/`CODE_LINE`/`CODE_FUNC`, `DONDOC_LOGGER` (the logger's label), `ERROR` when the event
/// carries one, and each metadata item as a field of its own.
///
/// Metadata keys become field names through ``Journal/fieldName(for:)`` (`file` → `FILE`,
/// `DONDOC_UNIT` stays `DONDOC_UNIT`, `MESSAGE_ID` is honoured by journald). A key that would
/// collide with a field the handler writes itself (`message`, `priority`, …) is prefixed with
/// `DONDOC_`; a key with no usable character is dropped.
///
/// If the journal refuses the entry (no journald socket), the event is written to standard error as
/// ``StderrLogHandler`` does, so nothing is lost silently.
public struct JournalLogHandler: LogHandler {
    public let label: String
    /// The `SYSLOG_IDENTIFIER` of every entry (`journalctl -t dondoc`).
    public let identifier: String
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    public init(
        label: String,
        identifier: String = "dondoc",
        logLevel: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.label = label
        self.identifier = identifier
        self.logLevel = logLevel
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let fields = self.fields(for: event)
        if Journal.send(fields) < 0 {
            let fallback = StderrLogHandler(label: label, logLevel: logLevel)
            fallback.log(event: event)
        }
    }

    /// The journal fields for one event, in the order they are sent.
    public func fields(for event: LogEvent) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("MESSAGE", event.message.description),
            ("PRIORITY", String(Self.priority(for: event.level))),
            ("SYSLOG_IDENTIFIER", identifier),
            ("CODE_FILE", event.file),
            ("CODE_LINE", String(event.line)),
            ("CODE_FUNC", event.function),
            ("DONDOC_LOGGER", label),
        ]
        if let error = event.error {
            fields.append(("ERROR", String(describing: error)))
        }
        let merged = LogMetadata.merged(handler: metadata, provider: metadataProvider, event: event.metadata)
        var extra: [(name: String, key: String, value: String)] = []
        for (key, value) in merged {
            guard var name = Journal.fieldName(for: key) else { continue }
            if Self.ownFields.contains(name) {
                name = String("DONDOC_\(name)".prefix(64))
            }
            extra.append((name, key, LogMetadata.text(value)))
        }
        extra.sort { ($0.name, $0.key) < ($1.name, $1.key) }
        return fields + extra.map { ($0.name, $0.value) }
    }

    /// syslog priority for a level: trace and debug 7, info 6, notice 5, warning 4, error 3,
    /// critical 2.
    public static func priority(for level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    private static let ownFields: Set<String> = [
        "MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "CODE_FILE", "CODE_LINE", "CODE_FUNC", "DONDOC_LOGGER", "ERROR",
    ]
}
