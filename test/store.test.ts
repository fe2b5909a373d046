import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { expandInputs } from '../src/ingest/sources.js';
import { ingest } from '../src/pipeline/ingest.js';
import { openForReading, SqliteStore, toFtsQuery } from '../src/store/sqlite/index.js';
import { MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { FIXED_NOW, scratch, SEED_LEGIT, SEED_MT } from './helpers.js';

async function seeded(t: Parameters<typeof scratch>[0]) {
  const s = scratch(t);
  s.write('legit.txt', readFileSync(SEED_LEGIT));
  s.write('mt.md', readFileSync(SEED_MT));
  const store = new SqliteStore(s.db);
  t.after(() => store.close());
  await ingest((await expandInputs([s.dir])).sources, store, { now: FIXED_NOW });
  return { store, s };
}

test('store: WAL mode, migrations recorded with a version table, reopening does not re-run them', async (t) => {
  const { store, s } = await seeded(t);
  assert.equal(await store.schemaVersion(), MIGRATIONS.at(-1)!.version);
  await store.close();
  const again = new SqliteStore(s.db);
  assert.equal(await again.countArticles(), 2);
  await again.close();
  const raw = new Database(s.db, { readonly: true });
  assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal((raw.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n, MIGRATIONS.length);
  raw.close();
});

test('store: a store from a newer wirescope is refused, naming both versions, and nothing is written to it', async (t) => {
  const { store, s } = await seeded(t);
  await store.close();
  const raw = new Database(s.db);
  const future = MIGRATIONS.at(-1)!.version + 1;
  raw.prepare('INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)').run(future, 'from the future', '2030-01-01T00:00:00Z');
  raw.close();
  const before = readFileSync(s.db);
  for (const readonly of [false, true]) {
    assert.throws(() => new SqliteStore(s.db, { readonly }), (e: unknown) => e instanceof Error && e.message.includes(`version ${future}`) && e.message.includes(`version ${MIGRATIONS.at(-1)!.version}`));
  }
  assert.ok(readFileSync(s.db).equals(before), 'the file is untouched');
});

test('store: list filters by outlet and date, newest first', async (t) => {
  const { store } = await seeded(t);
  assert.deepEqual((await store.listArticles()).map((a) => a.outlet), ['Legit.ng', 'The Moscow Times']);
  assert.deepEqual((await store.listArticles({ outlet: 'the moscow times' })).map((a) => a.published), ['2026-03-07']);
  assert.deepEqual((await store.listArticles({ since: '2026-03-08' })).map((a) => a.outlet), ['Legit.ng']);
  assert.deepEqual((await store.listArticles({ until: '2026-03-07' })).map((a) => a.outlet), ['The Moscow Times']);
});

test('store: full-text search ranks and marks hits; article ids resolve by unique prefix', async (t) => {
  const { store } = await seeded(t);
  const hits = await store.search('Saudi Gazette');
  assert.equal(hits.length, 1);
  assert.equal(hits[0]!.article.outlet, 'Legit.ng');
  assert.match(hits[0]!.snippet, /«Saudi» «Gazette»/);
  assert.equal((await store.search('Washington Post'))[0]!.article.outlet, 'The Moscow Times');
  const id = hits[0]!.article.id;
  assert.equal((await store.getArticle(id.slice(0, 6)))!.id, id);
  assert.equal(await store.getArticle('ffffffffffffffff'), null);
});

test('store: search input is text, never SQL or FTS syntax', async (t) => {
  const { store } = await seeded(t);
  for (const hostile of [`"; DROP TABLE articles; --`, `title:Putin OR body:*`, `"unbalanced`, `NEAR(a b)`, `' OR 1=1 --`, `***`, `)(`]) {
    await store.search(hostile);
  }
  assert.equal(await store.countArticles(), 2);
  assert.equal(toFtsQuery('title:Putin OR x*'), '"title Putin" "OR" "x"');
  assert.equal(toFtsQuery('"phone call" Kremlin'), '"phone call" "Kremlin"');
  assert.equal(toFtsQuery('*** )('), null);
});

test('store: the revision marker changes with writes through this handle and through another connection, not with reads', async (t) => {
  const { store, s } = await seeded(t);
  const reader = openForReading(s.db);
  t.after(() => reader.close());
  const r0 = await reader.revision();
  const w0 = await store.revision();
  await store.listArticles();
  await reader.search('Putin');
  assert.equal(await reader.revision(), r0, 'reads leave it');
  assert.equal(await store.revision(), w0);
  s.write('more/extra.txt', ' 2026-03-12 Kremlin says talks with Tehran continue\n\nMOSCOW — The Kremlin said on Thursday that talks with Iran would continue next week.\n');
  await ingest((await expandInputs([`${s.dir}/more`])).sources, store, { now: FIXED_NOW });
  assert.notEqual(await store.revision(), w0, 'a write through this handle moves it');
  assert.notEqual(await reader.revision(), r0, 'and another connection sees it move');
});
