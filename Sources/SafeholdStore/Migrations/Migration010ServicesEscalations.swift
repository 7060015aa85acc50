import Foundation
import SafeholdCore

/// Referrals from a child's plan to services (with the service types and their response times as
/// data) and escalations of professional disagreement (with the stages and theirs).
enum Migration010ServicesEscalations {
    static let migration = Migration(version: 10, name: "services_escalations") { _ in
        [
            """
            CREATE TABLE service_types (
                code TEXT PRIMARY KEY, label TEXT NOT NULL, response_working_days INTEGER NOT NULL,
                position INTEGER NOT NULL)
            """,
            """
            INSERT INTO service_types (code, label, response_working_days, position) VALUES
                ('family_support', 'Family support', 10, 1),
                ('domestic_abuse', 'Domestic abuse service', 5, 2),
                ('camhs', 'Child and adolescent mental health (CAMHS)', 20, 3),
                ('substance_misuse', 'Substance misuse service', 10, 4),
                ('housing', 'Housing', 10, 5)
            """,
            """
            CREATE TABLE service_referrals (
                id TEXT PRIMARY KEY, episode_id TEXT NOT NULL REFERENCES episodes(id),
                person_id TEXT NOT NULL REFERENCES persons(id), plan_id TEXT NOT NULL,
                service_type TEXT NOT NULL REFERENCES service_types(code), provider TEXT NOT NULL,
                request TEXT NOT NULL, sent_on TEXT NOT NULL, response_due_on TEXT NOT NULL, status TEXT NOT NULL,
                decline_reason TEXT, outcome TEXT, version INTEGER NOT NULL,
                created_by TEXT NOT NULL REFERENCES users(id),
                created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE service_referral_events (
                id TEXT PRIMARY KEY, referral_id TEXT NOT NULL REFERENCES service_referrals(id),
                status TEXT NOT NULL, on_date TEXT NOT NULL, note TEXT, by_user TEXT NOT NULL REFERENCES users(id),
                by_name TEXT NOT NULL, at TEXT NOT NULL, position INTEGER NOT NULL)
            """,
            """
            CREATE TABLE escalation_stages (
                stage INTEGER PRIMARY KEY, label TEXT NOT NULL, response_working_days INTEGER NOT NULL)
            """,
            """
            INSERT INTO escalation_stages (stage, label, response_working_days) VALUES
                (1, 'Worker to worker', 2),
                (2, 'Managers', 5),
                (3, 'Senior leaders or the safeguarding partnership', 10)
            """,
            """
            CREATE TABLE escalations (
                id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id),
                team_id TEXT NOT NULL REFERENCES teams(id), raised_by TEXT NOT NULL REFERENCES users(id),
                raised_by_name TEXT NOT NULL, raised_by_agency TEXT NOT NULL, raised_on TEXT NOT NULL,
                decision TEXT NOT NULL, linked_record_id TEXT, linked_record_label TEXT, disagreement TEXT NOT NULL,
                desired_outcome TEXT NOT NULL, stage INTEGER NOT NULL, outcome TEXT, outcome_note TEXT,
                resolved_by_name TEXT, resolved_on TEXT, resolution_id TEXT, version INTEGER NOT NULL,
                created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE escalation_steps (
                id TEXT PRIMARY KEY, escalation_id TEXT NOT NULL REFERENCES escalations(id),
                stage INTEGER NOT NULL REFERENCES escalation_stages(stage), started_on TEXT NOT NULL,
                due_on TEXT NOT NULL, reason TEXT NOT NULL, moved_by_name TEXT NOT NULL, response TEXT,
                responded_by TEXT REFERENCES users(id), responded_by_name TEXT, responded_on TEXT,
                UNIQUE (escalation_id, stage))
            """,
            "CREATE INDEX service_referrals_episode ON service_referrals (episode_id, sent_on)",
            "CREATE INDEX service_referrals_due ON service_referrals (status, response_due_on)",
            "CREATE INDEX service_referral_events_referral ON service_referral_events (referral_id, position)",
            "CREATE INDEX escalations_person ON escalations (person_id)",
            "CREATE INDEX escalations_raiser ON escalations (raised_by)",
            "CREATE INDEX escalations_team ON escalations (team_id)",
            "CREATE INDEX escalation_steps_due ON escalation_steps (due_on) WHERE response IS NULL",
        ]
    }
}
