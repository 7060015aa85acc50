import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// The database's own refusals: whoever connects, no statement changes or removes an audit entry,
/// and a new entry can only be the next one, sealed in the keyed format.
@Suite("The audit log's database guards")
struct AuditGuardTests {
    /// Statements that would change or remove entries, for `backend`.
    static func rewrites(_ backend: TestBackend, copyOf third: AuditRecord) -> [String] {
        var changed = third
        changed.detail = "nothing to see"
        let common = [
            "UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 3",
            "UPDATE audit_log SET actor_name = 'Someone Else'",
            "UPDATE audit_log SET seq = seq + 1000 WHERE seq = (SELECT MAX(seq) FROM audit_log)",
            "DELETE FROM audit_log WHERE seq = 2",
            "DELETE FROM audit_log",
            AuditSQL.insert(changed, suffix: "ON CONFLICT (seq) DO UPDATE SET detail = excluded.detail"),
        ]
        switch backend {
        case .sqlite:
            // REPLACE deletes the conflicting row without firing DELETE triggers: the INSERT guard refuses it.
            return common + [
                AuditSQL.insert(changed, verb: "INSERT OR REPLACE INTO"),
                AuditSQL.insert(changed, verb: "REPLACE INTO"),
                AuditSQL.insert(changed, verb: "INSERT OR IGNORE INTO"),
                "UPDATE OR REPLACE audit_log SET seq = 1 WHERE seq = 2",
                "UPDATE OR IGNORE audit_log SET detail = 'x' WHERE seq = 4",
            ]
        case .postgres:
            return common + [
                "TRUNCATE audit_log",
                "TRUNCATE audit_log CASCADE",
                "MERGE INTO audit_log a USING (SELECT 3 AS s) src ON a.seq = src.s "
                    + "WHEN MATCHED THEN UPDATE SET detail = 'nothing to see'",
                "MERGE INTO audit_log a USING (SELECT 3 AS s) src ON a.seq = src.s WHEN MATCHED THEN DELETE",
            ]
        }
    }

    @Test(
        "UPDATE, DELETE, TRUNCATE, REPLACE, upserts and MERGE are refused; every row stays as it was",
        arguments: TestBackend.all)
    func changesAreRefused(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            try await AuditLogTests.mixedActivity(w)
            let before = try await w.env.storedAudit()
            for sql in Self.rewrites(backend, copyOf: before[2]) {
                #expect(await throwsSomething { try await w.env.execute(sql) }, "the database accepted: \(sql)")
            }
            // Inside a store transaction too.
            #expect(
                await throwsSomething {
                    try await w.env.database.transaction { db in
                        try await db.raw("DELETE FROM audit_log WHERE seq = 1").run()
                    }
                })
            #expect(try await w.env.storedAudit() == before)
            #expect(try await w.store.audit.verify() == .intact(entries: before.count))
        }
    }

    @Test(
        "Inserts out of sequence, duplicate, zero, negative, NULL or unkeyed sequence numbers are refused",
        arguments: TestBackend.all)
    func outOfSequenceInsertsAreRefused(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            try await AuditLogTests.mixedActivity(w)
            let before = try await w.env.storedAudit()
            let head = try #require(before.last)
            let next = AuditSQL.entry(after: head) { AuditChain.hash($0, key: testAuditKey)! }
            var statements = [
                AuditSQL.insert(next, seq: String(head.seq + 2)),
                AuditSQL.insert(next, seq: String(head.seq)),
                AuditSQL.insert(next, seq: "1"),
                AuditSQL.insert(next, seq: "0"),
                AuditSQL.insert(next, seq: "-1"),
                AuditSQL.insert(next, seq: "NULL"),
                AuditSQL.insert(next, format: "1"),
                AuditSQL.insert(next, format: "NULL"),
                // The right entry followed by a gap: the whole statement is refused.
                "INSERT INTO audit_log \(AuditSQL.columns) VALUES \(AuditSQL.values(next)), "
                    + AuditSQL.values(next, seq: String(head.seq + 3)),
                // No format at all (SQLite's column default is the unkeyed format; PostgreSQL has none).
                "INSERT INTO audit_log (seq, at, actor_name, action, entity_type, prev_hash, hash) VALUES "
                    + "(\(head.seq + 1), '\(next.at)', 'Forger', 'read', 'person', '\(head.hash)', '\(next.hash)')",
            ]
            if backend == .sqlite {
                statements += [
                    AuditSQL.insert(next, seq: "'abc'"), AuditSQL.insert(next, seq: "\(head.seq).5"),
                    AuditSQL.insert(next, verb: "INSERT OR REPLACE INTO", seq: String(head.seq)),
                ]
            }
            for sql in statements {
                #expect(await throwsSomething { try await w.env.execute(sql) }, "the database accepted: \(sql)")
            }
            #expect(try await w.env.storedAudit() == before)
            #expect(try await w.store.audit.verify() == .intact(entries: before.count))

            // The control: the same statement with the next number and the keyed format is accepted
            // (the database cannot check a seal; the key can, below and in AuditTamperTests).
            try await w.env.execute(AuditSQL.insert(next))
            #expect(try await w.env.storedAudit() == before + [next])
        }
    }

    @Test("On an empty log the first entry must be number 1", arguments: TestBackend.all)
    func firstEntryIsOne(_ backend: TestBackend) async throws {
        try await withFreshStore(backend) { env in
            let first = AuditSQL.entry(after: nil) { AuditChain.hash($0, key: testAuditKey)! }
            for seq in ["2", "0", "-1", "NULL"] {
                #expect(await throwsSomething { try await env.execute(AuditSQL.insert(first, seq: seq)) }, "seq \(seq)")
            }
            #expect(try await env.count("audit_log") == 0)
            try await env.execute(AuditSQL.insert(first))
            #expect(try await env.store.audit.verify() == .intact(entries: 1))
        }
    }
}
