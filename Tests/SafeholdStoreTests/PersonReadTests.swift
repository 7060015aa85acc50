import Foundation
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import Testing

@Suite("Reading a person's details for the API")
struct PersonReadTests {
    @Test(
        "readPerson gives the details and relatives under the policy and audits one read, as the page does",
        arguments: TestBackend.all)
    func readPersonCarriesDetailsAndRelatives(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Readtest"), context: w.ctx(w.alice))
            let mother = try await w.store.createPerson(
                Synthetic.adult("Meg", "Readtest"), context: w.ctx(w.alice),
                link: NewLink(personId: child.id, kind: .mother, parentalResponsibility: true, livesTogether: true))
            let before = try await w.env.count("audit_log")

            let read = try await w.store.readPerson(child.id, context: w.ctx(w.bob))
            let page = try await w.store.openPerson(child.id, context: w.ctx(w.bob))
            #expect(read.person == page.person)
            #expect(read.canEdit == page.canEdit)
            #expect(read.related.map(\.other.id) == [mother.id])
            #expect(read.related.map(\.label) == page.related.map(\.label))
            #expect(read.riskWarning == nil)
            #expect(try await w.env.count("audit_log") == before + 2)
            let newest = try #require(try await w.store.audit.entries(forPerson: child.id).first)
            #expect(newest.event.action == .read && newest.event.actorId == w.bob.id)
        }
    }

    @Test(
        "readPerson refuses another team's worker and an id with no record alike (404), and audits both refusals",
        arguments: TestBackend.all)
    func readPersonRefusalsAreAudited(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Readtest"), context: w.ctx(w.alice))
            let nobody = UUID()
            let before = try await w.env.count("audit_log")
            let refused = await expectRefusal(.notFound) {
                try await w.store.readPerson(child.id, context: w.ctx(w.carol))
            }
            let missing = await expectRefusal(.notFound) {
                try await w.store.readPerson(nobody, context: w.ctx(w.alice))
            }
            #expect(refused?.message == AccessPolicy.noVisibleRecord)
            #expect(missing?.message == AccessPolicy.noVisibleRecord)
            #expect(try await w.env.count("audit_log") == before + 2)
            let denial = try #require(try await w.store.audit.entries(forPerson: child.id).first)
            #expect(denial.event.action == .denied && denial.event.actorId == w.carol.id)
            let recent = try await w.store.audit.recent(limit: 2)
            let unknown = try #require(recent.first { $0.event.entityId == nobody })
            #expect(unknown.event.action == .denied && unknown.event.detail == "no such record")
            #expect(unknown.event.personId == nil)
        }
    }
}

@Suite("A person's heading for a page about them")
struct PersonHeadingTests {
    @Test(
        "personHeading gives the person and whether the reader may edit, audited once; another team is refused alike",
        arguments: TestBackend.all)
    func headingIsTheRecordsOwnRead(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Headtest"), context: w.ctx(w.alice))
            let before = try await w.env.count("audit_log")
            let heading = try await w.store.personHeading(child.id, context: w.ctx(w.bob))
            let page = try await w.store.openPerson(child.id, context: w.ctx(w.bob))
            #expect(heading.person == page.person && heading.canEdit == page.canEdit && heading.canEdit)
            #expect(try await w.env.count("audit_log") == before + 2)
            let refused = await expectRefusal(.notFound) {
                try await w.store.personHeading(child.id, context: w.ctx(w.carol))
            }
            #expect(refused?.message == AccessPolicy.noVisibleRecord)
            let denial = try #require(try await w.store.audit.entries(forPerson: child.id).first)
            #expect(denial.event.action == .denied && denial.event.actorId == w.carol.id)
        }
    }
}

@Suite("Reading a child's page in one pass of the policy")
struct PersonPageReadTests {
    @Test(
        "openPersonPage reads the record and every panel asked for under one decision, leaving each panel's entry",
        arguments: TestBackend.all)
    func thePageLeavesTheEntriesOfEachPanel(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Pagetest"), context: w.ctx(w.alice))
            let everything: PersonPagePanels = [.documents, .oversight, .bodyMaps, .allocation, .sharing]
            let before = try await w.store.audit.recent(limit: 1).first?.seq ?? 0
            let page = try await w.store.openPersonPage(child.id, panels: everything, context: w.ctx(w.bob))
            #expect(page.record.person.id == child.id)
            #expect(page.documents == nil, "no episode yet: the episodes' documents are not listed")
            #expect(page.oversight?.isEmpty == true && page.bodyMaps?.isEmpty == true)
            #expect(page.sharing?.child.id == child.id)
            let entries = try await w.store.audit.entries(forPerson: child.id).filter { $0.seq > before }
            #expect(
                entries.map(\.event.entityType).sorted()
                    == ["allocation", "body_maps", "disclosure", "management_oversight", "person"])
            #expect(entries.allSatisfy { $0.event.action == .read && $0.event.actorId == w.bob.id })
            #expect(page.allocation == (try await w.store.allocationHistory(of: child.id, context: w.ctx(w.bob))))
            let sharing = try await w.store.sharingRecord(of: child.id, context: w.ctx(w.bob))
            #expect(page.sharing?.child == sharing.child, "the page's own read of the child gives the same line")
        }
    }

    @Test("openPersonPage gives an adult's page no panels and refuses another team alike", arguments: TestBackend.all)
    func adultsHaveNoPanelsAndRefusalsAreAudited(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let adult = try await w.store.createPerson(Synthetic.adult("Dale", "Pagetest"), context: w.ctx(w.alice))
            let page = try await w.store.openPersonPage(
                adult.id, panels: [.oversight, .allocation, .sharing], context: w.ctx(w.alice))
            #expect(page.oversight == nil && page.allocation == nil && page.sharing == nil)
            let before = try await w.env.count("audit_log")
            await expectRefusal(.notFound) {
                try await w.store.openPersonPage(adult.id, panels: [.allocation], context: w.ctx(w.carol))
            }
            #expect(try await w.env.count("audit_log") == before + 1)
            let denial = try #require(try await w.store.audit.entries(forPerson: adult.id).first)
            #expect(denial.event.action == .denied && denial.event.actorId == w.carol.id)
        }
    }

    @Test(
        "A panel the reader may not see refuses the page, audited, and its entries are not written",
        arguments: TestBackend.all)
    func aRefusedPanelRefusesThePage(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Pagetest"), context: w.ctx(w.alice))
            let health = try await w.env.createAgency("Northfield Health", kind: .health)
            let nurse = try await w.env.createUser("hv.hana", "Hana Visitor", role: .partner, agency: health, team: nil)
            try await DocumentGrantStoreTests.grant(w, nurse, to: child.id)
            let page = try await w.store.openPersonPage(child.id, panels: [.allocation], context: w.ctx(nurse))
            #expect(page.allocation != nil, "the grant opens the record and a panel open to it")
            let before = try await w.store.audit.recent(limit: 1).first?.seq ?? 0
            let refusal = await expectRefusal(.forbidden) {
                try await w.store.openPersonPage(child.id, panels: [.allocation, .bodyMaps], context: w.ctx(nurse))
            }
            #expect(refusal?.message == DocumentAccess.notForPartners)
            let entries = try await w.store.audit.entries(forPerson: child.id).filter { $0.seq > before }
            #expect(entries.count == 1)
            #expect(entries.first?.event.action == .denied && entries.first?.event.actorId == nurse.id)
        }
    }
}
