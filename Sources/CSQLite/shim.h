// SQLite, for the rpm database (rpmdb.sqlite) that Fedora and the RHEL 9 family ship.
#ifndef SAFEGUARD_CSQLITE_SHIM_H
#define SAFEGUARD_CSQLITE_SHIM_H

#include <sqlite3.h>

// sqlite3_db_config is variadic, which Swift cannot call: these wrap the two settings SQLite documents for reading
// database files an attacker may have written. Each returns an SQLite result code.

/// Turns on SQLITE_DBCONFIG_DEFENSIVE: no writes to the schema or shadow tables, no crafted-schema tricks.
static inline int safeguard_sqlite3_enable_defensive(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
}

/// Turns off SQLITE_DBCONFIG_TRUSTED_SCHEMA: SQL functions and virtual tables named in the schema are not run.
static inline int safeguard_sqlite3_distrust_schema(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)0);
}

#endif
