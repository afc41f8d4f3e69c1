// expect: insecure CWE-89
use rusqlite::Connection;

pub fn count_by_owner(conn: &Connection, owner: &str) -> rusqlite::Result<i64> {
    let sql = format!("SELECT count(*) FROM pets WHERE owner = '{}'", owner);
    let mut stmt = conn.prepare(&sql)?;
    stmt.query_row([], |row| row.get(0))
}
