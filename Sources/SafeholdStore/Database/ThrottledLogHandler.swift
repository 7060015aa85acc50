import Foundation
import Logging
import Synchronization

/// Passes log lines on to another handler, but the same message at the same level from the same module at most once
/// per `interval`; the next one that passes says how many were held back (`suppressed`). The connection pool logs
/// every connection it fails to open: while the database is away, that was one error line per request (4,000 a
/// second under load, about 3 GB of log an hour), which buries what an operator needs and can fill a disk.
struct ThrottledLogHandler: LogHandler {
    private var wrapped: any LogHandler
    private let interval: Duration
    private let clock = ContinuousClock()
    /// Per level, module and message: when one last passed, and how many were held back since; shared by the copies a
    /// `Logger` makes of its handler.
    private let seen = Seen()

    private final class Seen: Sendable {
        let lines = Mutex<[String: (passed: ContinuousClock.Instant, held: Int)]>([:])
    }

    init(wrapping handler: any LogHandler, interval: Duration = .seconds(5)) {
        self.wrapped = handler
        self.interval = interval
    }

    func log(event: LogEvent) {
        let key = "\(event.level)|\(event.source)|\(event.message)"
        let now = clock.now
        let held: Int? = seen.lines.withLock { seen in
            if let last = seen[key], now - last.passed < interval {
                seen[key] = (last.passed, last.held + 1)
                return nil
            }
            let held = seen[key]?.held ?? 0
            if seen.count > 1_000 { seen.removeAll() }  // bounded, whatever the messages
            seen[key] = (now, 0)
            return held
        }
        guard let held else { return }
        var event = event
        if held > 0 {
            var metadata = event.metadata ?? [:]
            metadata["suppressed"] = "\(held)"
            event.metadata = metadata
        }
        wrapped.log(event: event)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }
}
