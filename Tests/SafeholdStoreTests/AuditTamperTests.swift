import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Ways to change a stored log, each tried in its own fresh database by someone who owns it (and so
/// can remove the guards first, on SQLite by writing the file).
enum Tampering: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case editDetail, deleteMiddleRow, swapActorNames, lowerCaseAnId, forgeUnkeyedHash, forgeWithAnotherKey,
        appendUnkeyedFormat, strayRowOutsideTheChain

    var testDescription: String { rawValue }
}

struct TamperCase: Sendable, CustomTestStringConvertible {
    let backend: TestBackend
    let tampering: Tampering
    var testDescription: String { "\(tampering) on \(backend)" }

    static var all: [TamperCase] {
        TestBackend.all.flatMap { backend in Tampering.allCases.map { TamperCase(backend: backend, tampering: $0) } }
    }
}

@Suite("Tampering with the audit log")
struct AuditTamperTests {
    static let otherKey = AuditKey(bytes: Array(repeating: UInt8(8), count: 32))!

    @Test("Every change to the stored log is found at the right entry", arguments: TamperCase.all)
    func tamperingIsDetected(_ tamper: TamperCase) async throws {
        try await withWorld(tamper.backend) { w in
            try await AuditLogTests.mixedActivity(w)
            let records = try await w.env.storedAudit()
            let count = records.count, middle = count / 2
            #expect(try await w.store.audit.verify() == .intact(entries: count))
            // A forged next entry passes the database's guards (only the key can tell); the rest need them gone.
            if ![.forgeUnkeyedHash, .forgeWithAnotherKey].contains(tamper.tampering) {
                try await AuditSQL.dropGuards(w.env)
            }

            let expected: (seq: Int, words: String)
            switch tamper.tampering {
            case .editDetail:
                try await w.env.execute("UPDATE audit_log SET detail = 'changed: nothing' WHERE seq = \(middle)")
                expected = (middle, "has been altered")
            case .deleteMiddleRow:
                try await w.env.execute("DELETE FROM audit_log WHERE seq = \(middle)")
                expected = (middle + 1, "entry \(middle) is missing")
            case .swapActorNames:
                let first = try #require(records.first { $0.actorName == "Alice Example" && $0.seq > 1 })
                let second = try #require(records.first { $0.seq > first.seq && $0.actorName == "Bob Example" })
                try await w.env.execute("UPDATE audit_log SET actor_name = 'Bob Example' WHERE seq = \(first.seq)")
                try await w.env.execute("UPDATE audit_log SET actor_name = 'Alice Example' WHERE seq = \(second.seq)")
                expected = (first.seq, "has been altered")
            case .lowerCaseAnId:
                // The id parses to the same UUID; only the stored bytes differ.
                let target = try #require(records.first { ($0.entityId ?? "").contains(where: \.isLetter) })
                try await w.env.execute("UPDATE audit_log SET entity_id = lower(entity_id) WHERE seq = \(target.seq)")
                expected = (target.seq, "has been altered")
            case .forgeUnkeyedHash, .forgeWithAnotherKey:
                let forged = AuditSQL.entry(after: records.last) { record in
                    tamper.tampering == .forgeWithAnotherKey
                        ? AuditChain.hash(record, key: Self.otherKey)!
                        : AuditChain.hash(
                            AuditRecord(
                                seq: record.seq, at: record.at, actorId: record.actorId,
                                actorName: record.actorName, action: record.action,
                                entityType: record.entityType, entityId: record.entityId,
                                personId: record.personId, ipAddress: record.ipAddress,
                                reason: record.reason, detail: record.detail,
                                previousHash: record.previousHash, hash: "", format: 1),
                            key: testAuditKey)!
                }
                try await w.env.execute(AuditSQL.insert(forged))
                expected = (count + 1, "has been altered")
            case .appendUnkeyedFormat:
                var forged = AuditSQL.entry(after: records.last) { _ in "" }
                forged.format = AuditChain.unkeyedFormat
                forged.hash = AuditChain.hash(forged, key: testAuditKey)!
                try await w.env.execute(AuditSQL.insert(forged))
                expected = (count + 1, "is unkeyed but follows keyed entries")
            case .strayRowOutsideTheChain:
                let stray = AuditSQL.entry(after: records.last) { AuditChain.hash($0, key: testAuditKey)! }
                try await w.env.execute(AuditSQL.insert(stray, seq: tamper.backend == .sqlite ? "NULL" : "-5"))
                expected = (0, "is outside the chain")
            }

            try await expectBroken(w.store.audit.verify(), at: expected.seq, saying: expected.words)
            // Paging does not hide it.
            try await expectBroken(w.store.audit.verify(pageSize: 4), at: expected.seq, saying: expected.words)
        }
    }

    @Test(
        "Removing the newest entries after a checkpoint is found; the checkpoint folder is outside the database",
        arguments: TestBackend.all)
    func truncationAfterCheckpoint(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let folder = w.env.checkpointFolder()
            defer { try? FileManager.default.removeItem(atPath: folder.path) }
            try await AuditLogTests.mixedActivity(w)
            let checkpoint = try await w.store.audit.checkpoint()
            try folder.write(checkpoint)
            let count = try await w.env.count("audit_log")
            #expect(checkpoint.seq == count)
            #expect(try await w.store.audit.verify(checkpoints: folder.load()) == .intact(entries: count))

            // Later entries may follow the checkpoint.
            try await w.store.audit.record([w.env.system.event(.read, "person"), w.env.system.event(.read, "person")])
            #expect(try await w.store.audit.verify(checkpoints: folder.load()) == .intact(entries: count + 2))

            // The owner removes the guards and the newest four entries: the chain alone still holds...
            try await AuditSQL.dropGuards(w.env)
            try await w.env.execute("DELETE FROM audit_log WHERE seq > \(count - 2)")
            #expect(try await w.store.audit.verify() == .intact(entries: count - 2))
            // ...but the checkpoint records entry `count`.
            try await expectBroken(
                w.store.audit.verify(checkpoints: folder.load()), at: count - 1,
                saying: "records entry \(count): the newest entries were removed")
        }
    }

    @Test(
        "A wrong key is named: by the checkpoints' key id, or at entry 1 without them; a server refuses it",
        arguments: TestBackend.all)
    func wrongKey(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            try await AuditLogTests.mixedActivity(w)
            let checkpoint = try await w.store.audit.checkpoint()
            let wrong = Store(database: w.env.database, auditKey: Self.otherKey, clock: w.env.clock)
            try await expectBroken(wrong.audit.verify(), at: 1, saying: "entry 1 has been altered")
            try await expectBroken(
                wrong.audit.verify(checkpoints: [checkpoint]), at: checkpoint.seq,
                saying: "signed by key \(testAuditKey.id), not by the key given (\(Self.otherKey.id))")
            #expect(await throwsSomething { try await wrong.audit.checkKey() })
            try await w.store.audit.checkKey()

            // A forged checkpoint (made without the key) is refused as such.
            let forged = AuditCheckpoint(
                seq: checkpoint.seq - 3, head: checkpoint.head, at: checkpoint.at,
                keyId: checkpoint.keyId, signature: checkpoint.signature)
            try await expectBroken(
                w.store.audit.verify(checkpoints: [checkpoint, forged]), at: forged.seq,
                saying: "does not carry a valid signature")
        }
    }
}
