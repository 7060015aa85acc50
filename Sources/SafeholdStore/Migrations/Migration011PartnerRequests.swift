import Foundation
import SafeholdCore

/// Concerns raised and advice asked for by partner agencies, what the front door tells a referrer,
/// and notifications by email (each user's address, and each notification's sending state).
enum Migration011PartnerRequests {
    static let migration = Migration(version: 11, name: "partner requests") { _ in
        [
            "ALTER TABLE contacts ADD COLUMN referrer_feedback TEXT",
            "ALTER TABLE users ADD COLUMN email TEXT",
            // 'pending' when the user had an address as it was made; then 'sent', 'failed' or 'expired'.
            "ALTER TABLE notifications ADD COLUMN email_state TEXT",
            "ALTER TABLE notifications ADD COLUMN email_attempts BIGINT NOT NULL DEFAULT 0",
            """
            CREATE TABLE partner_concerns (
                id TEXT PRIMARY KEY, raised_by TEXT NOT NULL REFERENCES users(id), raised_by_name TEXT NOT NULL,
                agency_name TEXT NOT NULL, raised_at TEXT NOT NULL, seen_or_heard TEXT NOT NULL,
                childs_words TEXT, action_taken TEXT, parents_aware INTEGER NOT NULL, parents_not_aware_reason TEXT,
                contact_id TEXT REFERENCES contacts(id), version BIGINT NOT NULL)
            """,
            """
            CREATE TABLE partner_concern_children (
                concern_id TEXT NOT NULL REFERENCES partner_concerns(id), position BIGINT NOT NULL,
                person_id TEXT REFERENCES persons(id), described_name TEXT, date_of_birth TEXT, address TEXT,
                school TEXT, gp TEXT, PRIMARY KEY (concern_id, position))
            """,
            """
            CREATE TABLE advice_requests (
                id TEXT PRIMARY KEY, asked_by TEXT NOT NULL REFERENCES users(id), asked_by_name TEXT NOT NULL,
                agency_name TEXT NOT NULL, asked_at TEXT NOT NULL, question TEXT NOT NULL,
                person_id TEXT REFERENCES persons(id), child_description TEXT, advice TEXT, advised_at TEXT,
                advised_by TEXT REFERENCES users(id), advised_by_name TEXT, version BIGINT NOT NULL)
            """,
            "CREATE INDEX partner_concerns_raiser ON partner_concerns (raised_by, raised_at)",
            "CREATE INDEX partner_concerns_contact ON partner_concerns (contact_id)",
            "CREATE INDEX partner_concern_children_person ON partner_concern_children (person_id)",
            "CREATE INDEX advice_requests_asker ON advice_requests (asked_by, asked_at)",
            "CREATE INDEX advice_requests_open ON advice_requests (advised_at, asked_at)",
            "CREATE INDEX notifications_email ON notifications (email_state) WHERE email_state = 'pending'",
        ]
    }
}
