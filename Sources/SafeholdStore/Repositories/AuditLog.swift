import CoreMetrics
import Foundation
import SQLKit
import SafeholdCore

/// The append-only audit log, each entry sealed with the audit key onto the one before. Writes append
/// their entries inside their own transaction; reads go through `recordRead`, which commits the
/// entries of concurrent reads together.
public final class AuditLog: Sendable {
    let database: Database
    let clock: any WallClock
    let key: AuditKey
    private let batcher: ReadBatcher

    init(database: Database, key: AuditKey, clock: any WallClock) {
        self.database = database
        self.key = key
        self.clock = clock
        self.batcher = ReadBatcher(metrics: database.metrics)
    }

    /// The id of the key sealing new entries (a fingerprint, not the key).
    public var keyId: String { key.id }

    /// Appends events inside an open transaction, chained after the last entry, with the receipts the events name
    /// (`AuditEvent.receipt`), each stored under its entry's sequence number.
    package func append(
        _ events: [AuditEvent], receipts: [AuditReceipt] = [], on db: any SQLDatabase
    ) async throws {
        guard !events.isEmpty else { return }
        let metrics = database.metrics, start = StoreMetrics.now()
        defer { StoreMetrics.record(metrics.auditAppend, since: start) }
        if database.dialect == .postgres {
            // Serialises appenders across every connection and every instance until commit, so two
            // servers never both extend the same head (the database would refuse the second anyway).
            try await db.raw("SELECT pg_advisory_xact_lock(\(literal: 7_465_812_002))").run()
        }
        let last = try await db.raw("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").first()
        let seq = try last?.int("seq") ?? 0
        let previous = try last?.string("hash") ?? AuditChain.genesis
        let sealed = AuditChain.seal(events, after: seq, at: clock.now(), previousHash: previous, key: key)
        // Exactly the text the seal covers is what is stored. Entries with no request id (the command line,
        // background services) leave the column out, so they are written the same on a schema before migration 22.
        let withRequestIds = sealed.contains { $0.requestId != nil }
        for chunk in stride(from: 0, to: sealed.count, by: 50) {
            let rows = sealed[chunk..<min(chunk + 50, sealed.count)]
            try await db.execute(
                sql: AuditInsert(records: rows, withRequestIds: withRequestIds, postgres: database.dialect == .postgres)
            ) { _ in }
        }
        try await storeReceipts(receipts, for: sealed, on: db)
        metrics.auditEntries.increment(by: Int64(events.count))
    }

    /// Appends events (and the receipts they name) in a transaction of their own.
    public func record(_ events: [AuditEvent], receipts: [AuditReceipt] = []) async throws {
        try await database.transaction { db in try await self.append(events, receipts: receipts, on: db) }
    }

    /// Records a read and returns once it is durable. Reads arriving while a commit is under way
    /// wait for the next one and share it (group commit), so many readers cost one transaction.
    public func recordRead(_ event: AuditEvent) async throws {
        try await recordReads([event])
    }

    /// Records the entries of one read in the next group commit.
    public func recordReads(_ events: [AuditEvent]) async throws {
        guard !events.isEmpty else { return }
        try await recordReads(events, receipts: [])
    }

    /// Records the entries of reads, with the receipts they name, in the next group commit.
    func recordReads(_ events: [AuditEvent], receipts: [AuditReceipt]) async throws {
        try await batcher.submit(events, receipts: receipts) { batch, receipts in
            try await self.record(batch, receipts: receipts)
        }
    }

    /// Entries about one person, newest first: those against the person and the bulk reads whose receipt
    /// carries them (see `personCondition`).
    public func entries(forPerson personId: UUID, limit: Int = 200) async throws -> [AuditEntry] {
        try await database.withConnection { db in
            let about = try await Self.personCondition(
                personId, before: nil, limit: limit, dialect: self.database.dialect, on: db)
            return try await db.raw(
                """
                SELECT \(unsafeRaw: Store.auditColumns) FROM audit_log l WHERE \(about)
                ORDER BY l.seq DESC LIMIT \(literal: limit)
                """
            ).all().map(Self.entry)
        }
    }

    /// The most recent entries of all, newest first.
    public func recent(limit: Int = 100) async throws -> [AuditEntry] {
        try await database.withConnection { db in
            try await db.raw(
                "SELECT \(unsafeRaw: Self.columns) FROM audit_log ORDER BY seq DESC LIMIT \(literal: limit)"
            )
            .all().map(Self.entry)
        }
    }

    /// The newest entries exactly as stored, newest first (for checking that nothing changed).
    public func storedRecords(limit: Int = 1000) async throws -> [AuditRecord] {
        try await database.withConnection { db in
            try await db.raw(
                "SELECT \(unsafeRaw: Self.columns) FROM audit_log ORDER BY seq DESC LIMIT \(literal: limit)"
            )
            .all().map(Self.record)
        }
    }

    /// A checkpoint of the chain's head as committed now, signed with the key.
    public func checkpoint() async throws -> AuditCheckpoint {
        let head = try await database.withConnection { db in
            try await db.raw("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").first()
        }
        return AuditCheckpoint.sign(
            seq: try head?.int("seq") ?? 0,
            head: try head?.string("hash") ?? AuditChain.genesis, at: clock.now(), key: key)
    }

    /// Refuses to go on with a key that did not seal the newest entry (a server started with the wrong
    /// key, or two servers on one database with different keys, would otherwise fork the seals).
    public func checkKey() async throws {
        let newest = try await database.withConnection { db in
            try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM audit_log ORDER BY seq DESC LIMIT 1").first().map(
                Self.record)
        }
        guard let newest, newest.format == AuditChain.keyedFormat else { return }
        guard AuditChain.hash(newest, key: key) == newest.hash else {
            throw AuditKeyMismatch(seq: newest.seq, keyId: key.id)
        }
    }

    /// Every column, named (not `*`: a pooled SQLite connection could expand `*` from the schema it
    /// read before a migration added a column).
    static let columns =
        "seq, at, actor_id, actor_name, action, entity_type, entity_id, person_id, ip_address, "
        + "reason, detail, request_id, prev_hash, hash, chain_format"

    static func record(_ row: any SQLRow) throws -> AuditRecord {
        AuditRecord(
            seq: try row.int("seq"), at: try row.string("at"), actorId: try row.optionalString("actor_id"),
            actorName: try row.string("actor_name"), action: try row.string("action"),
            entityType: try row.string("entity_type"), entityId: try row.optionalString("entity_id"),
            personId: try row.optionalString("person_id"), ipAddress: try row.optionalString("ip_address"),
            reason: try row.optionalString("reason"), detail: try row.optionalString("detail"),
            requestId: try row.optionalString("request_id"), previousHash: try row.string("prev_hash"),
            hash: try row.string("hash"), format: try row.int("chain_format"))
    }

    static func entry(_ row: any SQLRow) throws -> AuditEntry {
        let stored = try record(row)
        do {
            return try stored.entry()
        } catch {
            throw StoreError.corrupt("audit entry \(stored.seq): \(error)")
        }
    }
}

/// The audit key given is not the one that sealed the newest entry of the log.
public struct AuditKeyMismatch: Error, CustomStringConvertible {
    public let seq: Int
    public let keyId: String

    public var description: String {
        "the audit key \(keyId) did not seal the newest audit entry (\(seq)): start with the key that sealed "
            + "this log (SAFEHOLD_AUDIT_KEY or the key file), or run 'safehold audit verify' to find what changed"
    }
}
