// expect: insecure CWE-89
import SQLite3

final class NotesStore {
    var db: OpaquePointer?

    func delete(title: String) {
        let sql = "DELETE FROM notes WHERE title = '\(title)';"
        sqlite3_exec(db, sql, nil, nil, nil)
    }
}
