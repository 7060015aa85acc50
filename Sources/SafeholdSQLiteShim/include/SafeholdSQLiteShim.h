#ifndef SAFEHOLD_SQLITE_SHIM_H
#define SAFEHOLD_SQLITE_SHIM_H

/// Turns on SQLite's query planner stability guarantee (SQLITE_DBCONFIG_ENABLE_QPSG) for one connection, so that a
/// kept statement's plan never depends on the values bound to it and binding new values never recompiles it.
/// `sqlite3_db_config` takes variable arguments, which Swift cannot call: this is the one call, spelled in C.
/// Returns SQLite's result code.
int safehold_sqlite_enable_qpsg(void *db);

#endif
