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

// A helper in the same file that hands its parameter to SQLite.
func run(_ db: OpaquePointer?, _ statement: String) -> Int32 {
    // ok: swift.tainted-sql
    return sqlite3_exec(db, statement, nil, nil, nil)
}

func archive(db: OpaquePointer?) {
    let job = CommandLine.arguments[2]
    // ruleid: swift.tainted-sql
    _ = run(db, "UPDATE jobs SET archived = 1 WHERE name = '\(job)'")
    // ok: swift.tainted-sql
    _ = run(db, "UPDATE jobs SET archived = 1 WHERE done = 1")
}
