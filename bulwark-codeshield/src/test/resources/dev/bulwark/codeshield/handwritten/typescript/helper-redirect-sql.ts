// expect: insecure CWE-89
import express, { Request, Response } from 'express';
import { Pool } from 'pg';

const pool = new Pool();
const app = express();

async function many(sql: string) {
  const { rows } = await pool.query(sql);
  return rows;
}

function sortColumn(req: Request): string {
  return String(req.query.sort || 'created_at');
}

app.get('/tickets', async (req: Request, res: Response) => {
  res.json(await many(`SELECT * FROM tickets ORDER BY ${sortColumn(req)}`));
});
