import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The episode (on the child's page) and the investigation page list and link the documents attached to them,
/// read through the store's audited read; the social care, who see only what the police share of an
/// investigation, are not shown its documents.
@Suite struct RecordDocumentLinksTests {
    @Test func theEpisodeAndTheInvestigationListTheirDocumentsWithLinks() async throws {
        try await WebFixture.withApp { f, client in
            let north = AuditContext(actor: f.north.actor, ipAddress: nil)
            let contact = try await f.store.recordContact(
                ContactDraft(
                    receivedAt: f.clock.now(), source: .schools, referrerName: "Teacher", referrerAgency: nil,
                    childIds: [f.child.id], concern: "Bruise seen at school."), context: north)
            _ = try await f.store.triage(
                contact.id,
                TriageDraft(decision: .strategyDiscussion, reason: "Harm", urgency: .red, referrerInformedOn: nil),
                expectedVersion: 1, context: AuditContext(actor: f.manager.actor, ipAddress: nil))
            let episode = try #require(try await f.store.episodes(of: f.child.id, context: north).first).id
            let onEpisode = try await f.store.addDocument(
                to: .episode(episode),
                DocumentDraft(
                    title: "Strategy discussion notes", kind: "other", fileName: "notes.pdf", thirdParty: true),
                bytes: MultipartBody.pdf, context: north)
            let onChild = try await f.store.addDocument(
                to: .person(f.child.id), DocumentDraft(title: "School letter", kind: "letter", fileName: "l.pdf"),
                bytes: MultipartBody.pdf, context: north)
            let police = try await RouteAccessTests.seedPolice(f)
            let onInvestigation = try await f.store.addDocument(
                to: .investigation(police.investigation),
                DocumentDraft(title: "Witness statement MG11", kind: "other", fileName: "mg11.pdf", notForFamily: true),
                bytes: MultipartBody.pdf, context: AuditContext(actor: f.police.actor, ipAddress: nil))

            let worker = try await f.session(f.north)
            let before = try await f.count("audit_log")
            let person = try await client.execute(uri: "/people/\(f.child.id)", method: .get, headers: worker.headers)
            #expect(person.status == .ok)
            #expect(person.text.contains("href=\"/documents/\(onEpisode.id)\">Strategy discussion notes</a>"))
            #expect(person.text.contains("href=\"/episodes/\(episode)/documents\""))
            #expect(!person.text.contains("/documents/\(onChild.id)\""), "the episode lists its own documents only")
            let reads = try await f.store.audit.recent(limit: 40).filter {
                $0.seq > before && $0.event.entityType == "documents" && $0.event.action == .read
                    && $0.event.personId == f.child.id && $0.event.actorId == f.north.id
            }
            #expect(reads.count == 1, "the episode's documents are read once, audited against the child")
            let list = try await client.execute(
                uri: "/episodes/\(episode)/documents", method: .get, headers: worker.headers)
            #expect(list.status == .ok && list.text.contains("href=\"/people/\(f.child.id)#episodes\""))
            #expect(list.text.contains("Strategy discussion notes"))

            let officer = try await f.session(f.police)
            let file = try await client.execute(
                uri: "/investigations/\(police.investigation)", method: .get, headers: officer.headers)
            #expect(file.status == .ok)
            #expect(file.text.contains("href=\"/documents/\(onInvestigation.id)\">Witness statement MG11</a>"))
            #expect(file.text.contains("href=\"/investigations/\(police.investigation)/documents\""))
            let opened = try await client.execute(
                uri: "/documents/\(onInvestigation.id)", method: .get, headers: officer.headers)
            #expect(opened.status == .ok && opened.text.contains("Not to be disclosed to the family"))

            // Social care see what the police share: not the investigation's documents.
            let shared = try await client.execute(
                uri: "/investigations/\(police.investigation)", method: .get, headers: worker.headers)
            if shared.status == .ok {
                #expect(!shared.text.contains("Witness statement MG11"))
                #expect(!shared.text.contains("/investigations/\(police.investigation)/documents"))
            }
        }
    }
}
