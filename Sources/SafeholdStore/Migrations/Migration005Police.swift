import Foundation
import SafeholdCore

/// The police side (DOMAIN.md section 4): the offence code list, operations, investigations with their
/// people and status history, information the police shared, ABE accreditations and interviews,
/// police protection, charging decisions and the evidence items of an operation (references only).
enum Migration005Police {
    static let migration = Migration(version: 5, name: "police") { _ in
        tables + indexes + offenceCodes
    }

    static let tables = [
        "CREATE TABLE offence_codes (code TEXT PRIMARY KEY, label TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1)",
        """
        CREATE TABLE operations (
            id TEXT PRIMARY KEY, agency_id TEXT NOT NULL REFERENCES agencies(id),
                team_id TEXT NOT NULL REFERENCES teams(id),
            name TEXT NOT NULL, summary TEXT NOT NULL, version BIGINT NOT NULL, created_at TEXT NOT NULL,
            created_by TEXT REFERENCES users(id), UNIQUE (agency_id, name))
        """,
        """
        CREATE TABLE investigations (
            id TEXT PRIMARY KEY, agency_id TEXT NOT NULL REFERENCES agencies(id),
                team_id TEXT NOT NULL REFERENCES teams(id),
            crime_reference TEXT, incident_reference TEXT, offences TEXT NOT NULL,
            officer_id TEXT REFERENCES users(id), supervisor_id TEXT REFERENCES users(id),
            status TEXT NOT NULL, episode_id TEXT REFERENCES episodes(id),
                strategy_step_id TEXT REFERENCES episode_steps(id),
            joint_open INTEGER NOT NULL DEFAULT 0, operation_id TEXT REFERENCES operations(id),
            summary TEXT NOT NULL, intelligence TEXT, opened_at TEXT NOT NULL, created_by TEXT REFERENCES users(id),
            version BIGINT NOT NULL,
            UNIQUE (agency_id, crime_reference), UNIQUE (agency_id, incident_reference))
        """,
        """
        CREATE TABLE investigation_people (
            investigation_id TEXT NOT NULL REFERENCES investigations(id),
                person_id TEXT NOT NULL REFERENCES persons(id),
            role TEXT NOT NULL, relationship_to_child TEXT, added_at TEXT NOT NULL,
            PRIMARY KEY (investigation_id, person_id))
        """,
        // Every status an investigation has held, and every other dated event on it, in order.
        """
        CREATE TABLE investigation_events (
            id TEXT PRIMARY KEY, investigation_id TEXT NOT NULL REFERENCES investigations(id), kind TEXT NOT NULL,
            status TEXT, detail TEXT, occurred_at TEXT NOT NULL, shared INTEGER NOT NULL,
            recorded_by TEXT REFERENCES users(id), recorded_by_name TEXT NOT NULL)
        """,
        // Police-only information a police user shared with social care, with its lawful basis.
        """
        CREATE TABLE police_disclosures (
            id TEXT PRIMARY KEY, investigation_id TEXT NOT NULL REFERENCES investigations(id), field TEXT NOT NULL,
            disclosed_text TEXT NOT NULL, lawful_basis TEXT NOT NULL, reason TEXT NOT NULL, shared_at TEXT NOT NULL,
            shared_by TEXT REFERENCES users(id), shared_by_name TEXT NOT NULL)
        """,
        """
        CREATE TABLE accreditations (
            id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), kind TEXT NOT NULL,
            valid_from TEXT NOT NULL, expires_on TEXT NOT NULL, recorded_at TEXT NOT NULL,
            recorded_by TEXT REFERENCES users(id))
        """,
        """
        CREATE TABLE police_protections (
            id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id),
                agency_id TEXT NOT NULL REFERENCES agencies(id),
            team_id TEXT NOT NULL REFERENCES teams(id), investigation_id TEXT REFERENCES investigations(id),
            removed_at TEXT NOT NULL, removed_from TEXT NOT NULL, place_of_safety TEXT NOT NULL, reason TEXT NOT NULL,
            designated_officer_id TEXT NOT NULL REFERENCES users(id), la_told_at TEXT, parents_told_at TEXT,
            child_told_at TEXT, child_told_how TEXT, ended_at TEXT, outcome TEXT, court TEXT, application_date TEXT,
            contact_id TEXT REFERENCES contacts(id), version BIGINT NOT NULL, created_at TEXT NOT NULL,
            created_by TEXT REFERENCES users(id))
        """,
        """
        CREATE TABLE abe_interviews (
            id TEXT PRIMARY KEY, investigation_id TEXT NOT NULL REFERENCES investigations(id),
            person_id TEXT NOT NULL REFERENCES persons(id), planned_for TEXT NOT NULL, interview_type TEXT NOT NULL,
            rationale TEXT NOT NULL, interviewers TEXT NOT NULL, intermediary TEXT, special_measures TEXT NOT NULL,
            protection_id TEXT REFERENCES police_protections(id), held_at TEXT, consent_by TEXT, present TEXT,
            recording_reference TEXT, storage_location TEXT, review_on TEXT, destroy_on TEXT, account_summary TEXT,
            version BIGINT NOT NULL, created_at TEXT NOT NULL, created_by TEXT REFERENCES users(id))
        """,
        """
        CREATE TABLE charging_decisions (
            id TEXT PRIMARY KEY, investigation_id TEXT NOT NULL REFERENCES investigations(id),
            suspect_id TEXT REFERENCES persons(id), decided_on TEXT NOT NULL, decider TEXT NOT NULL, test TEXT NOT NULL,
            outcome TEXT NOT NULL, child_views TEXT NOT NULL, best_interests TEXT NOT NULL, bail TEXT NOT NULL,
            bail_until TEXT, bail_conditions TEXT, recorded_at TEXT NOT NULL, recorded_by TEXT REFERENCES users(id),
            recorded_by_name TEXT NOT NULL)
        """,
        """
        CREATE TABLE evidence_items (
            id TEXT PRIMARY KEY, operation_id TEXT NOT NULL REFERENCES operations(id), kind TEXT NOT NULL,
            identifier TEXT NOT NULL, hash TEXT NOT NULL, category_a BIGINT NOT NULL, category_b BIGINT NOT NULL,
            category_c BIGINT NOT NULL, recorded_at TEXT NOT NULL, recorded_by TEXT REFERENCES users(id),
            UNIQUE (operation_id, identifier))
        """,
    ]

    static let indexes = [
        "CREATE INDEX investigations_team ON investigations (team_id, status)",
        "CREATE INDEX investigations_episode ON investigations (episode_id)",
        "CREATE INDEX investigations_operation ON investigations (operation_id)",
        "CREATE INDEX investigation_people_person ON investigation_people (person_id, role)",
        "CREATE INDEX investigation_events_investigation ON investigation_events (investigation_id, occurred_at)",
        "CREATE INDEX police_disclosures_investigation ON police_disclosures (investigation_id)",
        "CREATE INDEX accreditations_user ON accreditations (user_id, kind)",
        "CREATE INDEX police_protections_person ON police_protections (person_id)",
        "CREATE INDEX police_protections_team ON police_protections (team_id, ended_at)",
        "CREATE INDEX abe_interviews_investigation ON abe_interviews (investigation_id)",
        "CREATE INDEX charging_decisions_investigation ON charging_decisions (investigation_id)",
    ]

    /// The default code list, as rows (a force adds or retires codes as data).
    static var offenceCodes: [String] {
        OffenceCode.england.map {
            let label = $0.label.replacingOccurrences(of: "'", with: "''")
            return "INSERT INTO offence_codes (code, label) VALUES ('\($0.code)', '\(label)')"
        }
    }
}
