import Foundation
import SafeholdCore

/// Supervision sessions with their reflective part (the worker's own record), the management oversight
/// entries and actions their case discussions write onto children's records, workers' qualification
/// dates, private welfare check-ins, and which overdue supervisions the holders have been told of.
enum Migration018Supervision {
    static let migration = Migration(version: 18, name: "supervision and welfare") { _ in
        [
            """
            CREATE TABLE worker_qualifications (
                user_id TEXT PRIMARY KEY REFERENCES users(id), qualified_on TEXT NOT NULL,
                set_by TEXT NOT NULL REFERENCES users(id), set_at TEXT NOT NULL, version BIGINT NOT NULL)
            """,
            """
            CREATE TABLE supervision_sessions (
                id TEXT PRIMARY KEY, worker_id TEXT NOT NULL REFERENCES users(id),
                supervisor_id TEXT NOT NULL REFERENCES users(id), supervisor_name TEXT NOT NULL,
                held_on TEXT NOT NULL, reflection TEXT, recorded_at TEXT NOT NULL)
            """,
            "CREATE INDEX supervision_sessions_worker ON supervision_sessions (worker_id, held_on)",
            """
            CREATE TABLE oversight_entries (
                id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id),
                session_id TEXT NOT NULL REFERENCES supervision_sessions(id), position BIGINT NOT NULL,
                decided_on TEXT NOT NULL, decision TEXT NOT NULL, worker_name TEXT NOT NULL,
                manager_name TEXT NOT NULL, created_at TEXT NOT NULL)
            """,
            "CREATE INDEX oversight_entries_person ON oversight_entries (person_id, decided_on)",
            "CREATE INDEX oversight_entries_session ON oversight_entries (session_id, position)",
            """
            CREATE TABLE oversight_actions (
                id TEXT PRIMARY KEY, entry_id TEXT NOT NULL REFERENCES oversight_entries(id),
                person_id TEXT NOT NULL REFERENCES persons(id), position BIGINT NOT NULL, what TEXT NOT NULL,
                owner_id TEXT NOT NULL REFERENCES users(id), owner_name TEXT NOT NULL, due_on TEXT NOT NULL,
                status TEXT NOT NULL, version BIGINT NOT NULL, updated_at TEXT NOT NULL)
            """,
            "CREATE INDEX oversight_actions_entry ON oversight_actions (entry_id, position)",
            "CREATE INDEX oversight_actions_owner ON oversight_actions (owner_id, status, due_on)",
            "CREATE INDEX oversight_actions_due ON oversight_actions (status, due_on)",
            """
            CREATE TABLE welfare_checkins (
                id TEXT PRIMARY KEY, worker_id TEXT NOT NULL REFERENCES users(id), team_id TEXT REFERENCES teams(id),
                occurred_on TEXT NOT NULL, event TEXT NOT NULL, how_i_am TEXT, support TEXT NOT NULL,
                share_with_supervisor INTEGER NOT NULL, recorded_at TEXT NOT NULL)
            """,
            "CREATE INDEX welfare_checkins_worker ON welfare_checkins (worker_id, occurred_on)",
            "CREATE INDEX welfare_checkins_team ON welfare_checkins (team_id, occurred_on)",
            """
            CREATE TABLE supervision_notices (
                item_key TEXT PRIMARY KEY, worker_id TEXT NOT NULL REFERENCES users(id), noticed_at TEXT NOT NULL)
            """,
        ]
    }
}
