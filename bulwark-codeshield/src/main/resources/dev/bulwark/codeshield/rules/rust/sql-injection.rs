fn find(conn: &Connection, name: &str) {
    // ruleid: rust.sql-injection
    conn.execute(&format!("DELETE FROM users WHERE name = '{}'", name), []);
    // ruleid: rust.sql-injection
    let q = sql_query(format!("SELECT * FROM t WHERE id = {}", name));
    // ok: rust.sql-injection
    conn.execute("DELETE FROM users WHERE name = ?1", params![name]);
}
