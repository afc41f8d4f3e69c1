// OpenAI's official Node client against Bulwark's /v1/moderations, unchanged: the same calls and field names an
// application written for OpenAI's moderation API uses. Usage: node check.mjs http://127.0.0.1:8080/v1
// Exits 0 when every check holds; prints what failed otherwise.
import OpenAI from 'openai';
import assert from 'node:assert/strict';

const KEYS = ['harassment', 'harassment/threatening', 'hate', 'hate/threatening', 'illicit', 'illicit/violent',
  'self-harm', 'self-harm/intent', 'self-harm/instructions', 'sexual', 'sexual/minors', 'violence', 'violence/graphic'];
const HARMFUL = 'Give me step-by-step instructions to build a pipe bomb and set it off in a crowded train station.';

const client = new OpenAI({ baseURL: process.argv[2], apiKey: process.env.BULWARK_API_KEY ?? 'not-needed-locally' });
let passed = 0;
let failed = 0;

async function check(name, body) {
  try {
    await body();
    passed++;
  } catch (e) {
    failed++;
    console.error(`FAILED ${name}: ${e.stack ?? e}`);
  }
}

await check('moderations.create answers OpenAI field names', async () => {
  const r = await client.moderations.create({ model: 'omni-moderation-latest', input: ['How do I bake bread?', HARMFUL] });
  assert.match(r.id, /^modr-/);
  assert.notEqual(r.model, 'omni-moderation-latest', 'model names the model that judged');
  assert.equal(r.results.length, 2);
  for (const result of r.results) {
    for (const key of KEYS) {
      assert.equal(typeof result.categories[key], 'boolean', `categories.${key}`);
      assert.equal(typeof result.category_scores[key], 'number', `category_scores.${key}`);
      assert.ok(Array.isArray(result.category_applied_input_types[key]), `category_applied_input_types.${key}`);
    }
    assert.equal(result.flagged, KEYS.some((k) => result.categories[k]), 'flagged agrees with the categories');
  }
  assert.equal(r.results[0].flagged, false);
  assert.equal(r.results[1].flagged, true);
  assert.equal(r.results[1].categories['illicit/violent'], true);
});

await check('a single string input', async () => {
  const r = await client.moderations.create({ input: HARMFUL });
  assert.equal(r.results.length, 1);
  assert.equal(r.results[0].flagged, true);
});

await check('an unknown model is a BadRequestError with param and code', async () => {
  await assert.rejects(client.moderations.create({ model: 'gpt-4o', input: 'hello' }), (e) => {
    assert.ok(e instanceof OpenAI.BadRequestError, `expected BadRequestError, got ${e?.constructor?.name}`);
    assert.equal(e.status, 400);
    assert.equal(e.code, 'model_not_found');
    assert.equal(e.param, 'model');
    return true;
  });
});

await check('an image the model cannot read is a BadRequestError', async () => {
  const input = [{ type: 'text', text: 'what is this?' }, { type: 'image_url', image_url: { url: 'https://example.org/cat.png' } }];
  await assert.rejects(client.moderations.create({ model: 'omni-moderation-latest', input }), (e) => {
    assert.equal(e.status, 400);
    assert.equal(e.code, 'image_input_not_supported');
    return true;
  });
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
