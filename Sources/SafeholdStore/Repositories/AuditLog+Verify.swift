import Foundation
import SQLKit
import SafeholdCore

extension AuditLog {
    /// The outcome of checking the whole chain.
    public enum Verification: Equatable, Sendable {
        case intact(entries: Int)
        /// `atSeq` is the first entry that is wrong (0 for a row with no usable sequence number).
        case broken(atSeq: Int, reason: String)
    }

    /// Checks every row of the log, with no filter, against the key and the signed `checkpoints`:
    /// each seal recomputed from the stored text, the sequence 1...n with no gap, the row count
    /// equal to the highest sequence number, and no checkpoint beyond the end or disagreeing with it.
    /// Every receipt (its rows in `audit_receipt_people`, or its text in `audit_receipts` before migration 31) must
    /// hash to the digest its entry's sealed entity id names, every entry naming a receipt must have it (a receipt of
    /// nobody has no rows), and no receipt may stand where no entry names one.
    ///
    /// Load the checkpoints before calling: the rows are read in one snapshot taken after that, so a
    /// checkpoint written meanwhile by a running server cannot look like a truncation.
    public func verify(pageSize: Int = 5000, checkpoints: [AuditCheckpoint] = []) async throws -> Verification {
        if let problem = AuditCheckpoint.problem(in: checkpoints, key: key) {
            return .broken(atSeq: problem.seq, reason: problem.reason)
        }
        let verifier = AuditChain.Verifier(key: key, checkpoints: checkpoints)
        return try await database.withConnection { db in
            try await db.raw(
                database.dialect == .postgres
                    ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN DEFERRED"
            ).run()
            do {
                let result = try await walk(db, pageSize: pageSize, verifier: verifier)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    private func walk(
        _ db: any SQLDatabase, pageSize: Int,
        verifier start: AuditChain.Verifier
    ) async throws -> Verification {
        var verifier = start
        let rowCount = try await db.raw("SELECT COUNT(*) AS n FROM audit_log").first()?.int("n") ?? 0
        let strayQuery: SQLQueryString =
            "SELECT seq, at, actor_name FROM audit_log WHERE seq IS NULL OR seq < 1 LIMIT 1"
        if let stray = try await db.raw(strayQuery).first() {
            let seq = (try? stray.decode(column: "seq", as: Int?.self)).flatMap { $0 }.map(String.init) ?? "none"
            let at = (try? stray.string("at")) ?? "?", actor = (try? stray.string("actor_name")) ?? "?"
            return .broken(
                atSeq: 0,
                reason: "a row with sequence number \(seq) (at \(at), by \(actor)) "
                    + "is outside the chain: entries are numbered from 1")
        }
        // A database from before migration 24 (a restored old backup) has no receipts table and no receipts; one
        // from before migration 31 has its receipts only as text.
        let hasReceipts = try await Self.hasTable("audit_receipts", db, dialect: database.dialect)
        let hasRows = try await Self.hasTable("audit_receipt_people", db, dialect: database.dialect)
        var after = 0
        var checkedDigests = Set<String>()
        while true {
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.columns) FROM audit_log WHERE seq > \(bind: after) \
                ORDER BY seq LIMIT \(literal: pageSize)
                """
            ).all()
            let last = rows.count == pageSize ? ((try? rows.last?.int("seq")) ?? Int.max) : Int.max
            let texts = hasReceipts ? try await Self.receipts(db, after: after, through: last) : [:]
            // The digests checked are remembered (a caseload opened every day names the same receipt each time),
            // up to a bound on memory, forgotten between pages only.
            if checkedDigests.count > 100_000 { checkedDigests.removeAll(keepingCapacity: true) }
            let named = Set(rows.compactMap { AuditReceipt.digest(fromEntityId: try? $0.optionalString("entity_id")) })
            let toCheck = hasRows ? named.subtracting(checkedDigests) : []
            let rowTexts = toCheck.isEmpty ? [:] : try await Self.receiptTexts(toCheck, on: db)
            for row in rows {
                let record: AuditRecord
                do {
                    record = try Self.record(row)
                } catch {
                    return .broken(
                        atSeq: after + 1,
                        reason: "the entry after \(after) cannot be read as stored: \(error)")
                }
                if let reason = verifier.check(record) { return .broken(atSeq: record.seq, reason: reason) }
                // A receipt stored as text (before migration 31) is its entry's own; one stored as rows is shared by
                // every entry naming its digest, and checked once.
                let digest = AuditReceipt.digest(fromEntityId: record.entityId)
                let text = texts[record.seq]
                if text != nil || digest.map(checkedDigests.contains) != true {
                    let stored = text ?? digest.flatMap { rowTexts[$0] }
                    if let reason = Self.receiptProblem(record, stored: stored) {
                        return .broken(atSeq: record.seq, reason: reason)
                    }
                    if text == nil, let digest { checkedDigests.insert(digest) }
                }
                after = record.seq
            }
            guard rows.count == pageSize else { break }
        }
        if let problem = verifier.finish(rowCount: rowCount) {
            return .broken(atSeq: problem.seq, reason: problem.reason)
        }
        let stray =
            hasReceipts
            ? try await db.raw(
                "SELECT seq FROM audit_receipts WHERE seq < 1 OR seq > \(bind: after) ORDER BY seq LIMIT 1"
            ).first() : nil
        if let stray {
            let seq = try stray.int("seq")
            return .broken(
                atSeq: seq, reason: "a receipt is stored for entry \(seq), which is not in the chain: it was added")
        }
        // Rows under a digest no entry names: a receipt added outright (rows added to a named receipt change its
        // digest, found above at the entry).
        let orphan =
            hasRows
            ? try await db.raw(
                """
                SELECT d.digest FROM (SELECT DISTINCT digest FROM audit_receipt_people) d WHERE NOT EXISTS (
                    SELECT 1 FROM audit_log l
                    WHERE l.entity_id = 'receipt:' || d.digest AND l.entity_id LIKE 'receipt:%')
                LIMIT 1
                """
            ).first() : nil
        if let orphan {
            return .broken(
                atSeq: 0,
                reason: "a receipt is stored that no entry names (\(try orphan.string("digest").prefix(12))…): "
                    + "it was added")
        }
        return .intact(entries: verifier.checked)
    }

    private static func hasTable(_ name: String, _ db: any SQLDatabase, dialect: SQLDialect) async throws -> Bool {
        let query: SQLQueryString =
            dialect == .postgres
            ? "SELECT 1 AS found WHERE to_regclass(\(bind: name)) IS NOT NULL"
            : "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = \(bind: name)"
        return try await db.raw(query).first() != nil
    }

    /// The receipts stored as text (before migration 31) for the entries after `after` up to `last`, by sequence
    /// number, their text as stored.
    private static func receipts(_ db: any SQLDatabase, after: Int, through last: Int) async throws -> [Int: String] {
        let rows = try await db.raw(
            """
            SELECT seq, people FROM audit_receipts WHERE seq > \(bind: after) AND seq <= \(bind: last)
            """
        ).all()
        var found: [Int: String] = [:]
        for row in rows { found[try row.int("seq")] = try row.string("people") }
        return found
    }

    /// Why `record`'s receipt (or the receipt stored at its sequence number) breaks the log, or nil.
    static func receiptProblem(_ record: AuditRecord, stored: String?) -> String? {
        guard let digest = AuditReceipt.digest(fromEntityId: record.entityId) else {
            guard stored == nil else {
                return "entry \(record.seq) names no receipt but one is stored for it: the receipt was added"
            }
            return nil
        }
        guard let stored else {
            // A receipt of nobody is stored as no rows.
            guard digest == AuditReceipt.nobody.digest else {
                return "entry \(record.seq) names a receipt that is missing: it was deleted"
            }
            return nil
        }
        guard AuditReceipt.digest(ofStored: stored) == digest else {
            return "the receipt of entry \(record.seq) has been altered: its digest does not match the one its "
                + "sealed entry names (people added, removed or changed)"
        }
        return nil
    }
}
