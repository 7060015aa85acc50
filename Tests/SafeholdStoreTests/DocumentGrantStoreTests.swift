import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Documents and an explicit grant on the child: a partner agency's professional granted the record reads the
/// child's record but none of its documents (ordinary, third-party or not to be disclosed to the family), each
/// refusal a 403 audited against the child; another team's worker granted the record reads every one of them.
@Suite("Documents and access grants")
struct DocumentGrantStoreTests {
    /// A child of Alice's team with a letter, a third-party report and a report not to be disclosed to the family.
    static func childWithDocuments(_ w: World) async throws -> (child: Person, documents: [Document]) {
        let child = try await w.store.createPerson(Synthetic.child("Greta", "Granted"), context: w.ctx(w.alice))
        var documents: [Document] = []
        for draft in [
            DocumentDraft(title: "School letter", kind: "letter", fileName: "letter.pdf"),
            DocumentDraft(title: "GP report", kind: "medical_report", fileName: "gp.pdf", thirdParty: true),
            DocumentDraft(
                title: "Paediatric report", kind: "medical_report", fileName: "cp-medical.pdf", thirdParty: true,
                notForFamily: true),
        ] {
            documents.append(
                try await w.store.addDocument(
                    to: .person(child.id), draft, bytes: SampleFiles.pdf, context: w.ctx(w.alice)))
        }
        return (child, documents)
    }

    static func grant(_ w: World, _ user: User, to child: UUID) async throws {
        let grant = try await w.store.requestGrant(
            child,
            AccessGrantDraft(userId: user.id, canEdit: false, reason: "Safety planning", expiresOn: "2026-12-24"),
            context: w.ctx(w.manager))
        #expect(grant.status == .active)
    }

    @Test(
        "A partner with a grant opens the record but no document, third-party or withheld: each refusal audited",
        arguments: TestBackend.all)
    func partnerWithAGrantSeesNoDocuments(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let (child, documents) = try await Self.childWithDocuments(w)
            let health = try await w.env.createAgency("Northfield Health", kind: .health)
            let nurse = try await w.env.createUser("hv.hana", "Hana Visitor", role: .partner, agency: health, team: nil)
            try await Self.grant(w, nurse, to: child.id)
            let record = try await w.store.openPerson(child.id, context: w.ctx(nurse))
            #expect(record.person.id == child.id, "the grant opens the record")

            let before = try await w.env.count("audit_log")
            let list = await expectRefusal(.forbidden) {
                try await w.store.documents(on: .person(child.id), context: w.ctx(nurse))
            }
            #expect(list?.message == DocumentAccess.notForPartners)
            for document in documents {
                let shown = await expectRefusal(.forbidden) {
                    try await w.store.document(document.id, context: w.ctx(nurse))
                }
                let content = await expectRefusal(.forbidden) {
                    try await w.store.documentContent(document.id, context: w.ctx(nurse))
                }
                #expect(shown?.message == DocumentAccess.notForPartners)
                #expect(content?.message == DocumentAccess.notForPartners)
            }
            await expectRefusal(.forbidden) { try await w.store.bodyMaps(of: child.id, context: w.ctx(nurse)) }
            let entries = try await w.env.recentAudit(20).filter { $0.seq > before }
            #expect(entries.count == 1 + 2 * documents.count + 1)
            #expect(entries.allSatisfy { $0.event.action == .denied && $0.event.personId == child.id })
            #expect(entries.allSatisfy { $0.event.actorId == nurse.id })
            // Each refusal is recorded against the child under what was asked for (the list, a document, the
            // body maps).
            #expect(entries.filter { $0.event.entityType == "document" }.count == 2 * documents.count)
            #expect(entries.filter { $0.event.entityType == "documents" }.count == 1)
            #expect(entries.filter { $0.event.entityType == "body_maps" }.count == 1)
            #expect(!entries.contains { $0.event.action == .read })
        }
    }

    @Test(
        "Another team's worker with a grant reads every document, third-party and withheld too; each read audited",
        arguments: TestBackend.all)
    func workerWithAGrantSeesEveryDocument(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let (child, documents) = try await Self.childWithDocuments(w)
            await expectRefusal(.notFound) {
                try await w.store.documents(on: .person(child.id), context: w.ctx(w.carol))
            }
            try await Self.grant(w, w.carol, to: child.id)
            let listed = try await w.store.documents(on: .person(child.id), context: w.ctx(w.carol))
            #expect(Set(listed.map(\.id)) == Set(documents.map(\.id)))
            #expect(listed.contains { $0.notForFamily } && listed.contains { $0.thirdParty && !$0.notForFamily })
            let before = try await w.env.count("audit_log")
            for document in documents {
                let content = try await w.store.documentContent(document.id, context: w.ctx(w.carol))
                #expect(content.bytes == SampleFiles.pdf && content.document.notForFamily == document.notForFamily)
            }
            let reads = try await w.env.recentAudit(10).filter { $0.seq > before }
            #expect(reads.count == documents.count)
            #expect(
                reads.allSatisfy {
                    $0.event.action == .read && $0.event.actorId == w.carol.id && $0.event.personId == child.id
                })
            // A read-only grant does not attach documents.
            let kept = try await w.env.count("documents")
            let refused = await throwsSomething {
                try await w.store.addDocument(
                    to: .person(child.id), SampleFiles.draft(), bytes: SampleFiles.pdf, context: w.ctx(w.carol))
            }
            let after = try await w.env.count("documents")
            #expect(refused && after == kept)
        }
    }
}
