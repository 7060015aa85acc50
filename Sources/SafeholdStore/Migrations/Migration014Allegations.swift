import Foundation
import SafeholdCore

/// Allegations against people who work with children (LADO): the case, the children it concerns, the
/// strategy meeting's attendees, the actions agreed, the subject's employment history and the contacts
/// raised to the front door from it. The subject's record is restricted by rule while a row here names
/// them (`AccessSQL`), and a user recorded as the subject never reaches it.
enum Migration014Allegations {
    static let migration = Migration(version: 14, name: "allegations") { _ in
        [
            """
            CREATE TABLE allegations (
                id TEXT PRIMARY KEY, subject_id TEXT NOT NULL REFERENCES persons(id),
                subject_user_id TEXT REFERENCES users(id), source TEXT NOT NULL, referrer_name TEXT NOT NULL,
                referrer_organisation TEXT, employer_name TEXT NOT NULL, sector TEXT NOT NULL, role TEXT NOT NULL,
                criteria TEXT NOT NULL, summary TEXT NOT NULL, received_at TEXT NOT NULL, received_on TEXT NOT NULL,
                consideration_due TEXT NOT NULL, consideration_decision TEXT, consideration_reasons TEXT,
                considered_on TEXT, considered_by_name TEXT, meeting_kind TEXT, meeting_on TEXT, meeting_notes TEXT,
                outcome TEXT, outcome_on TEXT, outcome_notes TEXT, dbs_referred_on TEXT, regulator_referred_on TEXT,
                regulator_name TEXT, marked_for_removal_on TEXT, resolved_on TEXT, version INTEGER NOT NULL,
                created_by TEXT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE allegation_children (
                allegation_id TEXT NOT NULL REFERENCES allegations(id), person_id TEXT NOT NULL REFERENCES persons(id),
                position INTEGER NOT NULL, PRIMARY KEY (allegation_id, person_id))
            """,
            """
            CREATE TABLE allegation_attendees (
                allegation_id TEXT NOT NULL REFERENCES allegations(id), position INTEGER NOT NULL,
                name TEXT NOT NULL, agency TEXT NOT NULL, PRIMARY KEY (allegation_id, position))
            """,
            """
            CREATE TABLE allegation_actions (
                id TEXT PRIMARY KEY, allegation_id TEXT NOT NULL REFERENCES allegations(id), owner TEXT NOT NULL,
                what TEXT NOT NULL, due_on TEXT NOT NULL, done_on TEXT, position INTEGER NOT NULL)
            """,
            """
            CREATE TABLE allegation_employment (
                allegation_id TEXT NOT NULL REFERENCES allegations(id), position INTEGER NOT NULL,
                status TEXT NOT NULL, from_on TEXT NOT NULL, note TEXT, by_name TEXT NOT NULL, at TEXT NOT NULL,
                PRIMARY KEY (allegation_id, position))
            """,
            """
            CREATE TABLE allegation_contacts (
                allegation_id TEXT NOT NULL REFERENCES allegations(id),
                contact_id TEXT NOT NULL REFERENCES contacts(id),
                person_id TEXT NOT NULL REFERENCES persons(id), raised_on TEXT NOT NULL,
                PRIMARY KEY (allegation_id, contact_id))
            """,
            "CREATE INDEX allegations_subject ON allegations (subject_id, subject_user_id)",
            "CREATE INDEX allegations_received ON allegations (received_on)",
            "CREATE INDEX allegations_due ON allegations (consideration_due) WHERE considered_on IS NULL",
            "CREATE INDEX allegation_children_person ON allegation_children (person_id)",
            "CREATE INDEX allegation_actions_due ON allegation_actions (due_on) WHERE done_on IS NULL",
        ]
    }
}
