import Foundation
import SQLKit
import SafeholdCore

/// Bulk reads and lists (the census return carries 20,000 children, a team's caseloads two hundred) are audited as
/// ONE entry naming a receipt, the people carried stored beside it (`audit_receipt_people`, migration 31; before
/// it, as text in `audit_receipts`), instead of one entry per person: those cost far more to seal and write than
/// the read itself.
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

    /// The people the receipt of entry `seq` carries, as stored (its rows, or its text before migration 31), in
    /// the receipt's order; nil when the entry names no receipt or none is stored. For auditors: which children a
    /// list showed. The people are not checked against the entry's digest here (`verify` does that).
    public func receiptPeople(ofEntry seq: Int) async throws -> [UUID]? {
        try await database.withConnection { db in
            let entry = try await db.raw("SELECT entity_id FROM audit_log WHERE seq = \(bind: seq)").first()
            guard let digest = AuditReceipt.digest(fromEntityId: try entry?.optionalString("entity_id")) else {
                return nil
            }
            if let text = try await db.raw("SELECT people FROM audit_receipts WHERE seq = \(bind: seq)").first() {
                return try text.string("people").split(separator: "\n").compactMap { UUID(uuidString: String($0)) }
            }
            let rows = try await db.raw(
                "SELECT person_id FROM audit_receipt_people WHERE digest = \(bind: digest)"
            ).all()
            guard !rows.isEmpty || digest == AuditReceipt.nobody.digest else { return nil }
            return AuditReceipt(people: try rows.map { try $0.uuid("person_id") }).people
        }
    }

    /// Stores, inside the appending transaction, the receipts the `sealed` entries name that are not stored yet:
    /// each as rows of `audit_receipt_people` under its digest (migration 31), 400 to a statement. A receipt is
    /// stored once whatever number of entries name it (the same caseload opened again names the same receipt), and
    /// a receipt of nobody has no rows. Throws when an entry names a receipt it was not given.
    func storeReceipts(_ receipts: [AuditReceipt], for sealed: [AuditRecord], on db: any SQLDatabase) async throws {
        guard !receipts.isEmpty else { return }
        let byDigest = Dictionary(receipts.map { ($0.digest, $0) }, uniquingKeysWith: { first, _ in first })
        var stored = Set<String>()
        for record in sealed {
            guard let digest = AuditReceipt.digest(fromEntityId: record.entityId) else { continue }
            guard let receipt = byDigest[digest] else {
                throw StoreError.corrupt("audit entry \(record.seq) names receipt \(digest), which was not given")
            }
            guard stored.insert(digest).inserted, !receipt.people.isEmpty else { continue }
            let known = try await db.raw(
                "SELECT 1 AS found FROM audit_receipt_people WHERE digest = \(bind: digest) LIMIT 1"
            ).first()
            guard known == nil else { continue }
            for chunk in stride(from: 0, to: receipt.people.count, by: 400) {
                let people = receipt.people[chunk..<min(chunk + 400, receipt.people.count)]
                let rows = SQLList(people.map { SQLQueryString("(\(bind: digest), \(bind: $0.db))") })
                try await db.raw("INSERT INTO audit_receipt_people (digest, person_id) VALUES \(rows)").run()
            }
        }
    }

    /// The condition on `audit_log l` for the newest `limit` entries about `personId` before `before` (all when
    /// nil): against them, or a list or bulk read whose receipt carries them. Each source is read newest first
    /// through its own index and cut at `limit`: the entries against the person (`audit_log_person`), and the
    /// entries naming a receipt that carries them (`audit_receipt_people_person`, then `audit_log_receipt`).
    /// Receipts from before migration 31 are text, found by scanning it (`instr`/`strpos`, no index): only the
    /// census wrote them, a few a year.
    static func personCondition(
        _ personId: UUID, before: Int?, limit: Int, dialect: SQLDialect, on db: any SQLDatabase
    ) async throws -> SQLQueryString {
        let needle = AuditReceipt.searchText(for: personId)
        let found: SQLQueryString =
            dialect == .postgres
            ? "SELECT seq FROM audit_receipts WHERE strpos(people, \(bind: needle)) > 0 ORDER BY seq"
            : "SELECT seq FROM audit_receipts WHERE instr(people, \(bind: needle)) > 0 ORDER BY seq"
        let older = try await db.raw(found).all().map { try $0.int("seq") }
        let below: SQLQueryString = before.map { "AND seq < \(bind: $0)" } ?? ""
        let own: SQLQueryString = """
            SELECT seq FROM (SELECT seq FROM audit_log WHERE person_id = \(bind: personId.db) \(below)
                ORDER BY seq DESC LIMIT \(literal: limit)) AS own
            UNION ALL
            SELECT seq FROM (SELECT seq FROM audit_log WHERE entity_id LIKE 'receipt:%' AND entity_id IN (
                    SELECT 'receipt:' || digest FROM audit_receipt_people WHERE person_id = \(bind: personId.db))
                \(below) ORDER BY seq DESC LIMIT \(literal: limit)) AS listed
            """
        guard !older.isEmpty else { return "l.seq IN (\(own))" }
        let list = older.map(String.init).joined(separator: ", ")
        return "(l.seq IN (\(own)) OR l.seq IN (\(unsafeRaw: list)))"
    }

    /// The canonical text (`AuditReceipt.text`) of each receipt among `digests` stored as rows, by digest; a
    /// receipt with no rows is absent. What `verify` hashes against the digest an entry names.
    static func receiptTexts(
        _ digests: some Collection<String>, on db: any SQLDatabase
    ) async throws -> [String: String] {
        var people: [String: [String]] = [:]
        let all = Array(digests)
        for chunk in stride(from: 0, to: all.count, by: 200) {
            let some = all[chunk..<min(chunk + 200, all.count)]
            let rows = try await db.raw(
                "SELECT digest, person_id FROM audit_receipt_people WHERE digest IN (\(binds: Array(some)))"
            ).all()
            for row in rows {
                people[try row.string("digest"), default: []].append(try row.string("person_id").lowercased())
            }
        }
        return people.mapValues { $0.sorted().joined(separator: "\n") }
    }
}
