#ifndef SAFEHOLD_SQLITE_SHIM_H
#define SAFEHOLD_SQLITE_SHIM_H

/// Turns on SQLite's query planner stability guarantee (SQLITE_DBCONFIG_ENABLE_QPSG) for one connection, so that a
/// kept statement's plan never depends on the values bound to it and binding new values never recompiles it.
/// `sqlite3_db_config` takes variable arguments, which Swift cannot call: this is the one call, spelled in C.
/// Returns SQLite's result code.
int safehold_sqlite_enable_qpsg(void *db);

/// Sets how large a statement journal grows in memory before SQLite writes it to a temporary file
/// (SQLITE_CONFIG_STMTJRNL_SPILL), for every connection the process opens. Call before `sqlite3_initialize`;
/// `sqlite3_config` takes variable arguments, which Swift cannot call. Returns SQLite's result code.
int safehold_sqlite_statement_journal_spill(int bytes);

#endif
