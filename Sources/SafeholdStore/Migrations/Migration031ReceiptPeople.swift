import Foundation

/// Receipts kept as rows, one a person, and found by person through an index.
///
/// Lists (a team's caseloads, the due lists, search results) are audited as one entry naming a receipt of the
/// people they showed, as the census already was, instead of one entry per child shown. Such receipts are written
/// often, so they are stored here, a row per person under the entry's sequence number, with an index by person: a
/// child's access log finds every list that showed them without scanning receipts' text. The rows are the
/// receipt: `audit verify` rebuilds its canonical text from them and compares its digest with the one the sealed
/// entry names, so a row added, changed or removed breaks the chain. Receipts written before this migration stay
/// as text in `audit_receipts`. The table is append-only like `audit_log`: UPDATE, DELETE and TRUNCATE are
/// refused, and a row is accepted only under an entry that names a receipt and only once (which also refuses
/// SQLite's `INSERT OR REPLACE`, whose conflict deletion fires no DELETE trigger).
enum Migration031ReceiptPeople {
    static let migration = Migration(version: 31, name: "receipt people") { dialect in
        switch dialect {
        case .sqlite: sqlite
        case .postgres: postgres
        }
    }

    static let sqlite = [
        """
        CREATE TABLE audit_receipt_people (seq INTEGER NOT NULL, person_id TEXT NOT NULL,
            PRIMARY KEY (seq, person_id)) WITHOUT ROWID
        """,
        "CREATE INDEX audit_receipt_people_person ON audit_receipt_people (person_id, seq)",
        """
        CREATE TRIGGER audit_receipt_people_append_only BEFORE INSERT ON audit_receipt_people
        BEGIN
            SELECT RAISE(ABORT, 'audit receipts are append-only: a receipt belongs to an entry naming one')
            WHERE NEW.seq IS NULL OR typeof(NEW.seq) <> 'integer'
               OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND entity_id LIKE 'receipt:%');
            SELECT RAISE(ABORT, 'audit receipts are append-only: the receipt already carries this person')
            WHERE EXISTS (SELECT 1 FROM audit_receipt_people WHERE seq = NEW.seq AND person_id = NEW.person_id);
        END
        """,
        """
        CREATE TRIGGER audit_receipt_people_no_update BEFORE UPDATE ON audit_receipt_people
        BEGIN SELECT RAISE(ABORT, 'audit receipts are append-only: receipts cannot be changed'); END
        """,
        """
        CREATE TRIGGER audit_receipt_people_no_delete BEFORE DELETE ON audit_receipt_people
        BEGIN SELECT RAISE(ABORT, 'audit receipts are append-only: receipts cannot be deleted'); END
        """,
    ]

    static let postgres = [
        """
        CREATE TABLE audit_receipt_people (seq BIGINT NOT NULL, person_id TEXT NOT NULL,
            PRIMARY KEY (seq, person_id))
        """,
        "CREATE INDEX audit_receipt_people_person ON audit_receipt_people (person_id, seq)",
        // Checked once a statement over the rows it added (a transition table), not once a row: a caseload page's
        // receipt is some two hundred rows. The entries are looked up through TG_TABLE_SCHEMA, so a session's
        // search_path cannot point the check elsewhere.
        """
        CREATE FUNCTION audit_receipt_people_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE orphan BIGINT;
        BEGIN
            EXECUTE format('SELECT n.seq FROM new_people n WHERE NOT EXISTS (SELECT 1 FROM %I.audit_log l '
                || 'WHERE l.seq = n.seq AND l.entity_id LIKE %L) LIMIT 1', TG_TABLE_SCHEMA, 'receipt:%') INTO orphan;
            IF orphan IS NOT NULL THEN
                RAISE EXCEPTION 'audit receipts are append-only: entry % names no receipt', orphan;
            END IF;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER audit_receipt_people_append_only AFTER INSERT ON audit_receipt_people
        REFERENCING NEW TABLE AS new_people FOR EACH STATEMENT EXECUTE FUNCTION audit_receipt_people_append_only()
        """,
        "CREATE TRIGGER audit_receipt_people_no_update BEFORE UPDATE OR DELETE ON audit_receipt_people FOR EACH ROW "
            + "EXECUTE FUNCTION audit_receipts_refuse()",
        "CREATE TRIGGER audit_receipt_people_no_truncate BEFORE TRUNCATE ON audit_receipt_people FOR EACH STATEMENT "
            + "EXECUTE FUNCTION audit_receipts_refuse()",
    ]
}
