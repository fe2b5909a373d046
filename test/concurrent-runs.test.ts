import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from './backends.js';
import { cliAsync as cli, repoPath } from './helpers.js';


/** What a run produced, without run-specific fields (times): events with their mentions, stories with their articles. */
async function results(db: string): Promise<string> {
  const events = JSON.parse((await cli(['--db', db, 'events', '--json', '--limit', '100000'])).out) as { id: string; cameo: string; mentions: { article_id: string; start: number }[] }[];
  const stories = JSON.parse((await cli(['--db', db, 'stories', '--json'])).out) as { id: string; articles?: unknown; size?: number }[];
  return JSON.stringify({
    events: events.map((e) => [e.id, e.cameo, e.mentions.map((m) => `${m.article_id}@${m.start}`).sort()]).sort(),
    stories: stories.map((s) => [s.id, s.size]).sort(),
  });
}

for (const backend of BACKENDS) {
  test(`two code runs (and two cluster runs) on one store at once (${backend.name}): both exit 0, the second waits, and the events and stories equal one run's (issue #11, #13)`, { skip: backend.skip }, async (t) => {
    const one = await backend.target(t);
    const two = await backend.target(t);
    for (const db of [one, two]) {
      assert.equal((await cli(['--db', db, 'ingest', repoPath('examples'), '--quiet'])).code, 0);
      assert.equal((await cli(['--db', db, 'annotate', '--json'])).code, 0);
    }
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
}
// withLease on each backend: store-contract.test.ts (leases).
