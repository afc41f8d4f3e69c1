#include <stdio.h>
#include <sqlite3.h>

int find_user(sqlite3 *db, const char *name) {
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT id FROM users WHERE name = '%s'", name);
    // ruleid: c.tainted-sql
    return sqlite3_exec(db, sql, callback, NULL, NULL);
}

int find_user_bound(sqlite3 *db, const char *name) {
    sqlite3_stmt *stmt;
    // ok: c.tainted-sql
    sqlite3_prepare_v2(db, "SELECT id FROM users WHERE name = ?", -1, &stmt, NULL);
    sqlite3_bind_text(stmt, 1, name, -1, SQLITE_TRANSIENT);
    return sqlite3_step(stmt);
}

int main(int argc, char **argv) {
    char query[512] = "DELETE FROM jobs WHERE owner = '";
    strcat(query, argv[1]);
    strcat(query, "'");
    // ruleid: c.tainted-sql
    sqlite3_exec(db, query, NULL, NULL, &err);
    int id = atoi(argv[2]);
    char q2[128];
    snprintf(q2, sizeof q2, "DELETE FROM jobs WHERE id = %d", id);
    // ok: c.tainted-sql
    sqlite3_exec(db, q2, NULL, NULL, &err);
    return 0;
}
