import Logging

/// The metadata one log event carries, merged as swift-log's own handlers do: the handler's
/// metadata, then the provider's (task-local context), then the call site's, later ones winning.
enum LogMetadata {
    static func merged(
        handler: Logger.Metadata,
        provider: Logger.MetadataProvider?,
        event: Logger.Metadata?
    ) -> Logger.Metadata {
        var result = handler
        if let provided = provider?.get(), !provided.isEmpty {
            result.merge(provided) { _, new in new }
        }
        if let event, !event.isEmpty {
            result.merge(event) { _, new in new }
        }
        return result
    }

    /// A metadata value as text: strings as they are, arrays and dictionaries as swift-log prints them.
    static func text(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let string): return string
        case .stringConvertible(let convertible): return convertible.description
        case .array, .dictionary: return value.description
        }
    }
}
