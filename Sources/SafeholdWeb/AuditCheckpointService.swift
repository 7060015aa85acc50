import Foundation
import Logging
import SafeholdCore
import SafeholdStore
import ServiceLifecycle

/// Writes a signed checkpoint of the audit chain's head outside the database: when the server
/// starts, every `interval` while it runs, and once more at shutdown (the application's service
/// group stops the HTTP server first, so the last checkpoint covers the last request).
public struct AuditCheckpointService: Service {
    let audit: AuditLog
    let directory: AuditCheckpointDirectory
    let interval: Duration
    let logger: Logger

    public init(
        audit: AuditLog, directory: AuditCheckpointDirectory, interval: Duration = .seconds(60),
        logger: Logger = Logger(label: "safehold.audit")
    ) {
        self.audit = audit
        self.directory = directory
        self.interval = interval
        self.logger = logger
    }

    /// Writes one checkpoint of the head as committed now.
    @discardableResult
    public func writeCheckpoint() async throws -> AuditCheckpoint {
        let checkpoint = try await audit.checkpoint()
        try directory.write(checkpoint)
        return checkpoint
    }

    public func run() async throws {
        // A folder that cannot be written stops the start, rather than leaving the log unanchored.
        try await writeCheckpoint()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break
            }
            await writeLogging()
        }
        await writeLogging()
    }

    private func writeLogging() async {
        do {
            try await writeCheckpoint()
        } catch {
            logger.error("could not write an audit checkpoint in \(directory.path): \(error)")
        }
    }
}
