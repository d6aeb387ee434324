import Logging

/// Chooses where dondoc's logs go. It does not bootstrap swift-log: the composition root calls
/// `LoggingSystem.bootstrap { LogSetup.handler(label: $0) }` once; tests build handlers directly.
public enum LogSetup {
    /// A ``JournalLogHandler`` when standard error is the journal (``Journal/isConnected``: the
    /// service runs under systemd with `StandardError=journal`), else a ``StderrLogHandler``
    /// whose lines start with `timestamp()` (the journal keeps times of its own).
    public static func handler(
        label: String,
        logLevel: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = nil,
        timestamp: (@Sendable () -> String)? = nil
    ) -> any LogHandler {
        if Journal.isConnected {
            return JournalLogHandler(label: label, logLevel: logLevel, metadataProvider: metadataProvider)
        }
        return StderrLogHandler(label: label, logLevel: logLevel, metadataProvider: metadataProvider, timestamp: timestamp)
    }
}
