// expect: secure
import SQLite3

func deleteNote(db: OpaquePointer?, title: String) {
    var stmt: OpaquePointer?
    sqlite3_prepare_v2(db, "DELETE FROM notes WHERE title = ?", -1, &stmt, nil)
    sqlite3_bind_text(stmt, 1, title, -1, nil)
    sqlite3_step(stmt)
    sqlite3_finalize(stmt)
}
