import CoreMetrics
import Foundation
import SafeholdCore

/// Group commit for audited reads: while one batch is being written, new events queue; when it
/// finishes, everything queued is written as the next batch, and each waiter resumes with its
/// batch's outcome. The receipts of bulk reads (`AuditReceipt`) ride along with their entries. Entries count
/// in `safehold_audit_queue_entries` from submission until their batch is written or has failed.
actor ReadBatcher {
    private var pending: [([AuditEvent], [AuditReceipt], CheckedContinuation<Void, any Error>)] = []
    private var writing = false
    private let metrics: StoreMetrics

    init(metrics: StoreMetrics) { self.metrics = metrics }

    /// The writer of a batch: its events and the receipts they name, in one transaction.
    typealias Write = @Sendable ([AuditEvent], [AuditReceipt]) async throws -> Void

    func submit(_ events: [AuditEvent], receipts: [AuditReceipt] = [], write: @escaping Write) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            metrics.auditQueue.increment(by: Double(events.count))
            pending.append((events, receipts, continuation))
            if !writing {
                writing = true
                Task { await self.drain(write) }
            }
        }
    }

    private func drain(_ write: @escaping Write) async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            let events = batch.flatMap(\.0)
            metrics.auditBatch.record(events.count)
            do {
                try await write(events, batch.flatMap(\.1))
                metrics.auditQueue.decrement(by: Double(events.count))
                for (_, _, waiter) in batch { waiter.resume() }
            } catch {
                metrics.auditQueue.decrement(by: Double(events.count))
                for (_, _, waiter) in batch { waiter.resume(throwing: error) }
            }
        }
        writing = false
    }
}
