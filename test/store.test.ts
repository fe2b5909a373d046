/** What only the SQLite store does (its file, WAL, FTS5 query form); the contract both backends keep is store-contract.test.ts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { inflateRawSync } from 'node:zlib';
import { expandInputs } from '../src/ingest/sources.js';
import { ingest } from '../src/pipeline/ingest.js';
import { annotateStore } from '../src/pipeline/annotate.js';
import { codeStore } from '../src/pipeline/code.js';
import { SqliteStore, toFtsQuery } from '../src/store/sqlite/index.js';
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

test('store (SQLite): WAL mode, migrations recorded with a version table, reopening does not re-run them', async (t) => {
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

test('store (SQLite): a store from a newer wirescope is refused, naming both versions, and nothing is written to it', async (t) => {
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

test('store (SQLite): user search text becomes an FTS5 query of quoted words only', () => {
  assert.equal(toFtsQuery('title:Putin OR x*'), '"title Putin" "OR" "x"');
  assert.equal(toFtsQuery('"phone call" Kremlin'), '"phone call" "Kremlin"');
  assert.equal(toFtsQuery('*** )('), null);
});

test('store (SQLite): annotations are stored deflated, and rows written as JSON text by an older wirescope still read', async (t) => {
  const { store, s } = await seeded(t);
  await annotateStore(store, { now: FIXED_NOW, threads: 1 });
  const [a] = await store.listArticles({ limit: 1 });
  const ann = await store.getAnnotations(a!.id);
  assert.ok(ann && ann.sentences.length > 5);
  const raw = new Database(s.db);
  const row = raw.prepare('SELECT doc FROM annotations WHERE article_id = ?').get(a!.id) as { doc: Buffer | string };
  assert.ok(Buffer.isBuffer(row.doc), 'a blob');
  assert.ok(row.doc.length * 3 < JSON.stringify(ann).length, `${row.doc.length} bytes for ${JSON.stringify(ann).length} of JSON`);
  raw.prepare('UPDATE annotations SET doc = ? WHERE article_id = ?').run(JSON.stringify(ann), a!.id);
  raw.close();
  assert.deepEqual(await store.getAnnotations(a!.id), ann);
  assert.deepEqual((await store.articlesToCode(1, { limit: 10 })).find((x) => x.article.id === a!.id)!.annotations, ann);
});

test('store (SQLite): event records and their folds are stored deflated; rows written as JSON text before still read and merge', async (t) => {
  const { store, s } = await seeded(t);
  await annotateStore(store, { now: FIXED_NOW, threads: 1 });
  const ids = (await store.articlesToCode(1, { limit: 100 })).map((x) => x.article.id);
  await codeStore(store, { now: FIXED_NOW, ids: ids.slice(0, 1) });
  const raw = new Database(s.db);
  assert.deepEqual(raw.prepare('SELECT DISTINCT typeof(doc) AS d, typeof(summary) AS s FROM events').all(), [{ d: 'blob', s: 'blob' }]);
  // As an older wirescope wrote them: text.
  for (const r of raw.prepare('SELECT id, doc, summary FROM events').all() as { id: string; doc: Buffer; summary: Buffer }[]) {
    raw.prepare('UPDATE events SET doc = ?, summary = ? WHERE id = ?').run(inflateRawSync(r.doc).toString('utf8'), inflateRawSync(r.summary).toString('utf8'), r.id);
  }
  raw.close();
  const reference = await seeded(t);
  await annotateStore(reference.store, { now: FIXED_NOW, threads: 1 });
  await codeStore(reference.store, { now: FIXED_NOW });
  await codeStore(store, { now: FIXED_NOW });
  assert.deepEqual(await store.listEvents(), await reference.store.listEvents(), 'text rows read, and the second article merged into them');
});

test('store (SQLite): migration 9 fills only_article from the article lists an older wirescope kept', async (t) => {
  const { store, s } = await seeded(t);
  await annotateStore(store, { now: FIXED_NOW, threads: 1 });
  await codeStore(store, { now: FIXED_NOW });
  await store.close();
  const raw = new Database(s.db);
  const before = raw.prepare('SELECT id, only_article FROM events ORDER BY id').all() as { id: string; only_article: string | null }[];
  assert.ok(before.some((e) => e.only_article) && before.some((e) => !e.only_article), 'events of one article and of several');
  // The store as version 8 left it: the article lists kept, no only_article column.
  const lists = raw.prepare("SELECT e.id, json_group_array(DISTINCT m.article_id) AS articles FROM events e JOIN event_mentions m ON m.event_id = e.id GROUP BY e.id").all() as { id: string; articles: string }[];
  for (const l of lists) raw.prepare('UPDATE events SET articles = ? WHERE id = ?').run(l.articles, l.id);
  raw.exec('ALTER TABLE events DROP COLUMN only_article; DROP TABLE cluster_rows; DELETE FROM schema_migrations WHERE version >= 9;');
  raw.close();
  const again = new SqliteStore(s.db);
  t.after(() => again.close());
  assert.equal(await again.schemaVersion(), MIGRATIONS.at(-1)!.version);
  const check = new Database(s.db, { readonly: true });
  assert.deepEqual(check.prepare('SELECT id, only_article FROM events ORDER BY id').all(), before);
  check.close();
});
