import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// The one path to a record (`Store.act`): every child concerned is audited, a caller who may not
/// see a record gets the same answer whether or not it exists, and ids in a path must belong together.
@Suite("One path to a record")
struct RecordPathTests {
    func denials(_ w: World, by user: User, of person: UUID) async throws -> [AuditEntry] {
        try await w.store.audit.entries(forPerson: person).filter {
            $0.event.action == .denied && $0.event.actorId == user.id
        }
    }

    @Test(
        "A contact about three children: a refusal and a read are each audited against all three",
        arguments: TestBackend.all)
    func contactAboutThreeChildren(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            var children: [UUID] = []
            for name in ["Ann", "Ben", "Cat"] {
                children.append(
                    try await w.store.createPerson(Synthetic.child(name, "Threeway"), context: w.ctx(w.alice)).id)
            }
            let contact = try await w.store.recordContact(
                ContactDraft(
                    receivedAt: testNow, source: .schools, referrerName: "Teacher", referrerAgency: nil,
                    childIds: children, concern: "All three arrive hungry."), context: w.ctx(w.alice))
            await expectRefusal(.notFound) { try await w.store.contact(contact.id, context: w.ctx(w.carol)) }
            for child in children {
                #expect(try await denials(w, by: w.carol, of: child).count == 1)
            }
            _ = try await w.store.contact(contact.id, context: w.ctx(w.bob))
            for child in children {
                let reads = try await w.store.audit.entries(forPerson: child)
                    .filter {
                        $0.event.action == .read && $0.event.actorId == w.bob.id && $0.event.entityId == contact.id
                    }
                #expect(reads.count == 1)
            }
        }
    }

    @Test(
        "An id that exists but may not be seen and an id that does not exist get the same refusal, both audited",
        arguments: TestBackend.all)
    func sameAnswerWhetherOrNotItExists(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Hidden", "Probe"), context: w.ctx(w.alice))
            let real = await expectRefusal(.notFound) {
                try await w.store.openPerson(child.id, context: w.ctx(w.carol))
            }
            let missing = UUID()
            let made = await expectRefusal(.notFound) { try await w.store.openPerson(missing, context: w.ctx(w.carol)) }
            #expect(real == made)
            #expect(real?.message == AccessPolicy.noVisibleRecord)
            #expect(try await denials(w, by: w.carol, of: child.id).count == 1)
            let probe = try await w.env.recentAudit(1).first
            #expect(probe?.event.action == .denied && probe?.event.entityId == missing && probe?.event.personId == nil)
            for call in [
                { try await w.store.chronology(of: child.id, context: w.ctx(w.carol)) as Any },
                { try await w.store.episodes(of: child.id, context: w.ctx(w.carol)) as Any },
                { try await w.store.chronology(of: UUID(), context: w.ctx(w.carol)) as Any },
            ] {
                let error = await expectRefusal(.notFound) { try await call() }
                #expect(error?.message == AccessPolicy.noVisibleRecord)
            }
        }
    }

    @Test("A colleague who may see but not edit is told why (403); the refusal is audited", arguments: TestBackend.all)
    func seeButNotEditIsForbidden(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Rae", "Readonly"), context: w.ctx(w.carol))
            try await w.env.execute(
                """
                INSERT INTO access_grants (id, person_id, user_id, can_edit, reason, granted_at)
                VALUES ('\(UUID().uuidString)', '\(child.id.uuidString)', '\(w.alice.id.uuidString)', 0, 'consultation',
                        '\(Timestamp.string(testNow))')
                """)
            _ = try await w.store.openPerson(child.id, context: w.ctx(w.alice))
            let before = try await w.env.footprint()
            await expectRefusal(.forbidden) {
                try await w.store.addNote(
                    to: child.id,
                    CaseNoteDraft(
                        notedOn: Synthetic.today, kind: .observation, significant: false,
                        body: "x"), context: w.ctx(w.alice))
            }
            #expect(try await w.env.footprint()["persons"] == before["persons"])
            #expect(try await w.env.count("case_notes") == 0)
            #expect(try await denials(w, by: w.alice, of: child.id).count == 1)
        }
    }

    @Test(
        "The access log pages through every entry and names each actor's username, role and agency",
        arguments: TestBackend.all)
    func accessLogPagesThroughEverything(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Lia", "Logged"), context: w.ctx(w.alice))
            for _ in 0..<230 { _ = try await w.store.openPerson(child.id, context: w.ctx(w.bob)) }
            let total = try await w.store.audit.entries(forPerson: child.id, limit: 1000).count
            #expect(total >= 231)
            var seen: [Int] = []
            var before: Int?
            repeat {
                let page = try await w.store.accessLog(of: child.id, before: before, limit: 100, context: w.ctx(w.dpo))
                seen += page.lines.map(\.entry.seq)
                before = page.olderThan
                if let bobLine = page.lines.first(where: { $0.entry.event.actorId == w.bob.id }) {
                    #expect(
                        bobLine.username == "bob" && bobLine.role == .socialWorker && bobLine.agency == w.council.name)
                }
            } while before != nil
            #expect(seen.count == total)
            #expect(seen == seen.sorted(by: >))
            #expect(Set(seen).count == seen.count)
        }
    }

    @Test(
        "A step or plan action that is not on the episode in the path is not found, and nothing is written",
        arguments: TestBackend.all)
    func pathIdsMustBelongTogether(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let first = try await PipelineFixture.episodeWithPlan(w, name: "First")
            let second = try await PipelineFixture.episodeWithPlan(w, name: "Second")
            let before = try await w.env.footprint()
            let steps = try await w.env.count("episode_steps")
            await expectRefusal(.notFound) {
                try await w.store.authoriseStep(
                    first.plan, episode: second.episode, comment: "ok", context: w.ctx(w.manager))
            }
            await expectRefusal(.notFound) {
                try await w.store.updatePlanAction(
                    first.action, episode: second.episode, status: .done, expectedVersion: 1,
                    context: w.ctx(w.alice))
            }
            await expectRefusal(.notFound) {
                try await w.store.addAnalysis(to: first.plan, of: second.child, body: "x", context: w.ctx(w.alice))
            }
            #expect(try await w.env.count("episode_steps") == steps)
            #expect(try await w.env.count("chronology_analysis") == 0)
            let after = try await w.env.footprint()
            #expect(before.filter { $0.key != "audit_log" } == after.filter { $0.key != "audit_log" })
            let loaded = try #require(try await w.store.episodes(of: first.child, context: w.ctx(w.alice)).first)
            #expect(loaded.actions.map(\.status) == [.notStarted])
            #expect(loaded.steps.allSatisfy { !$0.isAuthorised })
        }
    }
}
