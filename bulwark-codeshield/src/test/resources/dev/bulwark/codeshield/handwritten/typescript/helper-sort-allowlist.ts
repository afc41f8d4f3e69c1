// expect: secure
import express, { Request, Response } from 'express';
import { Pool } from 'pg';

const pool = new Pool();
const app = express();
const SORTABLE = new Set(['created_at', 'priority', 'status']);

async function many(sql: string, values: unknown[] = []) {
  const { rows } = await pool.query(sql, values);
  return rows;
}

function sortColumn(req: Request): string {
  const wanted = String(req.query.sort || '');
  return SORTABLE.has(wanted) ? wanted : 'created_at';
}

app.get('/tickets', async (req: Request, res: Response) => {
  res.json(await many(`SELECT * FROM tickets WHERE owner = $1 ORDER BY ${sortColumn(req)}`, [req.query.owner]));
});
