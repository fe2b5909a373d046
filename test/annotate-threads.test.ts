import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expandInputs } from '../src/ingest/sources.js';
import { annotateStore } from '../src/pipeline/annotate.js';
import { codeStore } from '../src/pipeline/code.js';
import { ingest } from '../src/pipeline/ingest.js';
import { WorkerPool } from '../src/pipeline/pool.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { FIXED_NOW, repoPath, scratch } from './helpers.js';

test('annotate on worker threads gives exactly what one thread gives, saved in the same order', { timeout: 120_000 }, async (t) => {
  const s = scratch(t);
  const annotated = async (name: string, threads: number) => {
    const store = new SqliteStore(join(s.dir, `${name}.db`));
    t.after(() => store.close());
    await ingest((await expandInputs([repoPath('examples')])).sources, store, { now: FIXED_NOW });
    const progress: number[] = [];
    const summary = await annotateStore(store, { threads, now: FIXED_NOW, batchSize: 5, onProgress: (n) => progress.push(n) });
    assert.deepEqual(progress, progress.map((_, i) => i + 1), 'progress counts every article once, in order');
    const ids = (await store.listArticles()).map((a) => a.id).sort();
    return { summary, docs: await Promise.all(ids.map(async (id) => JSON.stringify(await store.getAnnotations(id)))) };
  };
  const one = await annotated('one', 1);
  const two = await annotated('two', 2);
  assert.ok(one.summary.annotated >= 10);
  assert.deepEqual(two.summary, one.summary);
  assert.deepEqual(two.docs, one.docs);
});

test('worker pool: results in item order; a thread that dies fails only its item and is replaced', async (t) => {
  const s = scratch(t);
  const script = join(s.dir, 'double.mjs');
  writeFileSync(script, `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (x) => {
  if (x === 'die') process.exit(3);
  if (x === 'throw') { parentPort.postMessage({ ok: false, error: 'bad item' }); return; }
  setTimeout(() => parentPort.postMessage({ ok: true, value: x * 2 }), (10 - x) * 3);
});`);
  const pool = new WorkerPool<number | string, number>(pathToFileURL(script), 2);
  t.after(() => pool.close());
  const r = await pool.run([1, 2, 'die', 3, 'throw', 4, 5, 6, 7, 8]);
  assert.deepEqual(r.map((x) => (x.ok ? x.value : x.error)), [2, 4, 'worker thread exited (3)', 6, 'bad item', 8, 10, 12, 14, 16]);
  assert.deepEqual((await pool.run([9])).map((x) => x.ok && x.value), [18], 'the pool still works after a death');
});

test('code on worker threads gives exactly the events one thread gives (merging stays in order)', { timeout: 120_000 }, async (t) => {
  const s = scratch(t);
  const coded = async (name: string, threads: number) => {
    const store = new SqliteStore(join(s.dir, `${name}.db`));
    t.after(() => store.close());
    await ingest((await expandInputs([repoPath('examples')])).sources, store, { now: FIXED_NOW });
    await annotateStore(store, { threads: 1, now: FIXED_NOW });
    const progress: number[] = [];
    const summary = await codeStore(store, { threads, now: FIXED_NOW, batchSize: 4, onProgress: (n) => progress.push(n) });
    assert.deepEqual(progress, progress.map((_, i) => i + 1), 'progress counts every article once, in order');
    return { summary, events: await store.listEvents() };
  };
  const one = await coded('one', 1);
  const two = await coded('two', 2);
  assert.ok(one.summary.coded >= 10 && one.events.length > 20);
  assert.deepEqual(two.summary, one.summary);
  assert.deepEqual(two.events, one.events);
});
