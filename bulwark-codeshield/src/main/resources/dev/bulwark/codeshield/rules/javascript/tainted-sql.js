const express = require('express');
const app = express();
const SORTABLE = new Set(['name', 'created_at']);

app.get('/users', async (req, res) => {
  const name = req.query.name;
  const sql = "SELECT * FROM users WHERE name = '" + name + "'";
  // ruleid: javascript.tainted-sql
  const rows = await pool.query(sql);
  // ok: javascript.tainted-sql
  const safe = await pool.query('SELECT * FROM users WHERE name = $1', [name]);
  res.json(rows.concat(safe));
});

app.get('/items', async (req, res) => {
  const sort = req.query.sort;
  if (!SORTABLE.has(sort)) {
    return res.status(400).end();
  }
  // ok: javascript.tainted-sql
  const rows = await db.query(`SELECT * FROM items ORDER BY ${sort} LIMIT $1`, [req.query.limit]);
  res.json(rows);
});

async function byId(db, id) {
  // ruleid: javascript.tainted-sql
  return db.all(`SELECT * FROM orders WHERE id = ${id}`);
}

async function count(db) {
  // ok: javascript.tainted-sql
  return db.get('SELECT count(*) AS n FROM orders');
}

app.get('/items2', async (req, res) => {
  const col = SORTABLE.has(req.query.sort) ? req.query.sort : 'name';
  // ok: javascript.tainted-sql
  res.json(await db.query(`SELECT * FROM items ORDER BY ${col}`));
});

// Wrappers in the same file: a helper that hands its parameter to the database, one that returns request data.
function runQuery(sql) {
  // ok: javascript.tainted-sql
  return db.query(sql);
}

function requestedUser(req) {
  return req.query.user;
}

app.get('/by-name', async (req, res) => {
  const name = req.query.name;
  // ruleid: javascript.tainted-sql
  const rows = await runQuery("SELECT * FROM users WHERE name = '" + name + "'");
  // ok: javascript.tainted-sql
  const all = await runQuery('SELECT * FROM users');
  const who = requestedUser(req);
  // ruleid: javascript.tainted-sql
  res.json(await db.query(`SELECT * FROM users WHERE name = '${who}'`));
});

// A route callback is not a function named after the call it is passed to: cache.get() is not app.get()'s handler.
app.get('/echo', (req, res) => {
  return res.json({ q: req.query.q });
});

function cached(key) {
  const sql = cache.get(key);
  // ok: javascript.tainted-sql
  return db.query(sql);
}
