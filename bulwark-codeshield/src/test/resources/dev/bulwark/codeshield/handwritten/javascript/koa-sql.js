// expect: insecure CWE-89
router.get('/users/:id', async (ctx) => {
  const rows = await knex.raw('SELECT * FROM users WHERE id = ' + ctx.params.id);
  ctx.body = rows;
});
