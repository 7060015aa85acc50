import Foundation

/// The keyed audit chain: each entry records the format of its seal (1 = the unkeyed SHA-256 of
/// entries written before this migration, which it leaves as they are; 2 = HMAC-SHA256 with the audit
/// key), and the database accepts a new entry only as the next sequence number, sealed in format 2.
/// With the UPDATE, DELETE and TRUNCATE guards of migration 1, that refuses every way of changing or
/// removing an entry, including SQLite's `INSERT OR REPLACE` and `REPLACE` (whose conflict deletion
/// fires no DELETE trigger) and upserts.
enum Migration003AuditSeal {
    static let migration = Migration(version: 3, name: "audit seal") { dialect in
        switch dialect {
        case .sqlite: sqlite
        case .postgres: postgres
        }
    }

    static let sqlite = [
        "ALTER TABLE audit_log ADD COLUMN chain_format INTEGER NOT NULL DEFAULT 1",
        """
        CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'the audit log is append-only: a new entry must take the next sequence number')
            WHERE NEW.seq IS NULL OR typeof(NEW.seq) <> 'integer'
               OR NEW.seq <> (SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_log);
            SELECT RAISE(ABORT, 'the audit log is append-only: a new entry must be sealed with the audit key')
            WHERE NEW.chain_format IS NOT 2;
        END
        """,
    ]

    static let postgres = [
        "ALTER TABLE audit_log ADD COLUMN chain_format INTEGER NOT NULL DEFAULT 1",
        // Existing rows are format 1; a new row must say its format.
        "ALTER TABLE audit_log ALTER COLUMN chain_format DROP DEFAULT",
        "ALTER TABLE audit_log ADD CONSTRAINT audit_log_seq_positive CHECK (seq >= 1) NOT VALID",
        // The table is named through TG_TABLE_SCHEMA so that a session's search_path (a temporary
        // table called audit_log, say) cannot change what "the highest sequence number" means.
        """
        CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE next_seq BIGINT;
        BEGIN
            EXECUTE format('SELECT COALESCE(MAX(seq), 0) + 1 FROM %I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME)
                INTO next_seq;
            IF NEW.seq IS DISTINCT FROM next_seq THEN
                RAISE EXCEPTION 'the audit log is append-only: entry % is not the next sequence number (%)',
                    NEW.seq, next_seq;
            END IF;
            IF NEW.chain_format IS DISTINCT FROM 2 THEN
                RAISE EXCEPTION 'the audit log is append-only: a new entry must be sealed with the audit key';
            END IF;
            RETURN NEW;
        END $$
        """,
        """
        CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
        """,
    ]
}
