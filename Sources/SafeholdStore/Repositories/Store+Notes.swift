import Foundation
import SQLKit
import SafeholdCore

/// A note found by full-text search, with the child it is about.
public struct NoteHit: Sendable, Hashable {
    public let note: CaseNote
    public let child: PersonSummary
}

extension Store {
    /// Adds a case note to a record the actor may edit.
    public func addNote(to personId: UUID, _ draft: CaseNoteDraft, context: AuditContext) async throws -> CaseNote {
        let draft = try draft.validated(today: today)
        let note = CaseNote(
            id: ids.next(), personId: personId, notedOn: draft.notedOn, kind: draft.kind,
            significant: draft.significant,
            body: draft.body, authorName: context.actorName)
        return try await act(on: .person(personId), .edit, "case_note", context: context) { db, access in
            let episode = try await db.raw(
                "SELECT id FROM episodes WHERE person_id = \(bind: personId.db) AND closed_on IS NULL"
            ).first()?.uuid("id")
            let notedOn = note.notedOn.description
            let authorId = access.actor.userId.db
            try await db.raw(
                """
                INSERT INTO case_notes \
                (id, person_id, episode_id, noted_on, note_type, significant, body, author_id, author_name, created_at)
                VALUES (\(bind: note.id.db), \(bind: personId.db), \(bind: episode?.db), \(bind: notedOn),
                    \(bind: note.kind.rawValue), \(bind: note.significant.db), \(bind: note.body), \(bind: authorId),
                    \(bind: note.authorName), \(bind: self.nowText))
                """
            ).run()
            access.audit(.create, "case_note", entityId: note.id)
            return note
        }
    }

    /// Full-text search over case notes, only on records the actor may open (FTS5 on SQLite,
    /// a tsvector index on PostgreSQL); every child whose notes are shown is audited.
    public func searchNotes(_ text: String, context: AuditContext, limit: Int = 50) async throws -> [NoteHit] {
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init).filter { !$0.isEmpty }
            .prefix(10)
        guard !words.isEmpty, text.count <= 200 else {
            throw SafeholdError.invalid([
                FieldError("q", "give one or more words to search for (200 characters at most)")
            ])
        }
        let dialect = database.dialect
        return try await list(
            "note_search", detail: "'\(text.prefix(100))'", context: context,
            people: { [$0.child.id] }
        ) { db, scope -> [NoteHit] in
            // When the actor may open only a few children's records (their own, their team's), the notes are read
            // from those children's (`case_notes_person`) and only their ids checked against the words' matches: at
            // a million children, reading every matching note to learn whose it is read thousands of rows from disk.
            let match: SQLQueryString
            switch dialect {
            case .sqlite:
                let query = words.map { "\"\($0)\"" }.joined(separator: " ")
                // `+` keeps SQLite from starting at the matches when it can start from the children.
                let rowid: SQLQueryString = scope.viewAmong == nil ? "n.rowid" : "+n.rowid"
                match = "\(rowid) IN (SELECT rowid FROM case_notes_fts WHERE case_notes_fts MATCH \(bind: query))"
            case .postgres:
                match = "n.body_search @@ plainto_tsquery('english', \(bind: words.joined(separator: " ")))"
            }
            return try await db.raw(
                """
                SELECT n.*, \(unsafeRaw: Self.summaryColumns), 1 AS can_view \
                FROM case_notes n JOIN persons p ON p.id = n.person_id
                WHERE \(scope.startingAmong("n.person_id"))\(match) AND \(scope.view)
                ORDER BY n.noted_on DESC LIMIT \(literal: limit)
                """
            ).all().map { NoteHit(note: try Self.note($0), child: try Self.summary($0)) }
        }
    }

    static func note(_ row: any SQLRow) throws -> CaseNote {
        CaseNote(
            id: try row.uuid("id"), personId: try row.uuid("person_id"),
            notedOn: try row.date("noted_on"),
            kind: try row.code("note_type", as: CaseNote.Kind.self), significant: try row.flag("significant"),
            body: try row.string("body"), authorName: try row.string("author_name"))
    }
}
