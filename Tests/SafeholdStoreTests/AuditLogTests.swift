import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("The audit log")
struct AuditLogTests {
    /// A mix of writes, reads, refusals and searches by several actors.
    static func mixedActivity(_ w: World) async throws {
        let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
        let mother = try await w.store.createPerson(
            Synthetic.adult("Maria", "Testchild"), context: w.ctx(w.bob),
            link: NewLink(
                personId: child.id, kind: .mother,
                parentalResponsibility: true, livesTogether: true))
        var details = child.details
        details.givenName = "Amelie"
        _ = try await w.store.updatePerson(child.id, details: details, expectedVersion: 1, context: w.ctx(w.alice))
        _ = try await w.store.openPerson(mother.id, context: w.ctx(w.manager))
        _ = try? await w.store.openPerson(child.id, context: w.ctx(w.carol))
        _ = try await w.store.search(PersonQuery(text: "Testchild"), context: w.ctx(w.officer))
        _ = try await w.store.createSession(
            userId: w.alice.id, secondFactorDone: true, ipAddress: "127.0.0.1",
            context: w.ctx(w.alice))
        try await w.store.signInFailed(w.bob, address: "127.0.0.1", step: "password")
    }

    @Test(
        "verify() is intact after a mix of writes, reads, refusals and searches, counting every entry",
        arguments: TestBackend.all)
    func chainIntactAfterMixedActivity(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            try await Self.mixedActivity(w)
            let count = try await w.env.count("audit_log")
            #expect(count >= 20)
            #expect(try await w.store.audit.verify() == .intact(entries: count))
            // Small pages walk the same chain.
            #expect(try await w.store.audit.verify(pageSize: 3) == .intact(entries: count))
            #expect(try await w.store.audit.verify(pageSize: 1) == .intact(entries: count))

            // Sequence numbers are 1...n with no gaps, each entry pointing at the one before.
            let entries = try await w.store.audit.recent(limit: 1000).reversed()
            #expect(entries.map(\.seq) == Array(1...count))
            #expect(entries.first?.previousHash == AuditChain.genesis)
            for (earlier, later) in zip(entries, entries.dropFirst()) {
                #expect(later.previousHash == earlier.hash)
            }
            let actions = Set(entries.map(\.event.action))
            #expect(
                actions.isSuperset(of: [.create, .update, .read, .denied, .search, .login, .loginFailed, .userCreated]))
        }
    }

    @Test("An empty audit log verifies as intact with no entries", arguments: TestBackend.all)
    func emptyLogIntact(_ backend: TestBackend) async throws {
        try await withFreshStore(backend) { env in
            let result = try await env.store.audit.verify()
            #expect(result == .intact(entries: 0))
        }
    }

    @Test(
        "Group commit: 50 concurrent recordRead calls all complete, make 50 entries, and the chain verifies",
        arguments: TestBackend.all)
    func groupCommitConcurrentReads(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            let before = try await w.env.count("audit_log")
            let readers = [w.alice, w.bob, w.manager]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<50 {
                    let event = w.ctx(readers[i % 3]).event(
                        .read, "person", entityId: child.id, personId: child.id,
                        detail: "concurrent read \(i)")
                    group.addTask { try await w.store.audit.recordRead(event) }
                }
                try await group.waitForAll()
            }
            let after = try await w.env.count("audit_log")
            #expect(after == before + 50)
            let reads = try await w.store.audit.entries(forPerson: child.id).filter { $0.event.action == .read }
            #expect(Set(reads.compactMap(\.event.detail)) == Set((0..<50).map { "concurrent read \($0)" }))
            #expect(try await w.store.audit.verify() == .intact(entries: after))

            // A bigger burst: batches of more than 50 entries are written in chunks.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<150 {
                    let event = w.ctx(readers[i % 3]).event(.read, "person", entityId: child.id, personId: child.id)
                    group.addTask { try await w.store.audit.recordRead(event) }
                }
                try await group.waitForAll()
            }
            let afterBurst = try await w.env.count("audit_log")
            #expect(afterBurst == after + 150)
            #expect(try await w.store.audit.verify() == .intact(entries: afterBurst))

            // Concurrent reads and writes interleave without breaking the chain either.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        if i % 4 == 0 {
                            _ = try await w.store.createPerson(
                                Synthetic.child("Kid\(i)", "Parallel"), context: w.ctx(w.bob))
                        } else {
                            _ = try await w.store.openPerson(child.id, context: w.ctx(readers[i % 3]))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let final = try await w.env.count("audit_log")
            #expect(final == afterBurst + 20)
            #expect(try await w.store.audit.verify() == .intact(entries: final))
        }
    }

    @Test(
        "Two servers (two independent pools) appending at once never fork the chain: seqs stay 1...n",
        arguments: TestBackend.all)
    func twoInstancesShareOneChain(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            let before = try await w.env.count("audit_log")
            let secondDatabase = try Database(w.env.location)
            let second = Store(
                database: secondDatabase, auditKey: testAuditKey, clock: w.env.clock,
                ids: SequentialIdGenerator())
            let tasksPerServer = 60
            let outcome: Result<Void, any Error>
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for i in 0..<(2 * tasksPerServer) {
                        let store = i % 2 == 0 ? w.store : second
                        group.addTask {
                            let read = w.ctx(w.bob).event(
                                .read, "person", entityId: child.id, personId: child.id,
                                detail: "read \(i)")
                            if i % 3 == 0 {
                                try await store.audit.record([
                                    w.env.system.event(.grant, "cli", detail: "one \(i)"),
                                    w.env.system.event(.grant, "cli", detail: "two \(i)"),
                                ])
                            } else {
                                try await store.audit.recordRead(read)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            await secondDatabase.shutdown()
            // Every append succeeded: none was refused as a duplicate sequence number.
            try outcome.get()
            let after = try await w.env.count("audit_log")
            // Each task wrote one entry, except the two-entry batches (a third of them).
            #expect(after == before + 2 * tasksPerServer + 2 * tasksPerServer / 3)
            let stored = try await w.env.storedAudit()
            #expect(stored.map(\.seq) == Array(1...after))
            #expect(zip(stored, stored.dropFirst()).allSatisfy { $0.hash == $1.previousHash })
            #expect(try await w.store.audit.verify() == .intact(entries: after))
        }
    }

    @Test(
        "Entries keep millisecond times and verify at any date (including after 19 January 2038)",
        arguments: TestBackend.all)
    func chainVerifiesWithMillisecondTimes(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let instants = [
                "2026-11-24T09:00:00.001Z", "2026-11-24T09:00:00.123Z", "2026-11-24T23:59:59.999Z",
                "2031-07-04T12:34:56.789Z", "2038-01-19T03:14:08.001Z", "2038-05-13T16:13:47.746Z",
                "2038-06-14T13:45:08.937Z", "2045-03-01T00:00:00.500Z",
            ]
            for text in instants {
                let instant = try #require(Timestamp.date(text))
                w.env.clock.set(instant)
                try await w.store.audit.record([w.env.system.event(.login, "session", detail: text)])
                let newest = try #require(try await w.store.audit.recent(limit: 1).first)
                #expect(Timestamp.string(newest.at) == text, "the stored time of '\(text)' reads back differently")
            }
            let count = try await w.env.count("audit_log")
            #expect(try await w.store.audit.verify() == .intact(entries: count))
        }
    }
}
