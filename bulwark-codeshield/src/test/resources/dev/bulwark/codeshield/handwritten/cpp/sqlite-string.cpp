// expect: insecure CWE-89
#include <sqlite3.h>
#include <string>

bool add_tag(sqlite3 *db, const std::string &tag) {
    std::string sql = "INSERT INTO tags(name) VALUES('" + tag + "');";
    return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
}
