import Foundation
import SafeholdCore

/// Statements for court with every saved version (never rewritten; a sign-off is recorded on its version once),
/// and court bundle requests (what goes in, what is redacted) from which each bundle PDF is produced.
enum Migration021Statements {
    static let migration = Migration(version: 21, name: "statements and court bundles") { _ in
        [
            """
            CREATE TABLE court_statements (
                id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id),
                author_id TEXT NOT NULL REFERENCES users(id), author_name TEXT NOT NULL, author_role TEXT NOT NULL,
                team_id TEXT REFERENCES teams(id), agency_id TEXT NOT NULL REFERENCES agencies(id),
                title TEXT NOT NULL, proceedings TEXT, version BIGINT NOT NULL, signed_version BIGINT,
                created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
            """,
            "CREATE INDEX court_statements_person ON court_statements (person_id, created_at)",
            """
            CREATE TABLE court_statement_versions (
                statement_id TEXT NOT NULL REFERENCES court_statements(id), number BIGINT NOT NULL,
                content TEXT NOT NULL, saved_by TEXT NOT NULL REFERENCES users(id), saved_by_name TEXT NOT NULL,
                saved_at TEXT NOT NULL, signed_by TEXT REFERENCES users(id), signed_by_name TEXT, signed_at TEXT,
                PRIMARY KEY (statement_id, number))
            """,
            """
            CREATE TABLE court_bundles (
                id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id), title TEXT NOT NULL,
                request TEXT NOT NULL, requested_by TEXT NOT NULL REFERENCES users(id),
                requested_by_name TEXT NOT NULL, created_at TEXT NOT NULL)
            """,
            "CREATE INDEX court_bundles_person ON court_bundles (person_id, created_at)",
        ]
    }
}
