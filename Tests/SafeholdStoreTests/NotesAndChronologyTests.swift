import Foundation
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Case notes and the chronology")
struct NotesAndChronologyTests {
    @Test("Full-text note search finds words on records the user may open and nothing else", arguments: TestBackend.all)
    func noteSearchIsScoped(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let ours = try await w.store.createPerson(Synthetic.child("Nell", "Notewell"), context: w.ctx(w.alice))
            let theirs = try await w.store.createPerson(Synthetic.child("Otto", "Otherteam"), context: w.ctx(w.carol))
            _ = try await w.store.addNote(
                to: ours.id,
                CaseNoteDraft(
                    notedOn: Synthetic.today, kind: .phoneCall, significant: false,
                    body: "Grandmother phoned about the bruising on Nell's wrist."),
                context: w.ctx(w.alice))
            _ = try await w.store.addNote(
                to: theirs.id,
                CaseNoteDraft(
                    notedOn: Synthetic.today, kind: .observation, significant: true,
                    body: "Bruising noticed at nursery."), context: w.ctx(w.carol))
            let found = try await w.store.searchNotes("bruising", context: w.ctx(w.alice))
            #expect(found.map(\.child.id) == [ours.id])
            #expect(try await w.store.searchNotes("wrist grandmother", context: w.ctx(w.bob)).count == 1)
            #expect(try await w.store.searchNotes("nursery", context: w.ctx(w.alice)).isEmpty)
            #expect(try await w.store.searchNotes("bruising", context: w.ctx(w.carol)).map(\.child.id) == [theirs.id])
            await expectRefusal(.invalid) { try await w.store.searchNotes("  \"*  ", context: w.ctx(w.alice)) }
            await expectRefusal(.notFound) {
                try await w.store.addNote(
                    to: ours.id, CaseNoteDraft(notedOn: Synthetic.today, kind: .email, significant: false, body: "x"),
                    context: w.ctx(w.carol))
            }
            await expectRefusal(.invalid) {
                try await w.store.addNote(
                    to: ours.id,
                    CaseNoteDraft(
                        notedOn: Synthetic.date("2030-01-01"), kind: .email, significant: false,
                        body: "future"), context: w.ctx(w.alice))
            }
        }
    }

    @Test(
        """
        The chronology puts contacts, steps and significant notes in date order, \
        keeps analysis beside events, and filters
        """,
        arguments: TestBackend.all)
    func chronologyOrderAndAnalysis(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let door = try await w.env.createTeam("Front Door", in: w.council)
            let frontDoor = try await w.env.createUser(
                "door", "Dee Door", role: .frontDoor, agency: w.council, team: door)
            let child = try await w.store.createPerson(Synthetic.child("Cora", "Chronicle"), context: w.ctx(w.alice))
            _ = try await w.store.addNote(
                to: child.id,
                CaseNoteDraft(
                    notedOn: Synthetic.date("2026-11-20"), kind: .observation,
                    significant: true, body: "Cora arrived at school hungry."),
                context: w.ctx(w.alice))
            _ = try await w.store.addNote(
                to: child.id,
                CaseNoteDraft(
                    notedOn: Synthetic.date("2026-11-21"), kind: .email,
                    significant: false, body: "Routine email."), context: w.ctx(w.alice))
            let contact = try await w.store.recordContact(
                ContactDraft(
                    receivedAt: testNow, source: .schools, referrerName: "DSL", referrerAgency: "School",
                    childIds: [child.id], concern: "Hungry again; thin clothing."), context: w.ctx(w.alice))
            _ = try await w.store.triage(
                contact.id,
                TriageDraft(
                    decision: .assessment, reason: "Neglect indicators", urgency: .amber,
                    referrerInformedOn: Synthetic.today), expectedVersion: 1, context: w.ctx(frontDoor))
            let episode = try #require(try await w.store.episodes(of: child.id, context: w.ctx(w.alice)).first)
            let visit = try await w.store.recordStep(
                .visit(
                    on: Synthetic.today, visitor: "Alice", childSeen: true, seenAlone: true, location: "Home",
                    observations: "Cupboards empty.",
                    childsWords: "I had crisps for tea."), episode: episode.id, expectedSteps: 0,
                context: w.ctx(w.alice))
            let entries = try await w.store.chronology(of: child.id, context: w.ctx(w.alice))
            #expect(entries.map(\.kind) == [.note, .contact, .step])
            #expect(entries.last?.detail.contains("I had crisps for tea.") == true)
            try await w.store.addAnalysis(
                to: visit.id, of: child.id, body: "Pattern of food poverty across three sources.",
                context: w.ctx(w.alice))
            let withAnalysis = try await w.store.chronology(of: child.id, context: w.ctx(w.alice))
            #expect(withAnalysis.last?.analysis.map(\.body) == ["Pattern of food poverty across three sources."])
            #expect(withAnalysis.last?.detail == entries.last?.detail, "analysis never changes the event")
            #expect(try await w.store.chronology(of: child.id, kinds: [.step], context: w.ctx(w.alice)).count == 1)
            #expect(
                try await w.store.chronology(of: child.id, from: Synthetic.date("2026-11-24"), context: w.ctx(w.alice))
                    .count == 2)
            await expectRefusal(.notFound) { try await w.store.chronology(of: child.id, context: w.ctx(w.carol)) }
            await expectRefusal(.notFound) {
                try await w.store.addAnalysis(to: UUID(), of: child.id, body: "x", context: w.ctx(w.alice))
            }
        }
    }
}
