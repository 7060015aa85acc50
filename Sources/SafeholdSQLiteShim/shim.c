#include "SafeholdSQLiteShim.h"

// The SQLite compiled into this program is SQLiteNIO's copy, whose functions carry a `sqlite_nio_` prefix.
extern int sqlite_nio_sqlite3_db_config(void *db, int op, ...);

enum { SAFEHOLD_SQLITE_DBCONFIG_ENABLE_QPSG = 1007 };

int safehold_sqlite_enable_qpsg(void *db) {
    int enabled = 0;
    return sqlite_nio_sqlite3_db_config(db, SAFEHOLD_SQLITE_DBCONFIG_ENABLE_QPSG, 1, &enabled);
}
