import Foundation
import SQLKit
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import Testing

/// `Store.loadingNotesInBulk`: a bulk load's notes are indexed with merging put off, then merged once; nothing is
/// lost and the index's settings are put back whether the load finishes or fails.
@Suite("Loading notes in bulk")
struct NoteIndexMergeTests {
    private struct Refused: Error {}

    /// The note index's settings as stored (SQLite only).
    private static func settings(_ w: World) async throws -> [String: Int] {
        try await w.env.database.withConnection { db in
            try await db.raw("SELECT k, v FROM case_notes_fts_config WHERE k IN ('automerge', 'crisismerge')").all()
        }.reduce(into: [:]) {
            $0[try $1.decode(column: "k", as: String.self)] = try $1.decode(column: "v", as: Int.self)
        }
    }

    private static func note(_ body: String) -> CaseNoteDraft {
        CaseNoteDraft(notedOn: Synthetic.today, kind: .observation, significant: false, body: body)
    }

    @Test(
        "Notes written with the index's merges put off are all found afterwards, and its settings are put back",
        arguments: TestBackend.all)
    func everyNoteIsFoundAfterTheMerge(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Nia", "Notes"), context: w.ctx(w.alice))
            // One commit each: forty segments, none merged until the end.
            try await w.store.loadingNotesInBulk {
                for n in 0..<40 {
                    _ = try await w.store.addNote(
                        to: child.id, Self.note("kestrel visit \(n)"), context: w.ctx(w.alice))
                }
                // A bidi override is refused as it always is, and the load goes on; combining marks are kept.
                await #expect(throws: SafeholdError.self) {
                    _ = try await w.store.addNote(
                        to: child.id, Self.note("said \u{202E}osprey\u{202C}"), context: w.ctx(w.alice))
                }
                _ = try await w.store.addNote(
                    to: child.id, Self.note("Zoe\u{0308} saw an osprey"), context: w.ctx(w.alice))
            }
            let marked = try await w.store.searchNotes("osprey", context: w.ctx(w.alice))
            #expect(marked.map(\.note.body) == ["Zoe\u{0308} saw an osprey"])
            let found = try await w.store.searchNotes("kestrel", context: w.ctx(w.alice), limit: 100)
            #expect(Set(found.map(\.note.body)) == Set((0..<40).map { "kestrel visit \($0)" }))
            #expect(try await w.store.searchNotes("visit 17", context: w.ctx(w.alice)).count >= 1)
            if backend == .sqlite { #expect(try await Self.settings(w) == ["automerge": 4, "crisismerge": 16]) }
        }
    }

    @Test("A bulk load that fails still puts the note index's settings back", arguments: TestBackend.all)
    func aFailedLoadPutsTheSettingsBack(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Nia", "Notes"), context: w.ctx(w.alice))
            await #expect(throws: Refused.self) {
                try await w.store.loadingNotesInBulk {
                    _ = try await w.store.addNote(to: child.id, Self.note("merlin call"), context: w.ctx(w.alice))
                    throw Refused()
                }
            }
            #expect(try await w.store.searchNotes("merlin", context: w.ctx(w.alice)).count == 1)
            if backend == .sqlite { #expect(try await Self.settings(w) == ["automerge": 4, "crisismerge": 16]) }
        }
    }
}
