import Foundation

/// Accounts (issue 6 item 9): one-time passwords that expire, the enrolment secret kept in the
/// pending session, API tokens that expire, growing sign-in delays per username and address instead
/// of a fixed lock, and account changes that wait for a second administrator.
enum Migration004Accounts {
    static let migration = Migration(version: 4, name: "accounts") { dialect in
        [
            "ALTER TABLE users ADD COLUMN password_expires_at TEXT",
            // The fixed lock (and the counter behind it) is replaced by sign_in_limits.
            "ALTER TABLE users DROP COLUMN failed_logins",
            "ALTER TABLE users DROP COLUMN locked_until",
            // The TOTP secret offered at enrolment, sealed, until the user proves it with a code.
            "ALTER TABLE sessions ADD COLUMN pending_totp_secret TEXT",
            "ALTER TABLE api_tokens ADD COLUMN expires_at TEXT",
            tokenExpiry(dialect),
            "CREATE INDEX api_tokens_user ON api_tokens (user_id)",
            """
            CREATE TABLE sign_in_limits (
                key_hash TEXT PRIMARY KEY, attempts BIGINT NOT NULL, blocked_until TEXT,
                last_attempt_at TEXT NOT NULL, last_success_at TEXT)
            """,
            "CREATE INDEX sign_in_limits_last_attempt ON sign_in_limits (last_attempt_at)",
            """
            CREATE TABLE account_requests (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, user_id TEXT NOT NULL, username TEXT NOT NULL,
                display_name TEXT NOT NULL, role TEXT NOT NULL, agency_id TEXT NOT NULL REFERENCES agencies(id),
                team_id TEXT REFERENCES teams(id), requested_by TEXT NOT NULL REFERENCES users(id),
                requested_at TEXT NOT NULL, status TEXT NOT NULL, decided_by TEXT REFERENCES users(id), decided_at TEXT)
            """,
            // One pending request per account at a time.
            "CREATE UNIQUE INDEX account_requests_pending ON account_requests (username) WHERE status = 'pending'",
        ]
    }

    /// Tokens issued before expiry existed expire 90 days after they were created.
    static func tokenExpiry(_ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite:
            "UPDATE api_tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+90 days')"
        case .postgres:
            """
            UPDATE api_tokens SET expires_at = to_char(
                (created_at::timestamptz + interval '90 days') AT TIME ZONE 'UTC',
                'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
            """
        }
    }
}
