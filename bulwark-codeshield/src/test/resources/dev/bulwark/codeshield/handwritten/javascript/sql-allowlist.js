// expect: secure
const SORT_COLUMNS = ['created_at', 'total'];

async function findOrders(pool, req) {
  const sort = SORT_COLUMNS.includes(req.query.sort) ? req.query.sort : 'created_at';
  const result = await pool.query(`SELECT * FROM orders WHERE customer_id = $1 ORDER BY ${sort} DESC`, [req.params.customer]);
  return result.rows;
}
