import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Synthetic file contents: a PDF whose text is easy to look for, an image and some refusals.
enum SampleFiles {
    static let secret = "Synthetic medical report: bruising seen on 2026-11-20"
    static let pdf = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% \(secret)\n%%EOF\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 32)
    static let script = Array("#!/bin/sh\nrm -rf /\n".utf8)
    static let html = Array("<html><script>alert(1)</script></html>".utf8)
    static let exe: [UInt8] = [0x4D, 0x5A, 0x90, 0x00] + Array(repeating: 0, count: 60)

    static func draft(
        _ title: String = "Hospital letter", name: String = "letter.pdf", notForFamily: Bool = false
    )
        -> DocumentDraft
    {
        DocumentDraft(
            title: title, kind: "medical_report", fileName: name, description: "From the paediatrician.",
            thirdParty: true, notForFamily: notForFamily)
    }
}

@Suite("Documents in the store")
struct DocumentStoreTests {
    static func files(_ env: TestEnv) -> [String] {
        let paths = FileManager.default.enumerator(atPath: env.documentsFolder.path)?.allObjects as? [String] ?? []
        return paths.filter { !$0.contains(".upload-") && $0.count > 3 }
    }

    @Test(
        "A worker of the team uploads, lists, views and downloads; each is audited against the child",
        arguments: TestBackend.all)
    func uploadListViewDownload(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Dora", "Docson"), context: w.ctx(w.alice))
            let doc = try await w.store.addDocument(
                to: .person(child.id), SampleFiles.draft(notForFamily: true), bytes: SampleFiles.pdf,
                context: w.ctx(w.alice))
            #expect(doc.type == .pdf && doc.size == SampleFiles.pdf.count && doc.notForFamily && doc.thirdParty)
            #expect(doc.sha256.count == 64 && doc.uploadedBy == "Alice Example" && doc.kind == .medicalReport)
            let listed = try await w.store.documents(on: .person(child.id), context: w.ctx(w.bob))
            #expect(listed.map(\.id) == [doc.id])
            let shown = try await w.store.document(doc.id, context: w.ctx(w.bob))
            #expect(shown == doc)
            let content = try await w.store.documentContent(doc.id, context: w.ctx(w.manager))
            #expect(content.bytes == SampleFiles.pdf && content.document.id == doc.id)
            let entries = try await w.env.recentAudit(10)
            for (action, detail) in [(AuditAction.create, "Hospital letter"), (.read, "content read: letter.pdf")] {
                #expect(
                    entries.contains {
                        $0.event.action == action && $0.event.entityId == doc.id && $0.event.personId == child.id
                            && $0.event.detail == detail
                    }, "\(action)")
            }
            #expect(entries.contains { $0.event.entityType == "documents" && $0.event.actorId == w.bob.id })
            #expect(entries.contains { $0.event.detail == "metadata viewed" && $0.event.entityId == doc.id })
        }
    }

    @Test("The file on disk is encrypted: it holds none of the plaintext", arguments: TestBackend.all)
    func storedBytesAreEncrypted(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Enc", "Rypted"), context: w.ctx(w.alice))
            _ = try await w.store.addDocument(
                to: .person(child.id), SampleFiles.draft(), bytes: SampleFiles.pdf, context: w.ctx(w.alice))
            let files = Self.files(w.env)
            #expect(files.count == 1)
            let stored = try Data(contentsOf: w.env.documentsFolder.appendingPathComponent(files[0]))
            #expect(!stored.isEmpty && stored.range(of: Data(SampleFiles.secret.utf8)) == nil)
            #expect(stored.range(of: Data("%PDF".utf8)) == nil)
        }
    }

    @Test(
        "Another team's worker, a partner and a police officer get the one 404, audited; so does an unknown id",
        arguments: TestBackend.all)
    func othersAreRefused(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let health = try await w.env.createAgency("Northfield Health", kind: .health)
            let nurse = try await w.env.createUser("hv.hana", "Hana Visitor", role: .partner, agency: health, team: nil)
            let child = try await w.store.createPerson(Synthetic.child("Priv", "Ate"), context: w.ctx(w.alice))
            let doc = try await w.store.addDocument(
                to: .person(child.id), SampleFiles.draft(), bytes: SampleFiles.pdf, context: w.ctx(w.alice))
            for user in [w.carol, nurse, w.officer] {
                let before = try await w.env.count("audit_log")
                let errors = [
                    await expectRefusal(.notFound) { try await w.store.documentContent(doc.id, context: w.ctx(user)) },
                    await expectRefusal(.notFound) { try await w.store.document(doc.id, context: w.ctx(user)) },
                    await expectRefusal(.notFound) {
                        try await w.store.documents(on: .person(child.id), context: w.ctx(user))
                    },
                    await expectRefusal(.notFound) {
                        try await w.store.addDocument(
                            to: .person(child.id), SampleFiles.draft(), bytes: SampleFiles.pdf, context: w.ctx(user))
                    },
                ]
                #expect(errors.allSatisfy { $0?.message == AccessPolicy.noVisibleRecord })
                let denials = try await w.env.recentAudit(4)
                #expect(try await w.env.count("audit_log") == before + 4)
                #expect(denials.allSatisfy { $0.event.action == .denied && $0.event.personId == child.id })
            }
            let missing = await expectRefusal(.notFound) {
                try await w.store.documentContent(UUID(), context: w.ctx(w.carol))
            }
            #expect(missing?.message == AccessPolicy.noVisibleRecord)
            let kept = try await w.env.count("documents")
            #expect(kept == 1 && Self.files(w.env).count == 1)
        }
    }

    @Test(
        "Empty, oversize, a script, a web page or a program renamed .pdf, a bad title or name: 422, nothing stored",
        arguments: TestBackend.all)
    func badFilesStoreNothing(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Bad", "Files"), context: w.ctx(w.alice))
            let before = try await w.env.count("audit_log")
            let cases: [([UInt8], DocumentDraft, String, String)] = [
                ([], SampleFiles.draft(), "file", "empty"),
                (
                    SampleFiles.pdf + Array(repeating: 0x20, count: testDocumentMaxBytes), SampleFiles.draft(), "file",
                    "over the limit"
                ),
                (SampleFiles.script, SampleFiles.draft(name: "report.pdf"), "file", "script"),
                (SampleFiles.html, SampleFiles.draft(name: "report.pdf"), "file", "web page"),
                (SampleFiles.exe, SampleFiles.draft(name: "report.pdf"), "file", "program"),
                (SampleFiles.pdf, SampleFiles.draft(" "), "title", "required"),
                (SampleFiles.pdf, SampleFiles.draft(name: "evil\u{202E}fdp.exe"), "fileName", "direction"),
                (SampleFiles.pdf, SampleFiles.draft(name: "../../etc/passwd"), "fileName", "folder"),
            ]
            for (bytes, draft, field, words) in cases {
                let error = await expectRefusal(.invalid) {
                    try await w.store.addDocument(to: .person(child.id), draft, bytes: bytes, context: w.ctx(w.alice))
                }
                #expect(error?.fields == [field], "\(words)")
                #expect(error?.message.contains(words) == true, "\(words): \(String(describing: error?.message))")
            }
            #expect(try await w.env.count("documents") == 0)
            #expect(try await w.env.count("audit_log") == before)
            #expect(Self.files(w.env).isEmpty)
        }
    }

    @Test("A file altered or swapped on disk is refused, never served", arguments: TestBackend.all)
    func tamperedFileIsRefused(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Tam", "Pered"), context: w.ctx(w.alice))
            let one = try await w.store.addDocument(
                to: .person(child.id), SampleFiles.draft(), bytes: SampleFiles.pdf, context: w.ctx(w.alice))
            let two = try await w.store.addDocument(
                to: .person(child.id), SampleFiles.draft("Photo", name: "photo.png"), bytes: SampleFiles.png,
                context: w.ctx(w.alice))
            let blobs = try #require(w.store.documentBlobs as? FileDocumentBlobStore)
            var bytes = try Data(contentsOf: blobs.path(of: one.id))
            bytes[bytes.count - 5] ^= 0x01
            try bytes.write(to: blobs.path(of: one.id))
            let altered = await expectRefusal(.conflict) {
                try await w.store.documentContent(one.id, context: w.ctx(w.alice))
            }
            #expect(altered?.message.contains("altered") == true)
            try FileManager.default.removeItem(at: blobs.path(of: one.id))
            try FileManager.default.copyItem(at: blobs.path(of: two.id), to: blobs.path(of: one.id))
            await expectRefusal(.conflict) { try await w.store.documentContent(one.id, context: w.ctx(w.alice)) }
            #expect(try await w.store.documentContent(two.id, context: w.ctx(w.alice)).bytes == SampleFiles.png)
        }
    }

    @Test(
        "An episode's documents are on the child's list; an investigation's are for its police team only",
        arguments: TestBackend.all)
    func episodeAndInvestigationDocuments(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let (child, _, episode) = try await PipelineFixture.episode(w, name: "Epi")
            let onEpisode = try await w.store.addDocument(
                to: .episode(episode), SampleFiles.draft("Assessment letter"), bytes: SampleFiles.pdf,
                context: w.ctx(w.alice))
            #expect(try await w.store.documents(on: .person(child), context: w.ctx(w.bob)).map(\.id) == [onEpisode.id])
            #expect(
                try await w.store.documents(on: .episode(episode), context: w.ctx(w.bob)).map(\.id) == [onEpisode.id])
            await expectRefusal(.notFound) {
                try await w.store.documents(on: .episode(episode), context: w.ctx(w.carol))
            }

            let p = try await PoliceWorld.make(w)
            let investigation = try await p.open()
            let police = try await w.store.addDocument(
                to: .investigation(investigation.id), SampleFiles.draft("Scene photo", name: "scene.png"),
                bytes: SampleFiles.png, context: p.ctx(p.ash))
            #expect(try await w.store.documentContent(police.id, context: p.ctx(p.bea)).bytes == SampleFiles.png)
            await expectRefusal(.notFound) { try await w.store.document(police.id, context: p.ctx(p.dev)) }
            // Social care sees what the police share of the investigation; its documents are not shared.
            await expectRefusal(.forbidden) { try await w.store.document(police.id, context: w.ctx(w.alice)) }
            #expect(try await w.store.documents(on: .person(p.amy), context: w.ctx(w.alice)).isEmpty)
        }
    }
}
