import Foundation
import SafeholdCore
import SafeholdStore
import SQLKit
import Testing

/// Ways to tamper with a stored audit log, each tried in its own fresh database.
enum Tampering: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case editDetail, deleteMiddleRow, appendForgedRow, swapActorNames

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

@Suite("The audit log")
struct AuditLogTests {
    /// A mix of writes, reads, refusals and searches by several actors.
    static func mixedActivity(_ w: World) async throws {
        let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
        let mother = try await w.store.createPerson(Synthetic.adult("Maria", "Testchild"), context: w.ctx(w.bob),
                                                    link: NewLink(personId: child.id, kind: .mother,
                                                                  parentalResponsibility: true, livesTogether: true))
        var details = child.details
        details.givenName = "Amelie"
        _ = try await w.store.updatePerson(child.id, details: details, expectedVersion: 1, context: w.ctx(w.alice))
        _ = try await w.store.openPerson(mother.id, context: w.ctx(w.manager))
        _ = try? await w.store.openPerson(child.id, context: w.ctx(w.carol))
        _ = try await w.store.search(PersonQuery(text: "Testchild"), context: w.ctx(w.officer))
        _ = try await w.store.createSession(userId: w.alice.id, secondFactorDone: true, ipAddress: "127.0.0.1",
                                            context: w.ctx(w.alice))
        try await w.store.recordFailedLogin(w.bob.id, lockAfter: 5, lockFor: 900, ipAddress: "127.0.0.1")
    }

