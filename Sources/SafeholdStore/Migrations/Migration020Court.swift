import Foundation
import SafeholdCore

/// Court orders with their extensions, the Public Law Outline's pre-proceedings stage, and care
/// proceedings with their parties, hearings and timetable extensions: all part of the child's record.
enum Migration020Court {
    static let migration = Migration(version: 20, name: "court orders and proceedings") { _ in
        [
            """
            CREATE TABLE care_proceedings (
                id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id), issued_on TEXT NOT NULL,
                court TEXT NOT NULL, case_number TEXT NOT NULL, due_on TEXT NOT NULL, concluded_on TEXT,
                conclusion TEXT, conclusion_entry_id TEXT, version BIGINT NOT NULL,
                created_by TEXT NOT NULL REFERENCES users(id),
                created_at TEXT NOT NULL)
            """,
            "CREATE INDEX care_proceedings_person ON care_proceedings (person_id, issued_on)",
            "CREATE INDEX care_proceedings_due ON care_proceedings (concluded_on, due_on)",
            // One set of proceedings under a case number.
            "CREATE UNIQUE INDEX care_proceedings_case_number ON care_proceedings (case_number)",
            """
            CREATE TABLE proceedings_parties (
                id TEXT PRIMARY KEY, proceedings_id TEXT NOT NULL REFERENCES care_proceedings(id),
                position BIGINT NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL, guardian TEXT, solicitor TEXT,
                firm TEXT)
            """,
            "CREATE INDEX proceedings_parties_proceedings ON proceedings_parties (proceedings_id, position)",
            """
            CREATE TABLE hearings (
                id TEXT PRIMARY KEY, proceedings_id TEXT NOT NULL REFERENCES care_proceedings(id),
                person_id TEXT NOT NULL REFERENCES persons(id), kind TEXT NOT NULL, held_on TEXT NOT NULL,
                outcome TEXT, orders_made TEXT, recorded_by_name TEXT NOT NULL, created_at TEXT NOT NULL)
            """,
            "CREATE INDEX hearings_proceedings ON hearings (proceedings_id, held_on)",
            "CREATE INDEX hearings_due ON hearings (held_on)",
            """
            CREATE TABLE proceedings_extensions (
                id TEXT PRIMARY KEY, proceedings_id TEXT NOT NULL REFERENCES care_proceedings(id),
                position BIGINT NOT NULL, granted_on TEXT NOT NULL, weeks BIGINT NOT NULL, reason TEXT NOT NULL,
                by_name TEXT NOT NULL, created_at TEXT NOT NULL)
            """,
            "CREATE INDEX proceedings_extensions_proceedings ON proceedings_extensions (proceedings_id, position)",
            """
            CREATE TABLE pre_proceedings (
                id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id), letter_sent_on TEXT NOT NULL,
                meeting_on TEXT, attendees TEXT, outcome TEXT, outcome_on TEXT, meeting_entry_id TEXT NOT NULL,
                version BIGINT NOT NULL,
                created_by TEXT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL)
            """,
            "CREATE INDEX pre_proceedings_person ON pre_proceedings (person_id, letter_sent_on)",
            """
            CREATE TABLE court_orders (
                id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id), kind TEXT NOT NULL,
                applied_on TEXT NOT NULL, court TEXT NOT NULL, applicant TEXT NOT NULL,
                police_protection_id TEXT REFERENCES police_protections(id),
                proceedings_id TEXT REFERENCES care_proceedings(id), outcome TEXT, outcome_on TEXT,
                starts_on TEXT, expires_on TEXT, ended_on TEXT, end_reason TEXT, end_note TEXT, end_entry_id TEXT,
                version BIGINT NOT NULL, created_by TEXT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL)
            """,
            "CREATE INDEX court_orders_person ON court_orders (person_id, applied_on)",
            "CREATE INDEX court_orders_due ON court_orders (outcome, ended_on, expires_on)",
            """
            CREATE TABLE court_order_extensions (
                id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES court_orders(id), position BIGINT NOT NULL,
                extended_on TEXT NOT NULL, previous_expiry TEXT NOT NULL, new_expiry TEXT NOT NULL,
                reason TEXT NOT NULL, by_name TEXT NOT NULL, created_at TEXT NOT NULL)
            """,
            // Two extensions recorded at once at the same position: one is a conflict, not two rows.
            "CREATE UNIQUE INDEX court_order_extensions_order ON court_order_extensions (order_id, position)",
        ]
    }
}
