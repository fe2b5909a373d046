import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { withLease } from '../src/pipeline/lease.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { cliAsync as cli, repoPath, scratch } from './helpers.js';


/** What a run produced, without run-specific fields (times): events with their mentions, stories with their articles. */
async function results(db: string): Promise<string> {
  const events = JSON.parse((await cli(['--db', db, 'events', '--json', '--limit', '100000'])).out) as { id: string; cameo: string; mentions: { article_id: string; start: number }[] }[];
  const stories = JSON.parse((await cli(['--db', db, 'stories', '--json'])).out) as { id: string; articles?: unknown; size?: number }[];
  return JSON.stringify({
    events: events.map((e) => [e.id, e.cameo, e.mentions.map((m) => `${m.article_id}@${m.start}`).sort()]).sort(),
    stories: stories.map((s) => [s.id, s.size]).sort(),
  });
}

test('two code runs (and two cluster runs) on one store at once: both exit 0, the second waits, and the events and stories equal one run\'s (issue #11)', async (t) => {
  const s = scratch(t);
  const one = join(s.dir, 'one.db');
  const two = join(s.dir, 'two.db');
  assert.equal((await cli(['--db', one, 'ingest', repoPath('examples'), '--quiet'])).code, 0);
  assert.equal((await cli(['--db', one, 'annotate', '--json'])).code, 0);
  copyFileSync(one, two);

  assert.equal((await cli(['--db', one, 'code', '--json'])).code, 0);
  assert.equal((await cli(['--db', one, 'cluster', '--json'])).code, 0);

  const [a, b] = await Promise.all([cli(['--db', two, 'code', '--json']), cli(['--db', two, 'code', '--json'])]);
  assert.equal(a.code, 0, a.err);
  assert.equal(b.code, 0, b.err);
  const coded = [a, b].map((r) => (JSON.parse(r.out) as { coded: number; failed: unknown[] }));
  assert.deepEqual(coded.map((c) => c.failed.length), [0, 0]);
  assert.ok(coded.some((c) => c.coded === 0), `one run coded everything, the other found it done: ${coded.map((c) => c.coded).join(', ')}`);
  const [c, d] = await Promise.all([cli(['--db', two, 'cluster', '--json']), cli(['--db', two, 'cluster', '--json'])]);
  assert.equal(c.code, 0, c.err);
  assert.equal(d.code, 0, d.err);

  assert.equal(await results(two), await results(one));
});

test('withLease: a held lease makes the next run wait (and say so) until it is released; a dead holder\'s lease is free', async (t) => {
  const s = scratch(t);
  const store = new SqliteStore(s.db);
  t.after(() => store.close());
  const first = { holder: 'first', pid: process.pid, host: 'this-host' };
  assert.equal(await store.acquireLease('code', first, 60_000), null);
  const order: string[] = [];
  setTimeout(() => {
    order.push('released');
    void store.releaseLease('code', first);
  }, 100);
  await withLease(store, 'code', { pollMs: 10, onWait: (h) => order.push(`waiting for ${h.holder}`) }, async () => {
    order.push('ran');
  });
  assert.deepEqual(order, ['waiting for first', 'released', 'ran']);
  // Released after the run: the next one takes it at once.
  assert.equal(await store.acquireLease('code', { holder: 'third', pid: process.pid, host: 'h' }, 60_000), null);
  // A holder on this host whose process is gone frees the lease (a crashed run must not block the store).
  const { hostname } = await import('node:os');
  await store.acquireLease('cluster', { holder: 'crashed', pid: 2 ** 22 + 12345, host: hostname() }, 60_000);
  let waited = false;
  await withLease(store, 'cluster', { pollMs: 10, onWait: () => (waited = true) }, async () => undefined);
  assert.equal(waited, false);
});
