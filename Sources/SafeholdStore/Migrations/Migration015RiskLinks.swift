import Foundation
import SafeholdCore

/// Children linked to a person who poses a risk (with the strategy discussion decision each new link is
/// due for), and applications under the child sex offender disclosure scheme with their checks.
enum Migration015RiskLinks {
    static let migration = Migration(version: 15, name: "risk links and disclosure scheme") { _ in
        [
            // person_id is an adult with a risk profile (checked by the store when the link is made).
            """
            CREATE TABLE risk_links (
                id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id),
                child_id TEXT NOT NULL REFERENCES persons(id), nature TEXT NOT NULL, started_on TEXT NOT NULL,
                ended_on TEXT, note TEXT, origin TEXT NOT NULL, created_by TEXT NOT NULL REFERENCES users(id),
                created_by_name TEXT NOT NULL, created_at TEXT NOT NULL, strategy_due_on TEXT NOT NULL,
                strategy_decision TEXT, strategy_reasons TEXT, strategy_decided_by TEXT REFERENCES users(id),
                strategy_decided_by_name TEXT, strategy_decided_at TEXT, version BIGINT NOT NULL,
                CHECK (person_id <> child_id))
            """,
            "CREATE UNIQUE INDEX risk_links_open ON risk_links (person_id, child_id) WHERE ended_on IS NULL",
            "CREATE INDEX risk_links_child ON risk_links (child_id, ended_on)",
            "CREATE INDEX risk_links_undecided ON risk_links (strategy_due_on) WHERE strategy_decision IS NULL",
            """
            CREATE TABLE csod_applications (
                id TEXT PRIMARY KEY, agency_id TEXT NOT NULL REFERENCES agencies(id),
                team_id TEXT NOT NULL REFERENCES teams(id), applicant_name TEXT NOT NULL,
                applicant_contact TEXT NOT NULL, relationship TEXT NOT NULL, relationship_other TEXT,
                subject_id TEXT NOT NULL REFERENCES persons(id), child_id TEXT NOT NULL REFERENCES persons(id),
                received_on TEXT NOT NULL, due_on TEXT NOT NULL, recorded_by TEXT NOT NULL REFERENCES users(id),
                recorded_by_name TEXT NOT NULL, recorded_at TEXT NOT NULL, outcome TEXT, reasons TEXT,
                decided_on TEXT, decided_by TEXT REFERENCES users(id), decided_by_name TEXT, disclosed_to TEXT,
                disclosed_on TEXT, disclosed_what TEXT, disclosure_recorded_by_name TEXT, version BIGINT NOT NULL,
                CHECK (subject_id <> child_id))
            """,
            """
            CREATE TABLE csod_checks (
                id TEXT PRIMARY KEY, application_id TEXT NOT NULL REFERENCES csod_applications(id),
                position BIGINT NOT NULL, kind TEXT NOT NULL, result TEXT NOT NULL, checked_on TEXT NOT NULL,
                checked_by TEXT NOT NULL REFERENCES users(id), checked_by_name TEXT NOT NULL,
                UNIQUE (application_id, position))
            """,
            "CREATE INDEX csod_applications_team ON csod_applications (team_id, outcome, due_on)",
            "CREATE INDEX csod_applications_agency ON csod_applications (agency_id, outcome, due_on)",
            "CREATE INDEX csod_applications_child ON csod_applications (child_id)",
        ]
    }
}
