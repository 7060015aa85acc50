import Foundation

/// Audit receipts: a bulk read (the census return, the census checks) writes one audit entry whose entity id
/// names a receipt (`receipt:<sha-256>`) and stores the receipt, the list of the people it carried, here under
/// the entry's sequence number. The table is append-only like `audit_log`: UPDATE, DELETE and TRUNCATE are
/// refused, and an insert is accepted only for an existing entry that names a receipt and has none yet (which
/// also refuses SQLite's `INSERT OR REPLACE`, whose conflict deletion fires no DELETE trigger). The entry's seal
/// covers the digest, so `audit verify` finds a receipt changed by someone who removed these guards.
enum Migration024AuditReceipts {
    static let migration = Migration(version: 24, name: "audit receipts") { dialect in
        switch dialect {
        case .sqlite: sqlite
        case .postgres: postgres
        }
    }

    static let sqlite = [
        "CREATE TABLE audit_receipts (seq INTEGER PRIMARY KEY, people TEXT NOT NULL)",
        """
        CREATE TRIGGER audit_receipts_append_only BEFORE INSERT ON audit_receipts
        BEGIN
            SELECT RAISE(ABORT, 'audit receipts are append-only: a receipt belongs to an entry naming one')
            WHERE NEW.seq IS NULL OR typeof(NEW.seq) <> 'integer'
               OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND entity_id LIKE 'receipt:%');
            SELECT RAISE(ABORT, 'audit receipts are append-only: the entry already has its receipt')
            WHERE EXISTS (SELECT 1 FROM audit_receipts WHERE seq = NEW.seq);
        END
        """,
        """
        CREATE TRIGGER audit_receipts_no_update BEFORE UPDATE ON audit_receipts
        BEGIN SELECT RAISE(ABORT, 'audit receipts are append-only: receipts cannot be changed'); END
        """,
        """
        CREATE TRIGGER audit_receipts_no_delete BEFORE DELETE ON audit_receipts
        BEGIN SELECT RAISE(ABORT, 'audit receipts are append-only: receipts cannot be deleted'); END
        """,
    ]

    static let postgres = [
        "CREATE TABLE audit_receipts (seq BIGINT PRIMARY KEY, people TEXT NOT NULL)",
        // The entry is looked up through TG_TABLE_SCHEMA, so a session's search_path cannot point it elsewhere.
        """
        CREATE FUNCTION audit_receipts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE names_receipt BOOLEAN;
        BEGIN
            EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.audit_log WHERE seq = $1 AND entity_id LIKE %L)',
                TG_TABLE_SCHEMA, 'receipt:%') INTO names_receipt USING NEW.seq;
            IF NOT names_receipt THEN
                RAISE EXCEPTION 'audit receipts are append-only: entry % names no receipt', NEW.seq;
            END IF;
            RETURN NEW;
        END $$
        """,
        """
        CREATE TRIGGER audit_receipts_append_only BEFORE INSERT ON audit_receipts
        FOR EACH ROW EXECUTE FUNCTION audit_receipts_append_only()
        """,
        """
        CREATE FUNCTION audit_receipts_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit receipts are append-only: receipts cannot be changed or deleted'; END $$
        """,
        "CREATE TRIGGER audit_receipts_no_update BEFORE UPDATE OR DELETE ON audit_receipts FOR EACH ROW "
            + "EXECUTE FUNCTION audit_receipts_refuse()",
        "CREATE TRIGGER audit_receipts_no_truncate BEFORE TRUNCATE ON audit_receipts FOR EACH STATEMENT "
            + "EXECUTE FUNCTION audit_receipts_refuse()",
    ]
}
