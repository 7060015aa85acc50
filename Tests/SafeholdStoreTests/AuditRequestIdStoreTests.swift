import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// The HTTP request id on audit entries (migration 22): kept with each entry a request leaves, sealed with it,
/// and absent (not an empty text) on entries of the system and of older builds, which still verify.
@Suite struct AuditRequestIdStoreTests {
    @Test("A read and a write keep the request id on their entries; the chain verifies", arguments: TestBackend.all)
    func entriesKeepTheRequestId(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let before = try await w.env.storedAudit().count
            let writing = AuditContext(actor: w.alice.actor, ipAddress: "127.0.0.1", requestId: "write-req-1")
            let child = try await w.store.createPerson(Synthetic.child("Ivy", "Testfield"), context: writing)
            let reading = AuditContext(actor: w.alice.actor, ipAddress: "127.0.0.1", requestId: "read-req-2")
            _ = try await w.store.openPerson(child.id, context: reading)

            let new = Array(try await w.env.storedAudit().dropFirst(before))
            #expect(new.contains { $0.requestId == "write-req-1" && $0.personId == child.id.uuidString })
            #expect(new.contains { $0.requestId == "read-req-2" && $0.action == "read" })
            #expect(new.allSatisfy { $0.requestId != nil }, "every entry of both requests carries its id")
            let setUp = try await w.env.storedAudit().prefix(before)
            #expect(setUp.allSatisfy { $0.requestId == nil }, "the set-up ran outside any request")
            #expect(try await w.store.audit.verify() == .intact(entries: before + new.count))
            #expect(try await w.store.audit.entries(forPerson: child.id).allSatisfy { $0.event.requestId != nil })
        }
    }

    @Test("Changing, removing or adding a request id breaks the entry's seal", arguments: TestBackend.all)
    func aRequestIdIsSealed(_ backend: TestBackend) async throws {
        for tampering in [
            "UPDATE audit_log SET request_id = 'someone-else' WHERE request_id = 'req-a'",
            "UPDATE audit_log SET request_id = NULL WHERE request_id = 'req-a'",
            "UPDATE audit_log SET request_id = 'req-forged' WHERE seq = (SELECT MIN(seq) FROM audit_log)",
        ] {
            try await withWorld(backend) { w in
                let context = AuditContext(actor: w.alice.actor, ipAddress: nil, requestId: "req-a")
                _ = try await w.store.createPerson(Synthetic.child("Ivy", "Testfield"), context: context)
                #expect(try await w.store.audit.verify() == .intact(entries: try await w.env.storedAudit().count))
                let first = try await w.env.storedAudit()
                let tamperedSeq = try #require(
                    tampering.contains("MIN(seq)") ? first.first?.seq : first.first { $0.requestId == "req-a" }?.seq)
                try await AuditSQL.dropGuards(w.env)
                try await w.env.execute(tampering)
                try await expectBroken(w.store.audit.verify(), at: tamperedSeq, saying: "altered")
            }
        }
    }
}
