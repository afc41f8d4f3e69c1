import SQLite3

func findUser(db: OpaquePointer?, name: String) -> Int32 {
    let sql = "SELECT id FROM users WHERE name = '\(name)'"
    // ruleid: swift.tainted-sql
    return sqlite3_exec(db, sql, nil, nil, nil)
}

func findUserBound(db: OpaquePointer?, name: String) -> Int32 {
    var stmt: OpaquePointer?
    // ok: swift.tainted-sql
    sqlite3_prepare_v2(db, "SELECT id FROM users WHERE name = ?", -1, &stmt, nil)
    sqlite3_bind_text(stmt, 1, name, -1, nil)
    return sqlite3_step(stmt)
}

let owner = CommandLine.arguments[1]
// ruleid: swift.tainted-sql
sqlite3_exec(db, "DELETE FROM jobs WHERE owner = '" + owner + "'", nil, nil, nil)
// ok: swift.tainted-sql
sqlite3_exec(db, "DELETE FROM jobs WHERE done = 1", nil, nil, nil)
