#include "SafeholdSQLiteShim.h"

// The SQLite compiled into this program is SQLiteNIO's copy, whose functions carry a `sqlite_nio_` prefix.
extern int sqlite_nio_sqlite3_db_config(void *db, int op, ...);
extern int sqlite_nio_sqlite3_config(int op, ...);

enum { SAFEHOLD_SQLITE_DBCONFIG_ENABLE_QPSG = 1007, SAFEHOLD_SQLITE_CONFIG_STMTJRNL_SPILL = 26 };

int safehold_sqlite_enable_qpsg(void *db) {
    int enabled = 0;
    return sqlite_nio_sqlite3_db_config(db, SAFEHOLD_SQLITE_DBCONFIG_ENABLE_QPSG, 1, &enabled);
}

int safehold_sqlite_statement_journal_spill(int bytes) {
    return sqlite_nio_sqlite3_config(SAFEHOLD_SQLITE_CONFIG_STMTJRNL_SPILL, bytes);
}
