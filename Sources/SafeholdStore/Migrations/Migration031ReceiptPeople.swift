import Foundation

/// Receipts kept as rows, one a person, stored once for each set of people and found by person through an index.
///
/// Lists (a team's caseloads, the due lists, search results) are audited as one entry naming a receipt of the
/// people they showed, as the census already was, instead of one entry per child shown. A receipt is named by the
/// digest of its canonical text (`AuditReceipt`), so the same set of people always has the same name: it is stored
/// here once, a row per person under its digest, however many entries name it. A manager opening the same caseload
/// every morning adds one entry a day and no rows. The index by person lets a child's access log find every list
/// that showed them, and the partial index on `audit_log` the entries naming each receipt, without scanning. The
/// rows are the receipt: `audit verify` rebuilds its text from them and compares its digest with the one each
/// sealed entry names, so a row added, changed or removed breaks the chain. Receipts written before this migration
/// stay as text in `audit_receipts`. The table is append-only like `audit_log`: UPDATE, DELETE and TRUNCATE are
/// refused, and a row is accepted only for a receipt an entry names and only once (which also refuses SQLite's
/// `INSERT OR REPLACE`, whose conflict deletion fires no DELETE trigger).
enum Migration031ReceiptPeople {
    static let migration = Migration(version: 31, name: "receipt people") { dialect in
        switch dialect {
        case .sqlite: common + sqlite
        case .postgres: common + postgres
        }
    }

    static let common = [
        "CREATE INDEX audit_log_receipt ON audit_log (entity_id, seq) WHERE entity_id LIKE 'receipt:%'"
    ]

    static let sqlite = [
        """
        CREATE TABLE audit_receipt_people (digest TEXT NOT NULL, person_id TEXT NOT NULL,
            PRIMARY KEY (digest, person_id)) WITHOUT ROWID
        """,
        "CREATE INDEX audit_receipt_people_person ON audit_receipt_people (person_id, digest)",
        """
        CREATE TRIGGER audit_receipt_people_append_only BEFORE INSERT ON audit_receipt_people
        BEGIN
            SELECT RAISE(ABORT, 'audit receipts are append-only: a receipt belongs to an entry naming one')
            WHERE NOT EXISTS (SELECT 1 FROM audit_log
                WHERE entity_id = 'receipt:' || NEW.digest AND entity_id LIKE 'receipt:%');
            SELECT RAISE(ABORT, 'audit receipts are append-only: the receipt already carries this person')
            WHERE EXISTS (SELECT 1 FROM audit_receipt_people WHERE digest = NEW.digest AND person_id = NEW.person_id);
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
        CREATE TABLE audit_receipt_people (digest TEXT NOT NULL, person_id TEXT NOT NULL,
            PRIMARY KEY (digest, person_id))
        """,
        "CREATE INDEX audit_receipt_people_person ON audit_receipt_people (person_id, digest)",
        // Checked once a statement over the rows it added (a transition table), not once a row: a caseload page's
        // receipt is some two hundred rows. The entries are looked up through TG_TABLE_SCHEMA, so a session's
        // search_path cannot point the check elsewhere.
        """
        CREATE FUNCTION audit_receipt_people_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE orphan TEXT;
        BEGIN
            EXECUTE format('SELECT n.digest FROM new_people n WHERE NOT EXISTS (SELECT 1 FROM %I.audit_log l '
                || 'WHERE l.entity_id = %L || n.digest AND l.entity_id LIKE %L) LIMIT 1',
                TG_TABLE_SCHEMA, 'receipt:', 'receipt:%') INTO orphan;
            IF orphan IS NOT NULL THEN
                RAISE EXCEPTION 'audit receipts are append-only: no entry names receipt %', orphan;
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
