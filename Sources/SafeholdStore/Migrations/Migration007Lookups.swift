import Foundation
import SafeholdCore

/// Unscheduled care's "is this child on a plan?" look-ups (kept with the child), looked-after periods,
/// each team's duty telephone, and every user's notification list.
enum Migration007Lookups {
    static let migration = Migration(version: 7, name: "lookups") { _ in
        [
            "ALTER TABLE teams ADD COLUMN duty_phone TEXT",
            """
            CREATE TABLE looked_after_periods (
                id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id), status TEXT NOT NULL,
                started_on TEXT NOT NULL, ended_on TEXT, recorded_by TEXT REFERENCES users(id),
                recorded_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE plan_lookups (
                id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id),
                user_id TEXT NOT NULL REFERENCES users(id), user_name TEXT NOT NULL, agency_name TEXT NOT NULL,
                setting TEXT NOT NULL, answer TEXT NOT NULL, at TEXT NOT NULL)
            """,
            """
            CREATE TABLE notifications (
                id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), kind TEXT NOT NULL,
                person_id TEXT REFERENCES persons(id), text TEXT NOT NULL, created_at TEXT NOT NULL, read_at TEXT)
            """,
            "CREATE INDEX looked_after_person ON looked_after_periods (person_id)",
            // One open period a child: two workers starting one at once get a conflict, not two periods.
            "CREATE UNIQUE INDEX looked_after_open ON looked_after_periods (person_id) WHERE ended_on IS NULL",
            "CREATE INDEX plan_lookups_person ON plan_lookups (person_id, at)",
            "CREATE INDEX notifications_user ON notifications (user_id, read_at, created_at)",
        ]
    }
}
