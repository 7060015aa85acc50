import Foundation
import SafeholdCore

/// People who pose a risk to children: an adult's risk profile (one per person) with its registration,
/// offences, risk of serious harm, lead agency and offender manager, and MAPPA management: meetings with
/// their panel (attendees and agencies), minutes and plan, the disclosures made at them, and the plan's
/// actions.
enum Migration013RiskProfiles {
    static let migration = Migration(version: 13, name: "risk_profiles") { _ in
        [
            """
            CREATE TABLE risk_profiles (
                id TEXT PRIMARY KEY, person_id TEXT NOT NULL UNIQUE REFERENCES persons(id), kind TEXT NOT NULL,
                registered_on TEXT, registration_years INTEGER, registration_indefinite INTEGER NOT NULL DEFAULT 0,
                last_notified_on TEXT, last_change_on TEXT, change_notified_on TEXT,
                offences TEXT NOT NULL, rosh TEXT NOT NULL, rosh_to TEXT NOT NULL,
                lead_agency_id TEXT NOT NULL REFERENCES agencies(id),
                offender_manager_user_id TEXT REFERENCES users(id), offender_manager_name TEXT NOT NULL,
                offender_manager_phone TEXT NOT NULL,
                mappa_category INTEGER, mappa_level INTEGER, next_meeting_on TEXT,
                version BIGINT NOT NULL, created_by TEXT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE mappa_meetings (
                id TEXT PRIMARY KEY, profile_id TEXT NOT NULL REFERENCES risk_profiles(id), held_on TEXT NOT NULL,
                level INTEGER NOT NULL, chair_name TEXT NOT NULL, chair_user_id TEXT REFERENCES users(id),
                minutes TEXT NOT NULL, plan TEXT NOT NULL, next_review_on TEXT,
                recorded_by TEXT NOT NULL REFERENCES users(id), recorded_by_name TEXT NOT NULL,
                recorded_at TEXT NOT NULL, version BIGINT NOT NULL)
            """,
            """
            CREATE TABLE mappa_attendees (
                id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES mappa_meetings(id), name TEXT NOT NULL,
                agency_id TEXT NOT NULL REFERENCES agencies(id), user_id TEXT REFERENCES users(id),
                position INTEGER NOT NULL)
            """,
            """
            CREATE TABLE mappa_meeting_disclosures (
                meeting_id TEXT NOT NULL REFERENCES mappa_meetings(id),
                disclosure_id TEXT NOT NULL REFERENCES disclosures(id),
                PRIMARY KEY (meeting_id, disclosure_id))
            """,
            """
            CREATE TABLE mappa_actions (
                id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES mappa_meetings(id),
                profile_id TEXT NOT NULL REFERENCES risk_profiles(id), what TEXT NOT NULL,
                owner_name TEXT NOT NULL, owner_agency_id TEXT NOT NULL REFERENCES agencies(id),
                owner_user_id TEXT REFERENCES users(id), due_on TEXT NOT NULL, status TEXT NOT NULL,
                version BIGINT NOT NULL, updated_at TEXT NOT NULL)
            """,
            "CREATE INDEX risk_profiles_manager ON risk_profiles (offender_manager_user_id)",
            "CREATE INDEX risk_profiles_next_meeting ON risk_profiles (next_meeting_on)",
            "CREATE INDEX mappa_meetings_profile ON mappa_meetings (profile_id, held_on)",
            "CREATE INDEX mappa_meetings_chair ON mappa_meetings (chair_user_id)",
            "CREATE INDEX mappa_attendees_meeting ON mappa_attendees (meeting_id, position)",
            "CREATE INDEX mappa_attendees_user ON mappa_attendees (user_id)",
            "CREATE INDEX mappa_attendees_agency ON mappa_attendees (agency_id)",
            "CREATE INDEX mappa_actions_meeting ON mappa_actions (meeting_id)",
            "CREATE INDEX mappa_actions_due ON mappa_actions (status, due_on)",
        ]
    }
}
