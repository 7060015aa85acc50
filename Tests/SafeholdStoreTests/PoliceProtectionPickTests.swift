import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Police protection for a child found by name: recorded by id, audited, and a strategy discussion due")
struct PoliceProtectionPickTests {
    @Test(
        "An officer with no relationship picks the child from a name search; the record stays closed to them",
        arguments: TestBackend.all)
    func pickedByName(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            // A name search shows amy to ash by name only (no relationship), with her id to pick.
            let found = try await p.store.search(PersonQuery(text: "Amy Policecase"), context: p.ctx(p.ash))
            let amy = try #require(found.first { $0.id == p.amy })
            #expect(!amy.canView && amy.localId == nil)
            await expectRefusal(.notFound) { try await p.store.openPerson(p.amy, context: p.ctx(p.ash)) }

            let protection = try await p.store.recordPoliceProtection(
                child: amy.id, p.removal(), context: p.ctx(p.ash))
            #expect(protection.childId == p.amy && protection.contactId != nil)
            let created = try await p.audit(p.amy, by: p.ash, "police_protection").filter { $0.event.action == .create }
            #expect(created.map(\.event.entityId) == [protection.id])
            // Recording it opens nothing: the child's record is still not the officer's.
            await expectRefusal(.notFound) { try await p.store.openPerson(p.amy, context: p.ctx(p.ash)) }

            // Bad picks are refused naming the field, with nothing written.
            let before = try await p.footprint()
            let adult = await expectRefusal(.invalid) {
                try await p.store.recordPoliceProtection(child: p.suspect, p.removal(), context: p.ctx(p.cal))
            }
            #expect(adult?.fields == ["childId"])
            let nobody = await expectRefusal(.invalid) {
                try await p.store.recordPoliceProtection(child: UUID(), p.removal(), context: p.ctx(p.cal))
            }
            #expect(nobody?.fields == ["childId"])
            #expect(try await p.footprint().filter { $0.key != "audit_log" } == before.filter { $0.key != "audit_log" })
        }
    }

    @Test(
        "Police protection puts a strategy discussion on the child's due list at once, until one is recorded",
        arguments: TestBackend.all)
    func strategyDiscussionDue(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            // No episode: the protection raises a contact, and the strategy discussion is due already.
            let removedAt = testNow.addingTimeInterval(-3600)
            _ = try await p.store.recordPoliceProtection(child: p.amy, p.removal(at: removedAt), context: p.ctx(p.ash))
            let ruleset = p.store.ruleset
            let expected = ruleset.due(ruleset.contactDecision, from: ruleset.date(of: removedAt))
            let panel = try await p.store.policePanel(of: p.amy, context: p.ctx(p.w.alice))
            #expect(panel.due.map(\.what) == [PoliceProtection.strategyDiscussionDue])
            #expect(panel.due.first?.dueOn == expected)
            #expect(panel.due.first?.status == .dueSoon)

            // With an episode open, no contact is raised, and the item stays until a strategy discussion is held.
            let (jade, _, episode) = try await PipelineFixture.episode(p.w, name: "Jade")
            let jadeProtection = try await p.store.recordPoliceProtection(
                child: jade, p.removal(at: removedAt), context: p.ctx(p.ash))
            #expect(jadeProtection.contactId == nil)
            let before = try await p.store.policePanel(of: jade, context: p.ctx(p.w.alice))
            #expect(before.due.map(\.dueOn) == [expected])
            _ = try await p.store.recordStep(
                .strategyDiscussion(
                    on: Synthetic.today, participants: [], absentAgencyReason: "n/a", informationShared: "x",
                    decision: .singleAgencyS47, safetyActions: ""), episode: episode, expectedSteps: 0,
                context: p.ctx(p.w.alice))
            let after = try await p.store.policePanel(of: jade, context: p.ctx(p.w.alice))
            #expect(after.due.isEmpty)
            #expect(after.protections.map(\.id) == [jadeProtection.id])
        }
    }
}
