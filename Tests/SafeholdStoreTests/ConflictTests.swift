import Foundation
import SafeholdCore
import Testing

@testable import SafeholdStore

/// Concurrent writes to the same thing are 409s a worker understands, never a database error; corrupt
/// stored values are errors, never quiet defaults.
@Suite("Conflicts and corrupt values")
struct ConflictTests {
    /// Runs `body` `count` times at once and sorts the outcomes into successes and refusals.
    func race<T: Sendable>(
        _ count: Int, _ body: @escaping @Sendable (Int) async throws -> T
    ) async -> [Result<T, any Error>] {
        await withTaskGroup(of: Result<T, any Error>.self) { group in
            for index in 0..<count {
                group.addTask {
                    do { return .success(try await body(index)) } catch { return .failure(error) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// Every failure is a `conflict` with a sentence; returns how many succeeded.
    func successesAmongConflicts<T>(
        _ results: [Result<T, any Error>], sourceLocation: SourceLocation = #_sourceLocation
    ) -> Int {
        var successes = 0
        for result in results {
            switch result {
            case .success: successes += 1
            case .failure(let error as SafeholdError):
                #expect(error.refusal == .conflict, "\(error)", sourceLocation: sourceLocation)
                #expect(error.message.contains("Reload"), "\(error.message)", sourceLocation: sourceLocation)
            case .failure(let error):
                Issue.record("not a conflict: \(String(reflecting: error))", sourceLocation: sourceLocation)
            }
        }
        return successes
    }

    @Test("Recording steps at once on one episode: one is recorded, the rest are 409s", arguments: TestBackend.all)
    func concurrentSteps(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let (child, _, episode) = try await PipelineFixture.episode(w, name: "Racing")
            let results = await race(4) { index in
                try await w.store.recordStep(
                    .assessmentStarted(on: Synthetic.today), episode: episode, expectedSteps: 0,
                    context: w.ctx(index % 2 == 0 ? w.alice : w.bob))
            }
            #expect(successesAmongConflicts(results) == 1)
            #expect(try await w.store.episodes(of: child, context: w.ctx(w.alice)).first?.steps.count == 1)
        }
    }

    @Test(
        "Two contacts about one child decided at once: one episode opens, the other decision is a 409",
        arguments: TestBackend.all)
    func concurrentEpisodeOpening(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let door = try await PipelineFixture.frontDoor(w, "Race")
            let child = try await w.store.createPerson(Synthetic.child("Ola", "Opened"), context: w.ctx(w.alice))
            var contacts: [UUID] = []
            for _ in 0..<2 {
                contacts.append(
                    try await w.store.recordContact(
                        ContactDraft(
                            receivedAt: testNow, source: .police, referrerName: "PC", referrerAgency: nil,
                            childIds: [child.id], concern: "Incident."), context: w.ctx(w.alice)
                    ).id)
            }
            let ids = contacts
            let results = await race(2) { index in
                try await w.store.triage(
                    ids[index],
                    TriageDraft(
                        decision: .assessment, reason: "Assess", urgency: .amber,
                        referrerInformedOn: nil), expectedVersion: 1, context: w.ctx(door))
            }
            var successes = 0
            for result in results {
                switch result {
                case .success: successes += 1
                case .failure(let error as SafeholdError): #expect(error.refusal == .conflict, "\(error)")
                case .failure(let error): Issue.record("not a conflict: \(String(reflecting: error))")
                }
            }
            #expect(successes == 1)
            #expect(try await w.env.count("episodes") == 1)
        }
    }

    @Test(
        "Saving one person and one plan action at once from the same version: one save, the rest 409s",
        arguments: TestBackend.all)
    func concurrentEdits(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let worked = try await PipelineFixture.episodeWithPlan(w, name: "Edited")
            let person = try await w.store.openPerson(worked.child, context: w.ctx(w.alice)).person
            let edits = await race(4) { index in
                var details = person.details
                details.givenName = "Edit\(index)"
                return try await w.store.updatePerson(
                    worked.child, details: details, expectedVersion: person.version,
                    context: w.ctx(w.alice))
            }
            #expect(successesAmongConflicts(edits) == 1)
            let actions = await race(4) { index in
                try await w.store.updatePlanAction(
                    worked.action, episode: worked.episode, status: index % 2 == 0 ? .done : .inProgress,
                    expectedVersion: 1, context: w.ctx(w.alice))
            }
            #expect(successesAmongConflicts(actions) == 1)
            #expect(
                try await w.store.openPerson(worked.child, context: w.ctx(w.alice)).person.version == person.version + 1
            )
        }
    }

    @Test("A unique violation or busy database becomes a conflict with a sentence; other errors pass through")
    func conflictMapping() {
        #expect(WriteConflict.sentence("episodes_one_open").contains("already has an open episode"))
        #expect(
            WriteConflict.sentence("UNIQUE constraint failed: episode_steps.episode_id").contains("recorded a step"))
        #expect(WriteConflict.sentence("relationships_key").contains("Someone else changed this record"))
        struct Other: Error {}
        #expect(WriteConflict.map(Other()) is Other)
    }

