import SQLKit
import SafeholdStore

extension Store {
    /// Runs a bulk load of case notes with the note index's merging put off until the end.
    ///
    /// SQLite's note index (FTS5) gains a segment with every batch a loader commits, and by default merges segments
    /// four at a time as they build up (`automerge`): over a million children's notes every word is rewritten four
    /// or five times. For the load it merges only when one level holds `crisismerge` (64) segments, and at the end
    /// the whole index is merged into one segment (`optimize`) and its usual settings are put back. A load that
    /// stops part-way leaves more segments than usual, which are read correctly (just more slowly) and are merged
    /// whenever a level reaches 64. On PostgreSQL this just runs `body`.
    public func loadingNotesInBulk<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        guard database.dialect == .sqlite else { return try await body() }
        try await noteIndex(["automerge": 0, "crisismerge": 64])
        let result: T
        do {
            result = try await body()
        } catch {
            try? await noteIndex(Self.noteIndexDefaults)
            throw error
        }
        try await database.bulkTransaction { db in
            try await db.raw("INSERT INTO case_notes_fts (case_notes_fts) VALUES ('optimize')").run()
        }
        try await noteIndex(Self.noteIndexDefaults)
        return result
    }

    /// FTS5's own defaults for the settings `loadingNotesInBulk` changes.
    static var noteIndexDefaults: KeyValuePairs<String, Int> { ["automerge": 4, "crisismerge": 16] }

    private func noteIndex(_ settings: KeyValuePairs<String, Int>) async throws {
        try await database.transaction { db in
            for (name, value) in settings { try await Self.setNoteIndex(name, value, on: db) }
        }
    }
}
