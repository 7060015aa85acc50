import Foundation
import SQLKit
import SafeholdCore

/// Bulk reads (the census return carries 20,000 children) are audited as ONE entry naming a receipt, the list of
/// the people carried stored once in `audit_receipts` (migration 24), instead of one entry per person: those would
/// land at random places in the log's person index and cost far more to write than the read itself.
extension AuditLog {
    /// Records one read that carried `people` as a single entry naming their receipt (`AuditReceipt`); the entry
    /// and the receipt are written in the same transaction, in the next group commit with other reads. The event's
    /// own entity and person ids are dropped: the receipt names who was read.
    public func recordBulkRead(_ event: AuditEvent, people: some Sequence<UUID>) async throws {
        let receipt = AuditReceipt(people: people)
        var event = event
        event.receipt = receipt.digest
        event.entityId = nil
        event.personId = nil
        try await recordReads([event], receipts: [receipt])
    }

    /// Stores, inside the appending transaction, the receipt each of the `sealed` entries names, under the
    /// entry's sequence number; throws when an entry names a receipt it was not given.
    func storeReceipts(_ receipts: [AuditReceipt], for sealed: [AuditRecord], on db: any SQLDatabase) async throws {
        let byDigest = Dictionary(receipts.map { ($0.digest, $0) }, uniquingKeysWith: { first, _ in first })
        for record in sealed {
            guard let digest = AuditReceipt.digest(fromEntityId: record.entityId) else { continue }
            guard let receipt = byDigest[digest] else {
                throw StoreError.corrupt("audit entry \(record.seq) names receipt \(digest), which was not given")
            }
            try await db.raw(
                "INSERT INTO audit_receipts (seq, people) VALUES (\(bind: record.seq), \(bind: receipt.text))"
            ).run()
        }
    }

    /// The condition on `audit_log l` for the entries about `personId`: against them, or a bulk read whose
    /// receipt carries them. Receipts are found by scanning their text (`instr`/`strpos`, no index): bulk reads
    /// are rare (a few a year), so there are few receipts to scan, and the entries they name are then read by
    /// sequence number with the same order, cursor and limit as the person's own.
    static func personCondition(
        _ personId: UUID, dialect: SQLDialect, on db: any SQLDatabase
    ) async throws -> SQLQueryString {
        let needle = AuditReceipt.searchText(for: personId)
        let found: SQLQueryString =
            dialect == .postgres
            ? "SELECT seq FROM audit_receipts WHERE strpos(people, \(bind: needle)) > 0 ORDER BY seq"
            : "SELECT seq FROM audit_receipts WHERE instr(people, \(bind: needle)) > 0 ORDER BY seq"
        let seqs = try await db.raw(found).all().map { try $0.int("seq") }
        guard !seqs.isEmpty else { return "l.person_id = \(bind: personId.db)" }
        let list = seqs.map(String.init).joined(separator: ", ")
        return "(l.person_id = \(bind: personId.db) OR l.seq IN (\(unsafeRaw: list)))"
    }
}
