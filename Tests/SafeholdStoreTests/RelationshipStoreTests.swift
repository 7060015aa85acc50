import Foundation
import SQLKit
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import Testing

@Suite("Linking family members")
struct RelationshipStoreTests {
    func draft(_ other: UUID, _ kind: RelationshipKind = .mother) -> RelationshipDraft {
        RelationshipDraft(otherPersonId: other, kind: kind, parentalResponsibility: true, livesTogether: true)
    }

    @Test(
        "addRelationship links both ways: the child's page shows Mother, the mother's page shows Child",
        arguments: TestBackend.all)
    func linksBothWays(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            let mother = try await w.store.createPerson(
                Synthetic.adult("Maria", "Testchild", sex: .female), context: w.ctx(w.alice))

            let link = try await w.store.addRelationship(to: child.id, draft(mother.id), context: w.ctx(w.alice))
            #expect(link.personId == mother.id)
            #expect(link.relatedPersonId == child.id)
            #expect(link.kind == .mother)
            #expect(link.parentalResponsibility)

            let childPage = try await w.store.openPerson(child.id, context: w.ctx(w.alice))
            #expect(childPage.related.map(\.label) == ["Mother"])
            #expect(childPage.related.first?.other.id == mother.id)
            #expect(childPage.related.first?.other.canView == true)
            #expect(childPage.related.first?.relationship == link)

            let motherPage = try await w.store.openPerson(mother.id, context: w.ctx(w.alice))
            #expect(motherPage.related.map(\.label) == ["Child"])
            #expect(motherPage.related.first?.other.id == child.id)
            #expect(motherPage.related.first?.other.localId == child.localId)

            let audit = try #require(
                try await w.store.audit.entries(forPerson: child.id).first { $0.event.entityType == "relationship" })
            #expect(audit.event.action == .create)
            #expect(audit.event.entityId == link.id)
            #expect(audit.event.actorId == w.alice.id)
        }
    }

    @Test("A relative the viewer may not open appears on the page by name only", arguments: TestBackend.all)
    func relativeOutsideScopeIsNameOnly(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            let father = try await w.store.createPerson(
                Synthetic.adult("Frank", "Testfather", sex: .male), context: w.ctx(w.carol))
            _ = try await w.store.addRelationship(to: child.id, draft(father.id, .father), context: w.ctx(w.alice))
            let page = try await w.store.openPerson(child.id, context: w.ctx(w.alice))
            let other = try #require(page.related.first?.other)
            #expect(page.related.first?.label == "Father")
            #expect(other.id == father.id)
            #expect(other.canView == false)
            #expect(other.familyName == "Testfather")
            #expect(other.dateOfBirth == nil)
            #expect(other.localId == nil)
        }
    }

    @Test(
        "Duplicate link is a conflict; self link and unknown id are invalid; nothing is written",
        arguments: TestBackend.all)
    func refusedLinks(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            let mother = try await w.store.createPerson(Synthetic.adult("Maria", "Testchild"), context: w.ctx(w.alice))
            _ = try await w.store.addRelationship(to: child.id, draft(mother.id), context: w.ctx(w.alice))
            let before = try await w.env.footprint()

            await expectRefusal(.conflict) {
                try await w.store.addRelationship(to: child.id, draft(mother.id), context: w.ctx(w.bob))
            }
            let selfLink = await expectRefusal(.invalid) {
                try await w.store.addRelationship(to: child.id, draft(child.id, .sibling), context: w.ctx(w.alice))
            }
            #expect(selfLink?.fields == ["otherPersonId"])
            let unknown = await expectRefusal(.invalid) {
                try await w.store.addRelationship(to: child.id, draft(UUID(), .father), context: w.ctx(w.alice))
            }
            #expect(unknown?.fields == ["otherPersonId"])
            await expectRefusal(.notFound) {
                try await w.store.addRelationship(to: UUID(), draft(mother.id), context: w.ctx(w.alice))
            }
            var after = try await w.env.footprint()
            #expect(after["audit_log"] == before["audit_log"]! + 1, "only the probe of an unknown id is audited")
            after["audit_log"] = before["audit_log"]
            #expect(after == before)
            #expect(try await w.env.count("relationships") == 1)
        }
    }

    @Test(
        "A user without edit rights may not link, and the refusal is audited against the record",
        arguments: TestBackend.all)
    func linkWithoutEditRightsForbidden(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            let stranger = try await w.store.createPerson(Synthetic.adult("Sid", "Stranger"), context: w.ctx(w.carol))
            let before = try await w.env.footprint()
            for user in [w.carol, w.officer, w.admin] {
                await expectRefusal(.notFound) {
                    try await w.store.addRelationship(
                        to: child.id, draft(stranger.id, .partnerOfParent), context: w.ctx(user))
                }
            }
            var after = try await w.env.footprint()
            #expect(after["audit_log"] == before["audit_log"]! + 3)
            after["audit_log"] = before["audit_log"]
            #expect(after == before)
            let denials = try await w.store.audit.entries(forPerson: child.id).filter { $0.event.action == .denied }
            #expect(Set(denials.compactMap(\.event.actorId)) == [w.carol.id, w.officer.id, w.admin.id])
            #expect(denials.allSatisfy { $0.event.entityType == "relationship" })
        }
    }

    @Test(
        "A restricted person the actor cannot find may not be linked (treated as unknown)", arguments: TestBackend.all)
    func restrictedOtherIsUnknown(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            let ids = try await w.store.bulkLoad(
                [
                    BulkPerson(
                        details: Synthetic.adult("Rory", "Restricted"), restricted: true, team: w.teamB.id,
                        worker: w.carol.id)
                ], links: [], context: w.env.system)
            let error = await expectRefusal(.invalid) {
                try await w.store.addRelationship(to: child.id, draft(ids[0], .father), context: w.ctx(w.alice))
            }
            #expect(error?.fields == ["otherPersonId"])
            #expect(try await w.env.count("relationships") == 0)
        }
    }

    @Test("createPerson with a link creates the person and the relationship together", arguments: TestBackend.all)
    func createWithLinkIsAtomic(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            let link = NewLink(personId: child.id, kind: .mother, parentalResponsibility: true, livesTogether: true)
            let mother = try await w.store.createPerson(
                Synthetic.adult("Maria", "Testchild"), context: w.ctx(w.bob), link: link)

            #expect(mother.localId == "SH-000002")
            let childPage = try await w.store.openPerson(child.id, context: w.ctx(w.alice))
            #expect(childPage.related.map(\.label) == ["Mother"])
            #expect(childPage.related.first?.other.id == mother.id)
            let motherPage = try await w.store.openPerson(mother.id, context: w.ctx(w.bob))
            #expect(motherPage.related.map(\.label) == ["Child"])
            #expect(motherPage.facts.allocatedWorkerIds == [w.bob.id])

            let childAudit = try await w.store.audit.entries(forPerson: child.id)
            #expect(
                childAudit.contains {
                    $0.event.action == .create && $0.event.entityType == "relationship" && $0.event.actorId == w.bob.id
                })
            let motherAudit = try await w.store.audit.entries(forPerson: mother.id)
            #expect(motherAudit.contains { $0.event.action == .create && $0.event.entityType == "person" })
        }
    }

    @Test(
        "createPerson linked to a record the actor may not edit creates nothing and audits the refusal",
        arguments: TestBackend.all)
    func createWithForbiddenLinkCreatesNothing(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            let before = try await w.env.footprint()
            let link = NewLink(personId: child.id, kind: .father, parentalResponsibility: false, livesTogether: false)
            await expectRefusal(.notFound) {
                try await w.store.createPerson(
                    Synthetic.adult("Frank", "Testfather"), context: w.ctx(w.carol), link: link)
            }
            var after = try await w.env.footprint()
            #expect(after["audit_log"] == before["audit_log"]! + 1)
            after["audit_log"] = before["audit_log"]
            #expect(after == before, "no person, name, version, allocation or relationship")
            let denial = try #require(try await w.store.audit.entries(forPerson: child.id).first)
            #expect(denial.event.action == .denied)
            #expect(denial.event.actorId == w.carol.id)

            // The counter was rolled back with the rest: the next person is SH-000002.
            let next = try await w.store.createPerson(Synthetic.adult("Frank", "Testfather"), context: w.ctx(w.carol))
            #expect(next.localId == "SH-000002")

            // Linking to an unknown person is refused too and leaves nothing.
            let unknown = NewLink(personId: UUID(), kind: .father, parentalResponsibility: false, livesTogether: false)
            let count = try await w.env.count("persons")
            await expectRefusal(.notFound) {
                try await w.store.createPerson(
                    Synthetic.adult("Gus", "Testfather"), context: w.ctx(w.alice), link: unknown)
            }
            #expect(try await w.env.count("persons") == count)
        }
    }

    @Test(
        "A restricted relative is not shown on an ordinary record's page to someone who may not find it",
        arguments: TestBackend.all)
    func restrictedRelativeNotLinkableFromOrdinaryFile(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            // Quinn's record is restricted (say, an adoption); alice is the allocated worker of both children.
            let ids = try await w.store.bulkLoad(
                [
                    BulkPerson(
                        details: Synthetic.child("Quinn", "Hiddenfield", born: "2014-02-02"), restricted: true,
                        team: w.teamA.id, worker: w.alice.id),
                    BulkPerson(
                        details: Synthetic.child("Sky", "Openfield", born: "2012-07-07"), team: w.teamA.id,
                        worker: w.alice.id),
                ], links: [], context: w.env.system)
            let restricted = ids[0], sibling = ids[1]
            _ = try await w.store.addRelationship(to: restricted, draft(sibling, .sibling), context: w.ctx(w.alice))

            // The allocated worker sees the link from both sides.
            #expect(
                try await w.store.openPerson(sibling, context: w.ctx(w.alice)).related.map(\.other.id) == [restricted])

            // Bob may open the ordinary file but may not even find the restricted one by name ...
            #expect(try await w.store.search(PersonQuery(text: "Quinn Hiddenfield"), context: w.ctx(w.bob)).isEmpty)
            // ... so the ordinary file must not name it to him either (DOMAIN.md 8: the restricted identity
            // "must never be linkable from the ordinary file").
            let page = try await w.store.openPerson(sibling, context: w.ctx(w.bob))
            #expect(
                !page.related.contains { $0.other.familyName == "Hiddenfield" || $0.other.givenName == "Quinn" },
                "bob sees \(page.related.map(\.other.displayName)) on the ordinary file")
            #expect(!page.related.contains { $0.other.id == restricted })
        }
    }
}
