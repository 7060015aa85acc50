import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Police protection (Children Act 1989 s46) in the store")
struct PoliceProtectionStoreTests {
    @Test(
        "With no episode open, police protection raises a contact from the police that the front door sees",
        arguments: TestBackend.all)
    func raisesContact(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let door = try await PipelineFixture.frontDoor(p.w, "Pp")
            await expectRefusal(.notFound) { try await p.store.openPerson(p.amy, context: p.ctx(door)) }
            let protection = try await p.store.recordPoliceProtection(
                child: p.amy, p.removal(), context: p.ctx(p.ash))
            let contactId = try #require(protection.contactId)
            let contact = try await p.store.contact(contactId, context: p.ctx(door))
            #expect(contact.source == .police)
            #expect(contact.childIds == [p.amy])
            #expect(contact.concern.contains("police protection"))
            #expect(contact.triage == nil)
            #expect(try await p.store.contactsAwaitingDecision(context: p.ctx(door)).map(\.id) == [contactId])
            _ = try await p.store.openPerson(p.amy, context: p.ctx(door))
            let audited = try await p.audit(p.amy, by: p.ash).filter { $0.event.action == .create }
            #expect(Set(audited.map(\.event.entityType)) == ["contact", "police_protection"])

            // Team A and the child's social worker see it with its clock; team B does not.
            let line = try await p.store.policeProtection(protection.id, context: p.ctx(p.w.alice))
            #expect(line.clock == .running(hours: 1))
            await expectRefusal(.notFound) { try await p.store.policeProtection(protection.id, context: p.ctx(p.dev)) }
            let chronology = try await p.store.chronology(of: p.amy, context: p.ctx(p.w.alice))
            #expect(chronology.contains { $0.kind == .police && $0.title == "Police protection (s46)" })
            #expect(chronology.contains { $0.kind == .contact && $0.title.contains("Police") })
            // The social worker may add analysis to the police protection entry of the chronology.
            try await p.store.addAnalysis(
                to: protection.id, of: p.amy, body: "Third removal this year.", context: p.ctx(p.w.alice))

            // Who was told since is added on the running protection; the designated officer stays police.
            var told = p.removal()
            told.parentsToldAt = testNow.addingTimeInterval(-600)
            let updated = try await p.store.updatePoliceProtection(
                protection.id, told, expectedVersion: 1, context: p.ctx(p.cal))
            #expect(updated.version == 2 && updated.details.parentsToldAt != nil)
            let before = try await p.footprint()
            var notPolice = told
            notPolice.designatedOfficerId = p.w.alice.id
            let officer = await expectRefusal(.invalid) {
                try await p.store.updatePoliceProtection(
                    protection.id, notPolice, expectedVersion: 2, context: p.ctx(p.cal))
            }
            #expect(officer?.fields == ["designatedOfficerId"])
            await expectRefusal(.conflict) {
                try await p.store.updatePoliceProtection(protection.id, told, expectedVersion: 1, context: p.ctx(p.cal))
            }
            await expectRefusal(.forbidden) {
                try await p.store.updatePoliceProtection(
                    protection.id, told, expectedVersion: 2, context: p.ctx(p.w.alice))
            }
            #expect(try await p.footprint().filter { $0.key != "audit_log" } == before.filter { $0.key != "audit_log" })
        }
    }

    @Test(
        "With an episode open, no contact is raised; a second open protection is a conflict", arguments: TestBackend.all
    )
    func noContactWhenEpisodeOpen(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let (child, _, _) = try await PipelineFixture.episode(p.w, name: "Pia")
            let contacts = try await p.env.count("contacts")
            let protection = try await p.store.recordPoliceProtection(child: child, p.removal(), context: p.ctx(p.ash))
            #expect(protection.contactId == nil)
            #expect(try await p.env.count("contacts") == contacts)
            let before = try await p.footprint()
            await expectRefusal(.conflict) {
                try await p.store.recordPoliceProtection(child: child, p.removal(), context: p.ctx(p.cal))
            }
            // An adult, a designated officer who is not police, an unknown child: invalid, nothing written.
            let adult = await expectRefusal(.invalid) {
                try await p.store.recordPoliceProtection(child: p.suspect, p.removal(), context: p.ctx(p.ash))
            }
            #expect(adult?.fields == ["childId"])
            var notPolice = p.removal()
            notPolice.designatedOfficerId = p.w.alice.id
            let officer = await expectRefusal(.invalid) {
                try await p.store.recordPoliceProtection(child: p.ben, notPolice, context: p.ctx(p.ash))
            }
            #expect(officer?.fields == ["designatedOfficerId"])
            let unknown = await expectRefusal(.invalid) {
                try await p.store.recordPoliceProtection(child: UUID(), p.removal(), context: p.ctx(p.ash))
            }
            #expect(unknown?.fields == ["childId"])
            await expectRefusal(.forbidden) {
                try await p.store.recordPoliceProtection(child: p.ben, p.removal(), context: p.ctx(p.w.alice))
            }
            #expect(try await p.footprint() == before)
        }
    }

    @Test(
        "Ending: more than 72 hours is refused naming endedAt, 71 hours is fine, twice is a conflict",
        arguments: TestBackend.all)
    func ending(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let removedAt = testNow.addingTimeInterval(-3600)
            let protection = try await p.store.recordPoliceProtection(
                child: p.amy, p.removal(at: removedAt), context: p.ctx(p.ash))
            p.env.clock.advance(by: 80 * 3600)
            let home = try await p.store.policeHome(context: p.ctx(p.ash))
            #expect(home.protections.map(\.clock) == [.overdue(hours: 81)])
            let before = try await p.footprint()
            let late = await expectRefusal(.invalid) {
                try await p.store.endPoliceProtection(
                    protection.id, PoliceProtectionEnding(endedAt: removedAt + 73 * 3600, outcome: .returnedHome),
                    expectedVersion: 1, context: p.ctx(p.ash))
            }
            #expect(late?.fields == ["endedAt"])
            await expectRefusal(.conflict) {
                try await p.store.endPoliceProtection(
                    protection.id, PoliceProtectionEnding(endedAt: removedAt + 71 * 3600, outcome: .returnedHome),
                    expectedVersion: 2, context: p.ctx(p.ash))
            }
            await expectRefusal(.notFound) {
                try await p.store.endPoliceProtection(
                    protection.id, PoliceProtectionEnding(endedAt: removedAt + 71 * 3600, outcome: .returnedHome),
                    expectedVersion: 1, context: p.ctx(p.dev))
            }
            #expect(try await p.footprint().filter { $0.key != "audit_log" } == before.filter { $0.key != "audit_log" })
            let ended = try await p.store.endPoliceProtection(
                protection.id,
                PoliceProtectionEnding(
                    endedAt: removedAt + 71 * 3600, outcome: .emergencyProtectionOrder,
                    court: "Northfield Family Court",
                    applicationDate: Synthetic.today.adding(days: 2)),
                expectedVersion: 1, context: p.ctx(p.cal))
            #expect(ended.ending?.outcome == .emergencyProtectionOrder && ended.version == 2)
            #expect(ended.clock(at: p.env.clock.now()) == .ended)
            await expectRefusal(.conflict) {
                try await p.store.endPoliceProtection(
                    protection.id, PoliceProtectionEnding(endedAt: removedAt + 72 * 3600, outcome: .returnedHome),
                    expectedVersion: 2, context: p.ctx(p.ash))
            }
            #expect(try await p.store.policeHome(context: p.ctx(p.ash)).protections.isEmpty)
            // Once ended, the child may be taken into police protection again.
            _ = try await p.store.recordPoliceProtection(
                child: p.amy, p.removal(at: p.env.clock.now().addingTimeInterval(-3600)), context: p.ctx(p.ash))
        }
    }
}
