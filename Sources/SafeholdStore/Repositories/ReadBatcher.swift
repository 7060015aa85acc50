import Foundation
import SafeholdCore

/// Group commit for audited reads: while one batch is being written, new events queue; when it
/// finishes, everything queued is written as the next batch, and each waiter resumes with its
/// batch's outcome.
actor ReadBatcher {
    private var pending: [([AuditEvent], CheckedContinuation<Void, any Error>)] = []
    private var writing = false

    func submit(_ events: [AuditEvent], write: @escaping @Sendable ([AuditEvent]) async throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pending.append((events, continuation))
            if !writing {
                writing = true
                Task { await self.drain(write) }
            }
        }
    }

    private func drain(_ write: @escaping @Sendable ([AuditEvent]) async throws -> Void) async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            do {
                try await write(batch.flatMap(\.0))
                for (_, waiter) in batch { waiter.resume() }
            } catch {
                for (_, waiter) in batch { waiter.resume(throwing: error) }
            }
        }
        writing = false
    }
}
