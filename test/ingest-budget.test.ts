import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateArticle, rng } from '../bench/corpus.js';
import { expandInputs } from '../src/ingest/sources.js';
import { ingest } from '../src/pipeline/ingest.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { FIXED_NOW, scratch } from './helpers.js';

const story = (n: number) => {
  const a = generateArticle(rng(n), n);
  return `${a.title}\n\n${a.paragraphs.join('\n\n')}`;
};

test('a per-input time budget: an input that reads too long is rejected with that reason, and the inputs around it are stored (issue #11)', { timeout: 120_000 }, async (t) => {
  const s = scratch(t);
  s.write('in/1-before.txt', story(1));
  // Flat but huge: Readability needs seconds for it, far over the budget this test sets.
  s.write('in/2-slow.html', `<html><head><title>Slow</title></head><body>${'<div><p>Some text about the council meeting and the river talks.</p></div>'.repeat(120_000)}</body></html>`);
  s.write('in/3-after.txt', story(3));
  const store = new SqliteStore(s.db);
  t.after(() => store.close());
  const { sources } = await expandInputs([`${s.dir}/in`]);
  const summary = await ingest(sources, store, { now: FIXED_NOW, readTimeoutMs: 400, maxBytes: 50 * 1024 * 1024 });
  assert.deepEqual(summary.ingested.map((a) => a.path.slice(s.dir.length)).sort(), ['/in/1-before.txt', '/in/3-after.txt']);
  assert.equal(summary.rejected.length, 1);
  assert.equal(summary.rejected[0]!.path.slice(s.dir.length), '/in/2-slow.html');
  assert.match(summary.rejected[0]!.message, /^cannot read: reading took over 0\.4 s/);
  assert.equal(await store.countArticles(), 2);
});
