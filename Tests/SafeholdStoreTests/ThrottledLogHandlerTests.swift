import Foundation
import Logging
import Synchronization
import Testing

@testable import SafeholdStore

/// The connection pool's log while the database is away: one line per message and place per interval.
@Suite struct ThrottledLogHandlerTests {
    /// Keeps what reaches it.
    struct Capture: LogHandler {
        final class Lines: Sendable { let events = Mutex<[LogEvent]>([]) }
        let lines = Lines()
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) { lines.events.withLock { $0.append(event) } }
    }

    @Test func repeatsWithinTheIntervalAreHeldBackAndCountedOnTheNextLine() async throws {
        let capture = Capture()
        let logger = Logger(label: "test") { _ in ThrottledLogHandler(wrapping: capture, interval: .milliseconds(200)) }
        for attempt in 0..<100 {
            logger.error("Opening new connection for pool failed", metadata: ["attempt": "\(attempt)"])
        }
        logger.error("Another message")
        #expect(
            capture.lines.events.withLock { $0.map(\.message.description) } == [
                "Opening new connection for pool failed", "Another message",
            ])
        try await Task.sleep(for: .milliseconds(300))
        logger.error("Opening new connection for pool failed", metadata: ["attempt": "100"])
        let last = try #require(capture.lines.events.withLock { $0.last })
        #expect(last.metadata?["suppressed"] == "99", "the 99 held back are counted")
        #expect(last.metadata?["attempt"] == "100", "the newest line's own metadata is kept")
    }
}
