import Foundation
import Logging
import SafeholdCore

/// A swift-log handler writing one JSON object per line: `timestamp` (UTC, milliseconds), `level`,
/// `label`, `message`, `source` and `metadata` (the request's `request_id` among it). Chosen with
/// `SAFEHOLD_LOG_FORMAT=json`; nothing personal is logged, so nothing needs masking here.
public struct JSONLogHandler: LogHandler {
    /// Where finished lines go: standard output by default (one `write` per line, so lines never interleave).
    public typealias Sink = @Sendable (String) -> Void

    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let sink: Sink

    public init(
        label: String, level: Logger.Level = .info, metadataProvider: Logger.MetadataProvider? = nil,
        sink: @escaping Sink = JSONLogHandler.standardOutput
    ) {
        self.label = label
        self.logLevel = level
        self.metadataProvider = metadataProvider
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        sink(
            Self.line(
                at: Date(), level: event.level, label: label, message: event.message.description,
                source: event.source, metadata: merged))
    }

    /// One log line (without its newline): a JSON object with sorted keys.
    static func line(
        at time: Date, level: Logger.Level, label: String, message: String, source: String,
        metadata: Logger.Metadata
    ) -> String {
        let object: [String: Any] = [
            "timestamp": Timestamp.string(time), "level": level.rawValue, "label": label, "message": message,
            "source": source, "metadata": metadata.mapValues(json),
        ]
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return #"{"level":"error","message":"a log line could not be written as JSON"}"# }
        return String(decoding: data, as: UTF8.self)
    }

    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let value): value.description
        case .array(let values): values.map(json)
        case .dictionary(let values): values.mapValues(json)
        }
    }

    /// Writes each line to standard output in one call.
    public static let standardOutput: Sink = { line in
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
