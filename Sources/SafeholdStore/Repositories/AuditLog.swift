import Foundation
import SafeholdCore
import SQLKit

/// The append-only, hash-chained audit log. Writes append their entries inside their own
/// transaction; reads go through `recordRead`, which commits the entries of concurrent reads together.
public final class AuditLog: Sendable {
    let database: Database
    let clock: any WallClock
    private let batcher: ReadBatcher

    init(database: Database, clock: any WallClock) {
        self.database = database
        self.clock = clock
        self.batcher = ReadBatcher()
    }

    /// Appends events inside an open transaction, chained after the last entry.
    func append(_ events: [AuditEvent], on db: any SQLDatabase) async throws {
        guard !events.isEmpty else { return }
        if database.dialect == .postgres {
            // Serialises appenders across every connection and every instance until commit.
            try await db.raw("SELECT pg_advisory_xact_lock(\(literal: 7_465_812_002))").run()
        }
        let last = try await db.raw("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").first()
        var seq = try last?.int("seq") ?? 0
        var previous = try last?.string("hash") ?? AuditChain.genesis
        let now = clock.now()
        var rows: [SQLQueryString] = []
        for event in events {
            seq += 1
            let entry = AuditChain.seal(event, seq: seq, at: now, previousHash: previous)
            previous = entry.hash
            rows.append("""
                (\(bind: seq), \(bind: Timestamp.string(now)), \(bind: event.actorId?.db), \(bind: event.actorName),
                 \(bind: event.action.rawValue), \(bind: event.entityType), \(bind: event.entityId?.db),
                 \(bind: event.personId?.db), \(bind: event.ipAddress), \(bind: event.reason), \(bind: event.detail),
                 \(bind: entry.previousHash), \(bind: entry.hash))
                """)
        }
        for chunk in stride(from: 0, to: rows.count, by: 50) {
            let values = rows[chunk..<min(chunk + 50, rows.count)]
            try await db.raw("""
                INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity_type, entity_id, person_id,
                    ip_address, reason, detail, prev_hash, hash)
                VALUES \(Array(values).joined(separator: ", "))
                """).run()
        }
    }

    /// Appends events in a transaction of their own.
    public func record(_ events: [AuditEvent]) async throws {
        try await database.transaction { db in try await self.append(events, on: db) }
    }

    /// Records a read and returns once it is durable. Reads arriving while a commit is under way
    /// wait for the next one and share it (group commit), so many readers cost one transaction.
    public func recordRead(_ event: AuditEvent) async throws {
        try await batcher.submit(event) { batch in try await self.record(batch) }
    }

    /// Entries about one person, newest first.
    public func entries(forPerson personId: UUID, limit: Int = 200) async throws -> [AuditEntry] {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT * FROM audit_log WHERE person_id = \(bind: personId.db) ORDER BY seq DESC LIMIT \(literal: limit)
                """).all().map(Self.entry)
        }
    }

    /// The most recent entries of all, newest first.
    public func recent(limit: Int = 100) async throws -> [AuditEntry] {
        try await database.withConnection { db in
            try await db.raw("SELECT * FROM audit_log ORDER BY seq DESC LIMIT \(literal: limit)").all().map(Self.entry)
        }
    }

    /// The outcome of checking the whole chain.
    public enum Verification: Equatable, Sendable {
        case intact(entries: Int)
        case broken(atSeq: Int, reason: String)
    }

    /// Recomputes the chain from the first entry to the last, a page at a time.
    public func verify(pageSize: Int = 5000) async throws -> Verification {
        var verifier = AuditChain.Verifier()
        var after = -1
        while true {
            let rows = try await database.withConnection { db in
                try await db.raw("""
                    SELECT * FROM audit_log WHERE seq > \(bind: after) ORDER BY seq LIMIT \(literal: pageSize)
                    """).all()
            }
            for row in rows {
                let seq = (try? row.int("seq")) ?? after + 1
                do {
                    let entry = try Self.entry(row)
                    if let reason = verifier.check(entry) { return .broken(atSeq: entry.seq, reason: reason) }
                } catch {
                    return .broken(atSeq: seq, reason: "entry \(seq) cannot be read as stored: \(error)")
                }
                after = seq
            }
            guard rows.count == pageSize else { break }
        }
        return .intact(entries: verifier.checked)
    }

    static func entry(_ row: any SQLRow) throws -> AuditEntry {
        let actionText = try row.string("action")
        guard let action = AuditAction(rawValue: actionText) else {
            throw StoreError.corrupt("audit entry \(try row.int("seq")) has an unknown action '\(actionText)'")
        }
        let event = AuditEvent(
            actorId: try row.optionalUUID("actor_id"), actorName: try row.string("actor_name"),
            action: action, entityType: try row.string("entity_type"),
            entityId: try row.optionalUUID("entity_id"), personId: try row.optionalUUID("person_id"),
            ipAddress: try row.optionalString("ip_address"), reason: try row.optionalString("reason"),
            detail: try row.optionalString("detail"))
        return AuditEntry(seq: try row.int("seq"), at: try row.timestamp("at"), event: event,
                          previousHash: try row.string("prev_hash"), hash: try row.string("hash"))
    }
}