    @Test("verify() is intact after a mix of writes, reads, refusals and searches, counting every entry",
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
            #expect(actions.isSuperset(of: [.create, .update, .read, .denied, .search, .login, .loginFailed, .userCreated]))
        }
    }

    @Test("An empty audit log verifies as intact with no entries", arguments: TestBackend.all)
    func emptyLogIntact(_ backend: TestBackend) async throws {
        try await withFreshStore(backend) { env in
            let result = try await env.store.audit.verify()
            #expect(result == .intact(entries: 0))
        }
    }

    @Test("The database refuses UPDATE and DELETE on audit_log; rows stay unchanged", arguments: TestBackend.all)
    func databaseRefusesUpdateAndDelete(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            try await Self.mixedActivity(w)
            let before = try await w.store.audit.recent(limit: 1000)
            let statements = [
                "UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 3",
                "UPDATE audit_log SET actor_name = 'Someone Else'",
                "DELETE FROM audit_log WHERE seq = 2",
                "DELETE FROM audit_log",
            ] + (backend == .postgres ? ["TRUNCATE audit_log"] : [])
            for sql in statements {
                #expect(await throwsSomething { try await w.env.execute(sql) }, "the database accepted: \(sql)")
            }
            // Inside a store transaction too.
            #expect(await throwsSomething {
                try await w.env.database.transaction { db in
                    try await db.raw("DELETE FROM audit_log WHERE seq = 1").run()
                }
            })
            #expect(try await w.store.audit.recent(limit: 1000) == before)
            #expect(try await w.store.audit.verify() == .intact(entries: before.count))
        }
    }

    @Test("Tampering with the stored log is found at the right entry", arguments: TamperCase.all)
    func tamperingIsDetected(_ tamper: TamperCase) async throws {
        try await withWorld(tamper.backend) { w in
            try await Self.mixedActivity(w)
            let entries = Array(try await w.store.audit.recent(limit: 1000).reversed())
            let count = entries.count
            #expect(try await w.store.audit.verify() == .intact(entries: count))
            let middle = count / 2

            // Someone with the database's own rights removes the guards first.
            switch tamper.backend {
            case .sqlite:
                try await w.env.execute("DROP TRIGGER audit_log_no_update")
                try await w.env.execute("DROP TRIGGER audit_log_no_delete")
            case .postgres:
                try await w.env.execute("DROP TRIGGER audit_log_no_update ON audit_log")
            }

            let expectedSeq: Int
            let expectedReason: String
            switch tamper.tampering {
            case .editDetail:
                try await w.env.execute("UPDATE audit_log SET detail = 'changed: nothing' WHERE seq = \(middle)")
                expectedSeq = middle
                expectedReason = "altered"
            case .deleteMiddleRow:
                try await w.env.execute("DELETE FROM audit_log WHERE seq = \(middle)")
                // The gap shows at the first entry after it, which names the missing one.
                expectedSeq = middle + 1
                expectedReason = "entry \(middle) is missing"
            case .appendForgedRow:
                // A well-formed entry whose own hash is right but which does not follow the last one.
                let forged = AuditEvent(actorId: w.alice.id, actorName: "Alice Example", action: .read,
                                        entityType: "person", ipAddress: "127.0.0.1")
                let seq = count + 1
                let wrongPrevious = String(repeating: "a", count: 64)
                let hash = AuditChain.hash(forged, seq: seq, at: testNow, previousHash: wrongPrevious)
                try await w.env.database.withConnection { db in
                    try await db.raw("""
                        INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity_type, entity_id, person_id,
                            ip_address, reason, detail, prev_hash, hash)
                        VALUES (\(bind: seq), \(bind: Timestamp.string(testNow)), \(bind: w.alice.id.uuidString),
                            'Alice Example', 'read', 'person', NULL, NULL, '127.0.0.1', NULL, NULL,
                            \(bind: wrongPrevious), \(bind: hash))
                        """).run()
                }
                expectedSeq = seq
                expectedReason = "does not follow"
            case .swapActorNames:
                let first = try #require(entries.first { $0.event.actorName == "Alice Example" && $0.seq > 1 })
                let second = try #require(entries.first { $0.seq > first.seq && $0.event.actorName == "Bob Example" })
                try await w.env.execute("UPDATE audit_log SET actor_name = 'Bob Example' WHERE seq = \(first.seq)")
                try await w.env.execute("UPDATE audit_log SET actor_name = 'Alice Example' WHERE seq = \(second.seq)")
                expectedSeq = first.seq
                expectedReason = "altered"
            }

            let result = try await w.store.audit.verify()
            guard case .broken(let atSeq, let reason) = result else {
                Issue.record("tampering (\(tamper.tampering)) went unnoticed: \(result)")
                return
            }
            #expect(atSeq == expectedSeq, "\(reason)")
            #expect(reason.contains(expectedReason), "\(reason)")
            // Paging does not hide it.
            if case .broken(let pagedSeq, _) = try await w.store.audit.verify(pageSize: 4) {
                #expect(pagedSeq == expectedSeq)
            } else {
                Issue.record("paged verify missed the tampering")
            }
        }
    }

    @Test("A row whose stored action is unknown breaks the chain at that row", arguments: TestBackend.all)
    func unreadableRowIsBroken(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            switch backend {
            case .sqlite: try await w.env.execute("DROP TRIGGER audit_log_no_update")
            case .postgres: try await w.env.execute("DROP TRIGGER audit_log_no_update ON audit_log")
            }
            try await w.env.execute("UPDATE audit_log SET action = 'teleport' WHERE seq = 4")
            guard case .broken(let seq, _) = try await w.store.audit.verify() else {
                Issue.record("an unreadable row went unnoticed")
                return
            }
            #expect(seq == 4)
        }
    }

    @Test("Group commit: 50 concurrent recordRead calls all complete, make 50 entries, and the chain verifies",
          arguments: TestBackend.all)
    func groupCommitConcurrentReads(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            let before = try await w.env.count("audit_log")
            let readers = [w.alice, w.bob, w.manager]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<50 {
                    let event = w.ctx(readers[i % 3]).event(.read, "person", entityId: child.id, personId: child.id,
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
                            _ = try await w.store.createPerson(Synthetic.child("Kid\(i)", "Parallel"), context: w.ctx(w.bob))
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

    @Test("Two store instances on one database (a server and the CLI) writing at once keep one unbroken chain",
          arguments: TestBackend.all)
    func twoInstancesShareOneChain(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            let before = try await w.env.count("audit_log")
            let secondDatabase = try Database(w.env.location)
            let second = Store(database: secondDatabase, clock: w.env.clock, ids: SequentialIdGenerator())
            let outcome: Result<Void, any Error>
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for i in 0..<30 {
                        let store = i % 2 == 0 ? w.store : second
                        group.addTask {
                            switch i % 3 {
                            case 0: _ = try await store.openPerson(child.id, context: w.ctx(w.bob))
                            case 1: try await store.audit.record([w.env.system.event(.grant, "cli", detail: "step \(i)")])
                            default: _ = try await store.search(PersonQuery(text: "Testchild"), context: w.ctx(w.alice))
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
            try outcome.get()
            let after = try await w.env.count("audit_log")
            #expect(after == before + 30)
            #expect(try await w.store.audit.verify() == .intact(entries: after))
        }
    }

    @Test("Entries keep millisecond times and verify at any date (including after 19 January 2038)",
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
