import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// An installation whose log was written before the key existed: migration 3 keeps those entries as
/// they are (format 1, unkeyed) and seals every new one with the key.
@Suite("Upgrading an unkeyed audit log")
struct AuditUpgradeTests {
    /// Writes `count` entries exactly as the build before the key did (no chain_format column yet).
    static func writeUnkeyedEntries(_ count: Int, env: TestEnv) async throws {
        var previous = AuditChain.genesis
        for seq in 1...count {
            let event = env.system.event(.userCreated, "user", entityId: UUID(), detail: "legacy \(seq)")
            var record = AuditRecord(
                event, seq: seq, at: testNow.addingTimeInterval(Double(seq)),
                previousHash: previous, format: AuditChain.unkeyedFormat)
            record.hash = try #require(AuditChain.hash(record, key: testAuditKey))
            previous = record.hash
            try await env.execute(
                """
                INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity_type, entity_id, person_id,
                    ip_address, reason, detail, prev_hash, hash)
                VALUES (\(seq), '\(record.at)', NULL, '\(record.actorName)', '\(record.action)', '\(record.entityType)',
                    '\(record.entityId!)', NULL, '127.0.0.1', NULL, '\(record.detail!)', '\(record.previousHash)',
                    '\(record.hash)')
                """)
        }
    }

    @Test(
        "Old entries stay unkeyed and verify; new ones are keyed; a checkpoint anchors the old part",
        arguments: TestBackend.all)
    func upgradeKeepsHistory(_ backend: TestBackend) async throws {
        try await withFreshStore(backend, migrate: false) { env in
            try await Migrator(database: env.database).migrate(clock: env.clock, upTo: 2)
            try await Self.writeUnkeyedEntries(5, env: env)
            #expect(try await env.store.migrate() == [3] + Migrator.knownVersions.filter { $0 > 3 })

            let old = try await env.storedAudit()
            #expect(old.map(\.format) == Array(repeating: 1, count: 5))
            #expect(try await env.store.audit.verify() == .intact(entries: 5))
            try await env.store.audit.checkKey()

            // The first start after the upgrade writes a checkpoint; new entries are keyed.
            let checkpoint = try await env.store.audit.checkpoint()
            try await env.store.audit.record([env.system.event(.read, "person"), env.system.event(.read, "person")])
            let all = try await env.storedAudit()
            #expect(all.map(\.format) == [1, 1, 1, 1, 1, 2, 2])
            #expect(Array(all.prefix(5)) == old, "the migration changed no old entry")
            #expect(try await env.store.audit.verify(checkpoints: [checkpoint]) == .intact(entries: 7))
            try await env.store.audit.checkKey()

            // An old entry's stored text is covered too.
            try await AuditSQL.dropGuards(env)
            try await env.execute("UPDATE audit_log SET detail = 'legacy 9' WHERE seq = 2")
            try await expectBroken(env.store.audit.verify(checkpoints: [checkpoint]), at: 2, saying: "has been altered")
        }
    }
}
