async function find(db, id, name) {
    // ruleid: javascript.sql-injection
    await db.query(`SELECT * FROM users WHERE id = ${id}`);
    // ruleid: javascript.sql-injection
    await db.query("DELETE FROM users WHERE name = '" + name + "'");
    // ok: javascript.sql-injection
    await db.query('SELECT * FROM users WHERE id = ?', [id]);
    // ok: javascript.sql-injection
    await db.query(`SELECT * FROM users`);
}
