import Foundation

/// The foundation schema: the workforce, sessions and tokens, people and their relationships,
/// allocations and grants, and the append-only audit log.
enum Migration001Foundation {
    static let migration = Migration(version: 1, name: "foundation") { dialect in
        tables + indexes + auditGuards(dialect)
    }

    static let tables = [
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
        "INSERT INTO counters (name, value) VALUES ('person', 0)",
        """
        CREATE TABLE agencies (
            id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL)
        """,
        """
        CREATE TABLE teams (
            id TEXT PRIMARY KEY, agency_id TEXT NOT NULL REFERENCES agencies(id), name TEXT NOT NULL,
            UNIQUE (agency_id, name))
        """,
        """
        CREATE TABLE users (
            id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
            role TEXT NOT NULL, agency_id TEXT NOT NULL REFERENCES agencies(id), team_id TEXT REFERENCES teams(id),
            password_hash TEXT NOT NULL, must_change_password INTEGER NOT NULL DEFAULT 0, totp_secret TEXT,
            failed_logins BIGINT NOT NULL DEFAULT 0, locked_until TEXT, active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE sessions (
            id_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), csrf_token TEXT NOT NULL,
            second_factor_done INTEGER NOT NULL, created_at TEXT NOT NULL, last_seen_at TEXT NOT NULL,
            ip_address TEXT)
        """,
        """
        CREATE TABLE api_tokens (
            id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), name TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, last_used_at TEXT, revoked_at TEXT)
        """,
        """
        CREATE TABLE persons (
            id TEXT PRIMARY KEY, local_id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, given_name TEXT,
            family_name TEXT NOT NULL, date_of_birth TEXT, nhs_number TEXT, upn TEXT, details TEXT NOT NULL,
            restricted INTEGER NOT NULL DEFAULT 0, version BIGINT NOT NULL, created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL, created_by TEXT REFERENCES users(id))
        """,
        """
        CREATE TABLE person_versions (
            person_id TEXT NOT NULL REFERENCES persons(id), version BIGINT NOT NULL, details TEXT NOT NULL,
            changed_fields TEXT NOT NULL, changed_by TEXT, changed_by_name TEXT NOT NULL, changed_at TEXT NOT NULL,
            PRIMARY KEY (person_id, version))
        """,
        """
        CREATE TABLE person_names (
            person_id TEXT NOT NULL REFERENCES persons(id), given_norm TEXT NOT NULL, family_norm TEXT NOT NULL,
            given_sx TEXT NOT NULL, family_sx TEXT NOT NULL)
        """,
        """
        CREATE TABLE relationships (
            id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id),
            related_person_id TEXT NOT NULL REFERENCES persons(id), kind TEXT NOT NULL,
            parental_responsibility INTEGER NOT NULL, lives_together INTEGER NOT NULL, created_at TEXT NOT NULL,
            UNIQUE (person_id, related_person_id, kind))
        """,
        """
        CREATE TABLE allocations (
            id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id), team_id TEXT REFERENCES teams(id),
            worker_id TEXT REFERENCES users(id), started_at TEXT NOT NULL, ended_at TEXT)
        """,
        """
        CREATE TABLE access_grants (
            id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id),
            user_id TEXT NOT NULL REFERENCES users(id), can_edit INTEGER NOT NULL, reason TEXT NOT NULL,
            granted_by TEXT REFERENCES users(id), granted_at TEXT NOT NULL, expires_at TEXT, revoked_at TEXT)
        """,
        """
        CREATE TABLE audit_log (
            seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor_id TEXT, actor_name TEXT NOT NULL, action TEXT NOT NULL,
            entity_type TEXT NOT NULL, entity_id TEXT, person_id TEXT, ip_address TEXT, reason TEXT, detail TEXT,
            prev_hash TEXT NOT NULL, hash TEXT NOT NULL)
        """,
    ]

    static let indexes = [
        "CREATE INDEX persons_family ON persons (family_name)",
        "CREATE INDEX persons_dob ON persons (date_of_birth)",
        "CREATE INDEX persons_nhs ON persons (nhs_number)",
        "CREATE INDEX persons_upn ON persons (upn)",
        "CREATE INDEX person_names_person ON person_names (person_id)",
        "CREATE INDEX person_names_family_sx ON person_names (family_sx, given_sx)",
        "CREATE INDEX person_names_given_sx ON person_names (given_sx)",
        "CREATE INDEX person_names_family_norm ON person_names (family_norm)",
        "CREATE INDEX relationships_person ON relationships (person_id)",
        "CREATE INDEX relationships_related ON relationships (related_person_id)",
        "CREATE INDEX allocations_person ON allocations (person_id)",
        "CREATE INDEX allocations_worker ON allocations (worker_id, person_id)",
        "CREATE INDEX allocations_team ON allocations (team_id, person_id)",
        "CREATE INDEX access_grants_person ON access_grants (person_id)",
        "CREATE INDEX access_grants_user ON access_grants (user_id, person_id)",
        "CREATE INDEX sessions_user ON sessions (user_id)",
        "CREATE INDEX audit_log_person ON audit_log (person_id, seq)",
        "CREATE INDEX audit_log_actor ON audit_log (actor_id, seq)",
    ]

    /// The database itself refuses to change or remove an audit entry, whoever asks.
    static func auditGuards(_ dialect: SQLDialect) -> [String] {
        switch dialect {
        case .sqlite:
            return [
                """
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed'); END
                """,
                """
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted'); END
                """,
            ]
        case .postgres:
            return [
                """
                CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the audit log is append-only: entries cannot be changed or deleted'; END $$
                """,
                "CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW "
                    + "EXECUTE FUNCTION audit_log_refuse()",
                "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT "
                    + "EXECUTE FUNCTION audit_log_refuse()",
            ]
        }
    }
}
