use rusqlite::{params, Connection};

fn find_user(conn: &Connection, name: &str) -> rusqlite::Result<i64> {
    let sql = format!("SELECT id FROM users WHERE name = '{}'", name);
    // ruleid: rust.tainted-sql
    let mut stmt = conn.prepare(&sql)?;
    stmt.query_row([], |row| row.get(0))
}

fn find_user_bound(conn: &Connection, name: &str) -> rusqlite::Result<i64> {
    // ok: rust.tainted-sql
    conn.query_row("SELECT id FROM users WHERE name = ?1", params![name], |row| row.get(0))
}

async fn orders(Query(q): Query<HashMap<String, String>>, pool: PgPool) -> String {
    let status = q.get("status").cloned().unwrap_or_default();
    // ruleid: rust.tainted-sql
    let rows = sqlx::query(&format!("SELECT * FROM orders WHERE status = '{status}'")).fetch_all(&pool).await;
    let page = q.get("page").unwrap().parse::<i64>().unwrap_or(0);
    // ok: rust.tainted-sql
    let more = sqlx::query(&format!("SELECT * FROM orders LIMIT 20 OFFSET {}", page * 20)).fetch_all(&pool).await;
    render(rows, more)
}
