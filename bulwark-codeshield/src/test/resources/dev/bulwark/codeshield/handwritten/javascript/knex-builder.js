// expect: secure
router.get('/users/:id', async (ctx) => {
  const rows = await knex('users').where({ id: ctx.params.id }).select('*');
  ctx.body = rows;
});
