import Foundation
import SafeholdCore

/// Documents attached to a child's record, an episode or an investigation (metadata only: the content is
/// held encrypted in the documents folder, `DocumentBlobStore`), and body maps with their marks and the
/// photographs (documents on the same child) attached to each mark.
enum Migration019Documents {
    static let migration = Migration(version: 19, name: "documents and body maps") { _ in
        [
            """
            CREATE TABLE documents (
                id TEXT PRIMARY KEY, owner_kind TEXT NOT NULL, owner_id TEXT NOT NULL,
                person_id TEXT REFERENCES persons(id), title TEXT NOT NULL, kind TEXT NOT NULL,
                file_name TEXT NOT NULL, content_type TEXT NOT NULL, size_bytes BIGINT NOT NULL,
                sha256 TEXT NOT NULL, third_party INTEGER NOT NULL, not_for_family INTEGER NOT NULL,
                description TEXT, uploaded_by TEXT NOT NULL REFERENCES users(id), uploaded_by_name TEXT NOT NULL,
                uploaded_at TEXT NOT NULL)
            """,
            "CREATE INDEX documents_owner ON documents (owner_kind, owner_id, uploaded_at)",
            "CREATE INDEX documents_person ON documents (person_id, uploaded_at)",
            """
            CREATE TABLE body_maps (
                id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id), seen_on TEXT NOT NULL,
                notes TEXT, recorded_by TEXT NOT NULL REFERENCES users(id), recorded_by_name TEXT NOT NULL,
                recorded_at TEXT NOT NULL, version BIGINT NOT NULL, updated_at TEXT NOT NULL)
            """,
            "CREATE INDEX body_maps_person ON body_maps (person_id, seen_on)",
            """
            CREATE TABLE body_map_marks (
                body_map_id TEXT NOT NULL REFERENCES body_maps(id), number BIGINT NOT NULL, site TEXT NOT NULL,
                mark_type TEXT NOT NULL, size_mm BIGINT NOT NULL, colour TEXT, explanation TEXT, explained_by TEXT,
                seen_by TEXT NOT NULL, PRIMARY KEY (body_map_id, number))
            """,
            """
            CREATE TABLE body_map_photos (
                body_map_id TEXT NOT NULL REFERENCES body_maps(id), number BIGINT NOT NULL,
                document_id TEXT NOT NULL REFERENCES documents(id), PRIMARY KEY (body_map_id, number, document_id))
            """,
        ]
    }
}
