import Foundation

/// The statutory pipeline: contacts and their triage, episodes of need (one open per child), the
/// steps recorded on them as facts, case notes with full-text search, and analysis on the chronology.
enum Migration002Pipeline {
    static let migration = Migration(version: 2, name: "pipeline") { dialect in
        tables + indexes + noteSearch(dialect)
    }

    static let tables = [
        // The last TOTP time step used, so a code cannot be replayed.
        "ALTER TABLE users ADD COLUMN totp_last_step BIGINT",
        """
        CREATE TABLE contacts (
            id TEXT PRIMARY KEY, received_at TEXT NOT NULL, received_on TEXT NOT NULL, source TEXT NOT NULL,
            referrer_name TEXT, referrer_agency TEXT, concern TEXT NOT NULL, decision TEXT, decision_reason TEXT,
            urgency TEXT, decided_at TEXT, decided_by TEXT, referrer_informed_on TEXT, decision_due TEXT NOT NULL,
            version BIGINT NOT NULL, recorded_by TEXT REFERENCES users(id), created_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE contact_children (
            contact_id TEXT NOT NULL REFERENCES contacts(id), person_id TEXT NOT NULL REFERENCES persons(id),
            PRIMARY KEY (contact_id, person_id))
        """,
        """
        CREATE TABLE episodes (
            id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id), \
        contact_id TEXT REFERENCES contacts(id),
            referral_date TEXT NOT NULL, referral_source TEXT NOT NULL, primary_need TEXT, closed_on TEXT,
            closure_reason TEXT, version BIGINT NOT NULL, created_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE episode_steps (
            id TEXT PRIMARY KEY, episode_id TEXT NOT NULL REFERENCES episodes(id), \
        person_id TEXT NOT NULL REFERENCES persons(id),
            position BIGINT NOT NULL, kind TEXT NOT NULL, occurred_on TEXT NOT NULL, payload TEXT NOT NULL,
            recorded_at TEXT NOT NULL, recorded_by TEXT REFERENCES users(id), recorded_by_name TEXT NOT NULL,
            authorised_by_name TEXT, authorised_at TEXT, manager_comment TEXT, UNIQUE (episode_id, position))
        """,
        // A cache of each open episode's due dates, rebuilt from its steps on every write (never typed in).
        """
        CREATE TABLE episode_due (
            episode_id TEXT NOT NULL REFERENCES episodes(id), person_id TEXT NOT NULL REFERENCES persons(id),
            what TEXT NOT NULL, due_on TEXT NOT NULL, PRIMARY KEY (episode_id, what))
        """,
        """
        CREATE TABLE case_notes (
            id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id), \
        episode_id TEXT REFERENCES episodes(id),
            noted_on TEXT NOT NULL, note_type TEXT NOT NULL, significant INTEGER NOT NULL, body TEXT NOT NULL,
            author_id TEXT REFERENCES users(id), author_name TEXT NOT NULL, created_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE plan_actions (
            id TEXT PRIMARY KEY, episode_id TEXT NOT NULL REFERENCES episodes(id), \
        plan_id TEXT NOT NULL REFERENCES episode_steps(id),
            what TEXT NOT NULL, who TEXT NOT NULL, due_on TEXT NOT NULL, status TEXT NOT NULL, version BIGINT NOT NULL,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE core_group_members (
            id TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES episode_steps(id), name TEXT NOT NULL, \
        agency TEXT NOT NULL,
            agency_kind TEXT NOT NULL, added_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE chronology_analysis (
            id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id), source_id TEXT NOT NULL,
            body TEXT NOT NULL, author_name TEXT NOT NULL, created_at TEXT NOT NULL)
        """,
    ]

    static let indexes = [
        // One open episode per child, enforced by the database as well as the workflow.
        "CREATE UNIQUE INDEX episodes_one_open ON episodes (person_id) WHERE closed_on IS NULL",
        "CREATE INDEX episodes_person ON episodes (person_id)",
        "CREATE INDEX contact_children_person ON contact_children (person_id)",
        "CREATE INDEX contacts_undecided ON contacts (decision_due) WHERE decision IS NULL",
        "CREATE INDEX episode_steps_episode ON episode_steps (episode_id, position)",
        "CREATE INDEX episode_steps_person ON episode_steps (person_id, occurred_on)",
        "CREATE INDEX episode_due_date ON episode_due (due_on)",
        "CREATE INDEX case_notes_person ON case_notes (person_id, noted_on)",
        "CREATE INDEX plan_actions_plan ON plan_actions (plan_id)",
        "CREATE INDEX core_group_members_plan ON core_group_members (plan_id)",
        "CREATE INDEX chronology_analysis_source ON chronology_analysis (source_id)",
    ]

    /// Full-text search over case notes: FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL.
    static func noteSearch(_ dialect: SQLDialect) -> [String] {
        switch dialect {
        case .sqlite:
            return [
                "CREATE VIRTUAL TABLE case_notes_fts USING fts5(body, content='case_notes', content_rowid='rowid')",
                """
                CREATE TRIGGER case_notes_fts_insert AFTER INSERT ON case_notes
                BEGIN INSERT INTO case_notes_fts (rowid, body) VALUES (new.rowid, new.body); END
                """,
            ]
        case .postgres:
            return [
                "ALTER TABLE case_notes ADD COLUMN body_search tsvector "
                    + "GENERATED ALWAYS AS (to_tsvector('english', body)) STORED",
                "CREATE INDEX case_notes_search ON case_notes USING GIN (body_search)",
            ]
        }
    }
}
