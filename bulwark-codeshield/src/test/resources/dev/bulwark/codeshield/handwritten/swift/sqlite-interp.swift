// expect: insecure CWE-89
import SQLite3

func deleteNote(db: OpaquePointer?, title: String) {
    let sql = "DELETE FROM notes WHERE title = '\(title)'"
    sqlite3_exec(db, sql, nil, nil, nil)
}
