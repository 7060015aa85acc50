import Foundation
import SafeholdCore

/// The training and accreditation register: one table for every worker's courses, accreditations and
/// registrations (the ABE accreditations of migration 5 are copied in and their table dropped, so there is
/// one register), managers' overrides of the accreditation gates, and the expiry reminders sent.
enum Migration016Training {
    static let migration = Migration(version: 16, name: "training register") { _ in
        [
            """
            CREATE TABLE training_records (
                id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), course TEXT NOT NULL,
                completed_on TEXT NOT NULL, expires_on TEXT, provider TEXT, evidence_reference TEXT,
                recorded_at TEXT NOT NULL, recorded_by TEXT REFERENCES users(id), recorded_by_name TEXT NOT NULL,
                CHECK (expires_on IS NULL OR expires_on >= completed_on))
            """,
            "CREATE INDEX training_records_user ON training_records (user_id, course)",
            "CREATE INDEX training_records_expiry ON training_records (expires_on)",
            """
            INSERT INTO training_records (id, user_id, course, completed_on, expires_on, provider, evidence_reference,
                recorded_at, recorded_by, recorded_by_name)
            SELECT a.id, a.user_id, a.kind, a.valid_from, a.expires_on, NULL, NULL, a.recorded_at, a.recorded_by,
                COALESCE(u.display_name, 'the accreditation list')
            FROM accreditations a LEFT JOIN users u ON u.id = a.recorded_by
            """,
            "DROP TABLE accreditations",
            """
            CREATE TABLE training_overrides (
                id TEXT PRIMARY KEY, act TEXT NOT NULL, user_id TEXT NOT NULL REFERENCES users(id),
                reason TEXT NOT NULL, recorded_by TEXT NOT NULL REFERENCES users(id), recorded_by_name TEXT NOT NULL,
                recorded_at TEXT NOT NULL, valid_until TEXT NOT NULL, used_at TEXT, used_for TEXT)
            """,
            "CREATE INDEX training_overrides_user ON training_overrides (user_id, act, used_at)",
            """
            CREATE TABLE training_reminders (
                record_id TEXT NOT NULL REFERENCES training_records(id), window_days BIGINT NOT NULL,
                sent_at TEXT NOT NULL, PRIMARY KEY (record_id, window_days))
            """,
        ]
    }
}
