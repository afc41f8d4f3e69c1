// expect: insecure CWE-89
async function findOrders(pool, req) {
  const customer = req.params.customer;
  const query = `SELECT * FROM orders WHERE customer_id = '${customer}'`;
  const result = await pool.query(query);
  return result.rows;
}
