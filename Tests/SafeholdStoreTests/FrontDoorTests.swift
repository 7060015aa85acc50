import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// The front door sees a child only while a contact about them awaits its decision, and never decides
/// a contact it recorded; managers never authorise a step they recorded.
@Suite("The front door and four eyes")
struct FrontDoorTests {
    func allocations(_ w: World, _ person: UUID) async throws -> Int {
        try await w.store.database.withConnection { db in
            try await db.raw(
                """
                SELECT COUNT(*) AS n FROM allocations WHERE person_id = \(bind: person.uuidString) AND ended_at IS NULL
                """
            ).first()!.decode(column: "n", as: Int.self)
        }
    }

    @Test(
        "A child the front door records is not allocated to it; it sees the child only until the contact is decided",
        arguments: TestBackend.all)
    func frontDoorSeesOnlyWhileAContactAwaits(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let door = try await PipelineFixture.frontDoor(w, "One")
            let colleague = try await w.env.createUser(
                "door.two", "Dan Door", role: .frontDoor, agency: w.council,
                team: try await w.env.createTeam("MASH Two", in: w.council))
            let child = try await w.store.createPerson(Synthetic.child("Fay", "Frontdoor"), context: w.ctx(door))
            #expect(try await allocations(w, child.id) == 0)
            await expectRefusal(.notFound) { try await w.store.openPerson(child.id, context: w.ctx(door)) }
            let contact = try await w.store.recordContact(
                ContactDraft(
                    receivedAt: testNow, source: .schools, referrerName: "Teacher", referrerAgency: nil,
                    childIds: [child.id], concern: "Bruise."), context: w.ctx(door))
            _ = try await w.store.openPerson(child.id, context: w.ctx(door))
            #expect(try await w.store.contactsAwaitingDecision(context: w.ctx(door)).map(\.id) == [contact.id])
            // Four eyes: the worker who recorded the contact may not decide it.
            let nfa = TriageDraft(
                decision: .noFurtherAction, reason: "Explained", urgency: .green, referrerInformedOn: nil)
            let before = try await w.env.footprint()
            let own = await expectRefusal(.forbidden) {
                try await w.store.triage(contact.id, nfa, expectedVersion: 1, context: w.ctx(door))
            }
            #expect(own?.message.contains("You recorded this contact") == true)
            #expect(
                try await w.env.footprint().filter { $0.key != "audit_log" } == before.filter { $0.key != "audit_log" })
            #expect(try await w.store.contact(contact.id, context: w.ctx(door)).triage == nil)
            _ = try await w.store.triage(contact.id, nfa, expectedVersion: 1, context: w.ctx(colleague))
            await expectRefusal(.notFound) { try await w.store.openPerson(child.id, context: w.ctx(door)) }
            await expectRefusal(.notFound) { try await w.store.openPerson(child.id, context: w.ctx(colleague)) }
            await expectRefusal(.notFound) { try await w.store.contact(contact.id, context: w.ctx(door)) }
            #expect(try await allocations(w, child.id) == 0)
        }
    }

    @Test(
        "An episode-opening decision names the team that will hold an unheld child, never the front door's",
        arguments: TestBackend.all)
    func episodeNeedsAHolder(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let door = try await PipelineFixture.frontDoor(w, "One")
            let colleague = try await PipelineFixture.frontDoor(w, "Two")
            let child = try await w.store.createPerson(Synthetic.child("Gus", "Unheld"), context: w.ctx(door))
            let contact = try await w.store.recordContact(
                ContactDraft(
                    receivedAt: testNow, source: .police, referrerName: "PC", referrerAgency: nil,
                    childIds: [child.id], concern: "Incident."), context: w.ctx(door))
            var assess = TriageDraft(decision: .assessment, reason: "Assess", urgency: .amber, referrerInformedOn: nil)
            let before = try await w.env.footprint()
            let unheld = await expectRefusal(.invalid) {
                try await w.store.triage(contact.id, assess, expectedVersion: 1, context: w.ctx(colleague))
            }
            #expect(unheld?.fields == ["allocateTo"])
            assess.allocateTo = colleague.teamId
            let toDoor = await expectRefusal(.invalid) {
                try await w.store.triage(contact.id, assess, expectedVersion: 1, context: w.ctx(colleague))
            }
            #expect(toDoor?.fields == ["allocateTo"])
            #expect(try await w.env.count("episodes") == 0)
            #expect(
                try await w.env.footprint().filter { $0.key != "audit_log" } == before.filter { $0.key != "audit_log" })
            assess.allocateTo = w.teamA.id
            _ = try await w.store.triage(contact.id, assess, expectedVersion: 1, context: w.ctx(colleague))
            #expect(try await w.store.episodes(of: child.id, context: w.ctx(w.bob)).count == 1)
            #expect(try await allocations(w, child.id) == 1)
            await expectRefusal(.notFound) { try await w.store.openPerson(child.id, context: w.ctx(door)) }
            await expectRefusal(.notFound) { try await w.store.openPerson(child.id, context: w.ctx(colleague)) }
        }
    }

    @Test("The decision ends front-door allocations made before this rule", arguments: TestBackend.all)
    func decisionEndsOldFrontDoorAllocations(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let door = try await PipelineFixture.frontDoor(w, "One")
            let child = try await w.store.createPerson(Synthetic.child("Old", "Allocation"), context: w.ctx(w.alice))
            try await w.env.execute(
                """
                INSERT INTO allocations (id, person_id, team_id, worker_id, started_at)
                VALUES ('\(UUID().uuidString)', '\(child.id.uuidString)', \
                '\(door.teamId!.uuidString)', '\(door.id.uuidString)',
                        '\(Timestamp.string(testNow))')
                """)
            let contact = try await w.store.recordContact(
                ContactDraft(
                    receivedAt: testNow, source: .police, referrerName: "PC", referrerAgency: nil,
                    childIds: [child.id], concern: "Incident."), context: w.ctx(w.alice))
            _ = try await w.store.triage(
                contact.id,
                TriageDraft(
                    decision: .earlyHelp, reason: "Early help", urgency: .green,
                    referrerInformedOn: nil), expectedVersion: 1, context: w.ctx(door))
            await expectRefusal(.notFound) { try await w.store.openPerson(child.id, context: w.ctx(door)) }
            #expect(try await allocations(w, child.id) == 1, "team A's allocation stays")
        }
    }

    @Test(
        "The contacts list shows a contact only when every child on it is visible, and audits each child shown",
        arguments: TestBackend.all)
    func contactsListFollowsTheContactPage(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let mine = try await w.store.createPerson(Synthetic.child("Mia", "Mine"), context: w.ctx(w.alice))
            let theirs = try await w.store.createPerson(Synthetic.child("Tia", "Theirs"), context: w.ctx(w.carol))
            let both = try await w.store.recordContact(
                ContactDraft(
                    receivedAt: testNow, source: .schools, referrerName: "T", referrerAgency: nil,
                    childIds: [mine.id, theirs.id], concern: "Cousins."), context: w.ctx(w.alice))
            let one = try await w.store.recordContact(
                ContactDraft(
                    receivedAt: testNow, source: .schools, referrerName: "T", referrerAgency: nil,
                    childIds: [mine.id], concern: "Alone."), context: w.ctx(w.alice))
            let listed = try await w.store.contactsAwaitingDecision(context: w.ctx(w.bob))
            #expect(listed.map(\.id) == [one.id])
            await expectRefusal(.notFound) { try await w.store.contact(both.id, context: w.ctx(w.bob)) }
            let reads = try await w.store.audit.entries(forPerson: mine.id)
                .filter { $0.event.actorId == w.bob.id && $0.event.entityType == "contacts" }
            #expect(reads.count == 1)
            let theirReads = try await w.store.audit.entries(forPerson: theirs.id)
                .filter { $0.event.actorId == w.bob.id && $0.event.action == .read }
            #expect(theirReads.isEmpty)
        }
    }

    @Test("A manager cannot authorise a step they recorded; another manager can", arguments: TestBackend.all)
    func managerCannotAuthoriseOwnStep(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let (child, _, episode) = try await PipelineFixture.episode(w, name: "Own")
            let second = try await w.env.createUser(
                "mo.manager", "Mo Manager", role: .teamManager, agency: w.council, team: w.teamA)
            let started = try await w.store.recordStep(
                .assessmentStarted(on: Synthetic.today), episode: episode,
                expectedSteps: 0, context: w.ctx(w.manager))
            let completed = try await w.store.recordStep(
                .assessmentCompleted(
                    assessment: started.id, on: Synthetic.today, factors: ["21"], childSeen: true,
                    developmentalNeeds: "ok", parentingCapacity: "ok", familyAndEnvironment: "ok",
                    outcome: "No further action"),
                episode: episode, expectedSteps: 1, context: w.ctx(w.manager))
            let own = await expectRefusal(.forbidden) {
                try await w.store.authoriseStep(
                    completed.id, episode: episode, comment: "Agreed", context: w.ctx(w.manager))
            }
            #expect(own?.message.contains("You recorded this step") == true)
            let loaded = try #require(try await w.store.episodes(of: child, context: w.ctx(w.alice)).first)
            #expect(loaded.steps.allSatisfy { !$0.isAuthorised })
            let denied = try await w.store.audit.entries(forPerson: child)
                .filter { $0.event.action == .denied && $0.event.actorId == w.manager.id }
            #expect(denied.count == 1)
            try await w.store.authoriseStep(completed.id, episode: episode, comment: "Agreed", context: w.ctx(second))
            let after = try #require(try await w.store.episodes(of: child, context: w.ctx(w.alice)).first)
            #expect(after.steps.first { $0.id == completed.id }?.isAuthorised == true)
        }
    }
}
