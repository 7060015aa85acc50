import Foundation
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Statements for court in the store")
struct StatementStoreTests {
    static func draft(_ title: String, background: String = "", truth: Bool = false) -> StatementDraft {
        StatementDraft(
            title: title, proceedings: "ZW26C00123",
            sections: [.introduction: "I am a social worker.", .background: background],
            truth: StatementOfTruth(
                confirmed: truth, name: truth ? "Alice Example" : nil, signedOn: truth ? Synthetic.today : nil))
    }

    static func counts(_ w: World) async throws -> [Int] {
        [try await w.env.count("court_statements"), try await w.env.count("court_statement_versions")]
    }

    static func grant(_ w: World, _ person: UUID, _ user: UUID, edit: Bool) async throws {
        try await w.env.execute(
            """
            INSERT INTO access_grants (id, person_id, user_id, can_edit, reason, granted_at)
            VALUES ('\(UUID().uuidString)', '\(person.uuidString)', '\(user.uuidString)', \(edit ? 1 : 0), 'court',
                '\(Timestamp.string(testNow))')
            """)
    }

    @Test(
        "Each save is a new version; history is kept unchanged; a stale version is a 409 and writes nothing",
        arguments: TestBackend.all)
    func versionsAreKept(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Sara", "Statement"), context: w.ctx(w.alice))
            let started = try await w.store.startStatement(
                for: child.id, Self.draft("First words"), context: w.ctx(w.alice))
            let id = started.statement.id
            #expect(started.statement.version == 1 && started.statement.authorRole == .socialWorker)
            _ = try await w.store.saveStatement(
                id, of: child.id, Self.draft("Second words", background: "Known since 2024."), expectedVersion: 1,
                context: w.ctx(w.alice))
            let third = try await w.store.saveStatement(
                id, of: child.id, Self.draft("Third words"), expectedVersion: 2, context: w.ctx(w.alice))
            #expect(third.versions.map(\.number) == [3, 2, 1])
            #expect(third.versions.map(\.content.title) == ["Third words", "Second words", "First words"])
            #expect(third.versions[1].content.text(.background) == "Known since 2024.")

            let before = try await Self.counts(w)
            let stale = await expectRefusal(.conflict) {
                try await w.store.saveStatement(
                    id, of: child.id, Self.draft("Late"), expectedVersion: 2, context: w.ctx(w.alice))
            }
            #expect(stale?.message.contains("newer version") == true)
            await expectRefusal(.invalid) {
                try await w.store.saveStatement(
                    id, of: child.id, Self.draft(String(repeating: "x", count: 201)), expectedVersion: 3,
                    context: w.ctx(w.alice))
            }
            await expectRefusal(.invalid) {
                try await w.store.saveStatement(
                    id, of: child.id, Self.draft("Bidi \u{202E}gnirts"), expectedVersion: 3, context: w.ctx(w.alice))
            }
            // Bob is in the author's team but is not the author.
            await expectRefusal(.forbidden) {
                try await w.store.saveStatement(
                    id, of: child.id, Self.draft("Bob's"), expectedVersion: 3, context: w.ctx(w.bob))
            }
            #expect(try await Self.counts(w) == before, "nothing written")
            let reread = try await w.store.statement(id, of: child.id, context: w.ctx(w.bob))
            #expect(reread.versions.count == 3 && reread.versions.last?.content.title == "First words")
        }
    }

    @Test(
        "Chronology entries are copied in as editable wording; the events stay as they were; lines cannot be invented",
        arguments: TestBackend.all)
    func chronologyIsInserted(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Cora", "Chronicle"), context: w.ctx(w.alice))
            _ = try await w.store.addNote(
                to: child.id,
                CaseNoteDraft(
                    notedOn: Synthetic.today, kind: .observation, significant: true,
                    body: "Bruise seen on the left arm."), context: w.ctx(w.alice))
            let entries = try await w.store.chronology(of: child.id, context: w.ctx(w.alice))
            let entry = try #require(entries.first)
            let started = try await w.store.startStatement(
                for: child.id, Self.draft("Chronology"), context: w.ctx(w.alice))
            let id = started.statement.id
            let inserted = try await w.store.insertChronology(
                into: id, of: child.id, entryIds: [entry.id], expectedVersion: 1, context: w.ctx(w.alice))
            let line = try #require(inserted.current?.content.chronology.first)
            #expect(line.sourceId == entry.id && line.date == entry.date && line.text.contains("Bruise seen"))

            var edited = try #require(inserted.current?.content)
            edited.chronology = [
                StatementChronologyLine(sourceId: entry.id, date: entry.date, text: "A bruise was seen.")
            ]
            let saved = try await w.store.saveStatement(
                id, of: child.id, edited, expectedVersion: 2, context: w.ctx(w.alice))
            #expect(saved.current?.content.chronology.first?.text == "A bruise was seen.")
            #expect(
                try await w.store.chronology(of: child.id, context: w.ctx(w.alice)).first?.detail
                    == "Bruise seen on the left arm.")

            let before = try await Self.counts(w)
            var invented = edited
            invented.chronology.append(
                StatementChronologyLine(sourceId: UUID(), date: Synthetic.today, text: "Made up."))
            let refused = await expectRefusal(.invalid) {
                try await w.store.saveStatement(id, of: child.id, invented, expectedVersion: 3, context: w.ctx(w.alice))
            }
            #expect(refused?.fields == ["chronology[1]"])
            var redated = edited
            redated.chronology = [
                StatementChronologyLine(sourceId: entry.id, date: Synthetic.date("2020-01-01"), text: "x")
            ]
            await expectRefusal(.invalid) {
                try await w.store.saveStatement(id, of: child.id, redated, expectedVersion: 3, context: w.ctx(w.alice))
            }
            let other = await expectRefusal(.invalid) {
                try await w.store.insertChronology(
                    into: id, of: child.id, entryIds: [UUID()], expectedVersion: 3, context: w.ctx(w.alice))
            }
            #expect(other?.fields == ["entryIds"])
            #expect(try await Self.counts(w) == before, "nothing written")
        }
    }

    @Test(
        "A manager of the author's team signs off a confirmed version, which is then frozen; everyone else is refused",
        arguments: TestBackend.all)
    func signOffFreezes(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Sid", "Signoff"), context: w.ctx(w.alice))
            let id = try await w.store.startStatement(for: child.id, Self.draft("Unconfirmed"), context: w.ctx(w.alice))
                .statement.id
            let before = try await Self.counts(w)
            let unconfirmed = await expectRefusal(.conflict) {
                try await w.store.signOffStatement(id, of: child.id, version: 1, context: w.ctx(w.manager))
            }
            #expect(unconfirmed?.message.contains("statement of truth") == true)
            _ = try await w.store.saveStatement(
                id, of: child.id, Self.draft("Confirmed", truth: true), expectedVersion: 1, context: w.ctx(w.alice))
            await expectRefusal(.forbidden) {
                try await w.store.signOffStatement(id, of: child.id, version: 2, context: w.ctx(w.alice))
            }
            await expectRefusal(.forbidden) {
                try await w.store.signOffStatement(id, of: child.id, version: 2, context: w.ctx(w.bob))
            }
            await expectRefusal(.notFound) {
                try await w.store.signOffStatement(id, of: child.id, version: 2, context: w.ctx(w.carol))
            }
            await expectRefusal(.conflict) {
                try await w.store.signOffStatement(id, of: child.id, version: 1, context: w.ctx(w.manager))
            }
            #expect(try await w.env.count("court_statement_versions") == before[1] + 1)
            let signed = try await w.store.signOffStatement(id, of: child.id, version: 2, context: w.ctx(w.manager))
            #expect(signed.statement.isSigned && signed.current?.signedByName == "Mina Manager" && !signed.canSignOff)
            await expectRefusal(.conflict) {
                try await w.store.signOffStatement(id, of: child.id, version: 2, context: w.ctx(w.manager))
            }
            let next = try await w.store.saveStatement(
                id, of: child.id, Self.draft("After sign-off"), expectedVersion: 2, context: w.ctx(w.alice))
            #expect(next.statement.version == 3 && next.statement.signedVersion == 2 && !next.statement.isSigned)
            let frozen = try #require(next.versions.first { $0.number == 2 })
            #expect(frozen.content.title == "Confirmed" && frozen.signedByName == "Mina Manager")
            let audit = try await w.env.recentAudit(6)
            #expect(audit.contains { $0.event.detail == "version 2 signed off" && $0.event.personId == child.id })
        }
    }

    @Test(
        "Another team's worker gets 404 and a partner with a grant 403, each audited, nothing written",
        arguments: TestBackend.all)
    func otherTeamsAndPartnersAreRefused(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Pia", "Private"), context: w.ctx(w.alice))
            let id = try await w.store.startStatement(for: child.id, Self.draft("Private"), context: w.ctx(w.alice))
                .statement.id
            let school = try await w.env.createAgency("Riverside Primary", kind: .school)
            let partner = try await w.env.createUser("dsl", "Dee School", role: .partner, agency: school, team: nil)
            try await Self.grant(w, child.id, partner.id, edit: true)
            let before = try await Self.counts(w)
            await expectRefusal(.notFound) {
                try await w.store.startStatement(for: child.id, Self.draft("Carol's"), context: w.ctx(w.carol))
            }
            await expectRefusal(.notFound) { try await w.store.statement(id, of: child.id, context: w.ctx(w.carol)) }
            await expectRefusal(.notFound) { try await w.store.statements(of: child.id, context: w.ctx(w.carol)) }
            await expectRefusal(.notFound) { try await w.store.statement(id, of: child.id, context: w.ctx(w.officer)) }
            await expectRefusal(.forbidden) {
                try await w.store.startStatement(for: child.id, Self.draft("School's"), context: w.ctx(partner))
            }
            await expectRefusal(.forbidden) { try await w.store.statement(id, of: child.id, context: w.ctx(partner)) }
            await expectRefusal(.forbidden) { try await w.store.statements(of: child.id, context: w.ctx(partner)) }
            // A statement id on another child is not found on this one.
            let other = try await w.store.createPerson(Synthetic.child("Oli", "Other"), context: w.ctx(w.alice))
            await expectRefusal(.notFound) { try await w.store.statement(id, of: other.id, context: w.ctx(w.alice)) }
            #expect(try await Self.counts(w) == before, "nothing written")
            let denials = try await w.env.recentAudit(8).filter { $0.event.action == .denied }
            #expect(denials.count >= 7 && denials.allSatisfy { $0.event.personId == child.id })
        }
    }

    @Test(
        "A police officer who may read the child writes a police statement; social care read it; other forces do not",
        arguments: TestBackend.all)
    func policeStatements(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Pol", "Police"), context: w.ctx(w.alice))
            try await Self.grant(w, child.id, w.officer.id, edit: false)
            let file = try await w.store.startStatement(
                for: child.id, Self.draft("Officer's statement"), context: w.ctx(w.officer))
            #expect(file.statement.authorRole == .police && file.canEdit && !file.canSignOff)
            let read = try await w.store.statement(file.statement.id, of: child.id, context: w.ctx(w.alice))
            #expect(!read.canEdit && !read.canSignOff)
            await expectRefusal(.forbidden) {
                try await w.store.signOffStatement(
                    file.statement.id, of: child.id, version: 1, context: w.ctx(w.manager))
            }
            let otherForce = try await w.env.createAgency("Southshire Police", kind: .police)
            let stranger = try await w.env.createUser(
                "pc.south", "Sam South", role: .police, agency: otherForce, team: nil)
            try await Self.grant(w, child.id, stranger.id, edit: false)
            await expectRefusal(.forbidden) {
                try await w.store.statement(file.statement.id, of: child.id, context: w.ctx(stranger))
            }
            #expect(try await w.store.statements(of: child.id, context: w.ctx(stranger)).statements.isEmpty)
            let colleague = try await w.env.createUser("pc.sgt", "Sgt Lee", role: .police, agency: w.police, team: nil)
            try await Self.grant(w, child.id, colleague.id, edit: false)
            _ = try await w.store.saveStatement(
                file.statement.id, of: child.id, Self.draft("Officer's statement", truth: true), expectedVersion: 1,
                context: w.ctx(w.officer))
            let signed = try await w.store.signOffStatement(
                file.statement.id, of: child.id, version: 2, context: w.ctx(colleague))
            #expect(signed.statement.isSigned)
        }
    }
}
