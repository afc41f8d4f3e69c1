// expect: secure
use rusqlite::{params, Connection};

pub fn count_by_owner(conn: &Connection, owner: &str) -> rusqlite::Result<i64> {
    let mut stmt = conn.prepare("SELECT count(*) FROM pets WHERE owner = ?1")?;
    stmt.query_row(params![owner], |row| row.get(0))
}
