import Logging

/// swift-log's `StreamLogHandler` lines on standard error, with the logger's own metadata kept
/// as it is until a line is written. `StreamLogHandler` formats its metadata again each time an
/// item is set, and the server sets the request's id on every request, logged or not.
public struct LineLogHandler: LogHandler {
    private var lines: StreamLogHandler
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    public init(label: String, level: Logger.Level) {
        self.init(lines: StreamLogHandler.standardError(label: label, metadataProvider: nil), level: level)
    }

    /// Lines written to `stream` instead (tests).
    init(label: String, level: Logger.Level, stream: any TextOutputStream & Sendable) {
        self.init(lines: StreamLogHandler(label: label, stream: stream, metadataProvider: nil), level: level)
    }

    private init(lines: StreamLogHandler, level: Logger.Level) {
        self.lines = lines
        self.lines.logLevel = level
        metadataProvider = LoggingSystem.metadataProvider
    }

    public var logLevel: Logger.Level {
        get { lines.logLevel }
        set { lines.logLevel = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The line's metadata as `StreamLogHandler` merges it: the logger's, then the provider's,
    /// then the line's own, each overriding the one before.
    public func log(event: LogEvent) {
        var event = event
        var merged = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty { merged.merge(provided) { $1 } }
        if let own = event.metadata { merged.merge(own) { $1 } }
        event.metadata = merged
        lines.log(event: event)
    }
}
