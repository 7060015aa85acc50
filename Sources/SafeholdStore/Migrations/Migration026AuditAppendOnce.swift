import Foundation

/// PostgreSQL's append-only guard on `audit_log`, checked once a statement instead of once a row.
///
/// Migration 3's guard ran for each new row and named the table through dynamic SQL (`EXECUTE format(...)`, so a
/// session's `search_path` cannot change which table it reads), which PostgreSQL parses and plans on every call:
/// about 0.1 ms a row. Every audited operation appends under one lock across all servers, so this capped the whole
/// deployment near 10,000 audit entries a second, and a team's caseload page (one entry per child shown, 163 in the
/// demo) spent 13 ms appending them. This guard runs after each INSERT statement over the rows it added (a
/// transition table): they must be sealed with the audit key and take the sequence numbers after the highest
/// already there, without a gap, as before. SQLite's guard (a trigger of static SQL) is unchanged.
enum Migration026AuditAppendOnce {
    static let migration = Migration(version: 26, name: "audit append guard once a statement") { dialect in
        switch dialect {
        case .sqlite: []
        case .postgres: postgres
        }
    }

    static let postgres = [
        "DROP TRIGGER audit_log_append_only ON audit_log",
        """
        CREATE FUNCTION audit_log_append_only_statement() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE first_seq BIGINT; last_seq BIGINT; added BIGINT; unsealed BIGINT; before_seq BIGINT; top_seq BIGINT;
        BEGIN
            SELECT min(seq), max(seq), count(*), count(*) FILTER (WHERE chain_format IS DISTINCT FROM 2)
                INTO first_seq, last_seq, added, unsealed FROM new_entries;
            IF added = 0 THEN
                RETURN NULL;
            END IF;
            IF unsealed > 0 THEN
                RAISE EXCEPTION 'the audit log is append-only: a new entry must be sealed with the audit key';
            END IF;
            EXECUTE format('SELECT COALESCE(MAX(seq), 0), (SELECT MAX(seq) FROM %I.%I) FROM %I.%I WHERE seq < $1',
                TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME)
                INTO before_seq, top_seq USING first_seq;
            IF first_seq IS DISTINCT FROM before_seq + 1 OR last_seq - first_seq + 1 <> added
                OR top_seq IS DISTINCT FROM last_seq THEN
                RAISE EXCEPTION 'the audit log is append-only: entry % is not the next sequence number (%)',
                    first_seq, before_seq + 1;
            END IF;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER audit_log_append_only AFTER INSERT ON audit_log
        REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only_statement()
        """,
        "DROP FUNCTION audit_log_append_only()",
    ]
}