    @Test(
        "Corrupt codes, dates, ids and JSON documents in stored rows are errors, never defaults",
        arguments: TestBackend.all)
    func corruptValuesAreErrors(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let worked = try await PipelineFixture.episodeWithPlan(w, name: "Corrupt")
            try await w.env.execute(
                "UPDATE plan_actions SET status = 'finished-ish' WHERE id = '\(worked.action.uuidString)'")
            await expectCorrupt { try await w.store.episodes(of: worked.child, context: w.ctx(w.alice)) }
            try await w.env.execute(
                "UPDATE plan_actions SET status = 'done', due_on = 'soon' WHERE id = '\(worked.action.uuidString)'")
            await expectCorrupt { try await w.store.openPerson(worked.child, context: w.ctx(w.alice)) }
            try await w.env.execute("UPDATE plan_actions SET due_on = '2026-12-01'")
            try await w.env.execute(
                "UPDATE contacts SET source = 'carrier pigeon' WHERE id = '\(worked.contact.uuidString)'")
            await expectCorrupt { try await w.store.contact(worked.contact, context: w.ctx(w.alice)) }
            await expectCorrupt { try await w.store.chronology(of: worked.child, context: w.ctx(w.alice)) }
            try await w.env.execute("UPDATE contacts SET source = '3B'")
            let mother = try await w.store.createPerson(
                Synthetic.adult("Meg", "Corrupt"), context: w.ctx(w.alice),
                link: NewLink(
                    personId: worked.child, kind: .mother,
                    parentalResponsibility: true, livesTogether: true))
            try await w.env.execute(
                "UPDATE relationships SET kind = 'nemesis' WHERE person_id = '\(mother.id.uuidString)'")
            await expectCorrupt { try await w.store.openPerson(worked.child, context: w.ctx(w.alice)) }
            try await w.env.execute("UPDATE relationships SET kind = 'mother'")
            try await w.env.execute("UPDATE persons SET details = '{}' WHERE id = '\(mother.id.uuidString)'")
            await expectCorrupt { try await w.store.openPerson(mother.id, context: w.ctx(w.alice)) }
            try await w.env.execute("UPDATE episode_steps SET payload = '{\"visit\": 7}'")
            await expectCorrupt { try await w.store.episodes(of: worked.child, context: w.ctx(w.alice)) }
            await expectCorrupt { try await w.store.chronology(of: worked.child, context: w.ctx(w.alice)) }
        }
    }

    func expectCorrupt<T>(sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T) async {
        do {
            _ = try await body()
            Issue.record("a corrupt value was read without an error", sourceLocation: sourceLocation)
        } catch let error as StoreError {
            guard case .corrupt = error else {
                Issue.record("expected corrupt, got \(error)", sourceLocation: sourceLocation)
                return
            }
        } catch {
            Issue.record(
                "expected StoreError.corrupt, got \(String(reflecting: error))", sourceLocation: sourceLocation)
        }
    }
}
