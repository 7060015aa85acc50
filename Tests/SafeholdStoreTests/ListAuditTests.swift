import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Lists and searches record which children's data they returned: one entry a list, naming a receipt that
/// carries every person shown and no other.
@Suite("Lists and searches audit every child they show")
struct ListAuditTests {
    /// The people `user` was recorded reading through `entity` since the audit log held `after` entries.
    func shown(_ w: World, _ user: User, _ entity: String, after: Int) async throws -> [UUID] {
        let entries = try await w.env.recentAudit(500).filter {
            $0.seq > after && $0.event.actorId == user.id && $0.event.entityType == entity
        }
        #expect(entries.count == 1, "one entry for the list")
        return try await w.env.peopleRead(in: entries)
    }

    @Test(
        "Caseload, due list, person search and note search each audit exactly the children they return",
        arguments: TestBackend.all)
    func listsAuditEachChildShown(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let worked = try await PipelineFixture.episodeWithPlan(w, name: "Listed")
            let other = try await w.store.createPerson(Synthetic.child("Olga", "Elsewhere"), context: w.ctx(w.carol))
            _ = try await w.store.addNote(
                to: worked.child,
                CaseNoteDraft(
                    notedOn: Synthetic.today, kind: .observation,
                    significant: false, body: "Walrus drawing at school."),
                context: w.ctx(w.alice))
            _ = try await w.store.addNote(
                to: other.id,
                CaseNoteDraft(
                    notedOn: Synthetic.today, kind: .observation,
                    significant: false, body: "Walrus drawing at home."),
                context: w.ctx(w.carol))

            var mark = try await w.env.count("audit_log")
            let (mine, team) = try await w.store.caseload(context: w.ctx(w.alice))
            #expect(Set(try await shown(w, w.alice, "caseload", after: mark)) == Set((mine + team).map(\.id)))
            #expect(!(mine + team).isEmpty)

            w.env.clock.advance(by: 40 * 86_400)  // the plan's first visit and core group fall due
            mark = try await w.env.count("audit_log")
            let due = try await w.store.dueList(.service, context: w.ctx(w.alice))
            #expect(!due.isEmpty)
            #expect(Set(try await shown(w, w.alice, "due_list", after: mark)) == Set(due.map(\.child.id)))

            mark = try await w.env.count("audit_log")
            let found = try await w.store.search(PersonQuery(text: "Elsewhere"), context: w.ctx(w.alice))
            #expect(found.map(\.id) == [other.id], "found by name only")
            #expect(try await shown(w, w.alice, "search", after: mark) == [other.id])

            mark = try await w.env.count("audit_log")
            let notes = try await w.store.searchNotes("walrus", context: w.ctx(w.alice))
            #expect(notes.map(\.child.id) == [worked.child])
            #expect(try await shown(w, w.alice, "note_search", after: mark) == [worked.child])
            let query = try await w.env.recentAudit(5).first {
                $0.event.action == .search && $0.event.entityType == "note_search"
            }
            #expect(query?.event.detail?.contains("walrus") == true)
        }
    }

    @Test("A list that shows nobody still records that it was read, naming no child", arguments: TestBackend.all)
    func emptyListIsAudited(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let mark = try await w.env.count("audit_log")
            let lines = try await w.store.dueList(.mine, context: w.ctx(w.carol))
            #expect(lines.isEmpty)
            let entries = try await w.env.recentAudit(5).filter { $0.seq > mark }
            #expect(entries.count == 1)
            #expect(entries.first?.event.personId == nil && entries.first?.event.actorId == w.carol.id)
        }
    }
}
