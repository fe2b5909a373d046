/**
 * The store contract: every test here runs on every backend (SQLite and PostgreSQL), on a fresh
 * store of its own, and the last ones check that both backends give the same answers on the same
 * input. Backend-specific behaviour (SQLite's WAL file, read-only folders) lives in store.test.ts
 * and store-readonly.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { MENTION_MARK_V1, unpackDoc, unpackMention } from '../src/store/doc-codec.js';
import { packAnnotations } from '../src/store/annotation-codec.js';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../src/app/store.js';
import { createApi } from '../src/server/api.js';
import { expandInputs } from '../src/ingest/sources.js';
import { annotateStore } from '../src/pipeline/annotate.js';
import { changedRecords, clusterStore, ResidentClusterer, restoreClusterer, storyNames } from '../src/pipeline/cluster.js';
import { StoryClusterer } from '../src/stories/cluster.js';
import { deltaRows, stateFromRows } from '../src/stories/state-rows.js';
import { codeStore } from '../src/pipeline/code.js';
import { ingest } from '../src/pipeline/ingest.js';
import { withLease } from '../src/pipeline/lease.js';
import { bandKeys, signature } from '../src/dedupe/minhash.js';
import { MIGRATIONS as PG_MIGRATIONS } from '../src/store/postgres/migrations.js';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { snippet } from '../src/store/rows.js';
import { summarise } from '../src/events/merge.js';
import { ANNOTATOR_VERSION } from '../src/annotate/annotate.js';
import { defaultOntology } from '../src/events/ontology.js';
import type { Store } from '../src/store/store.js';
import { BACKENDS, freshStore, type Backend } from './backends.js';
import { articleFromText, FIXED_NOW, repoPath, scratch, SEED_LEGIT, SEED_MT } from './helpers.js';

type T = Parameters<typeof scratch>[0];

async function seeded(t: T, b: Backend): Promise<{ store: Store; db: string; s: ReturnType<typeof scratch> }> {
  const s = scratch(t);
  s.write('legit.txt', readFileSync(SEED_LEGIT));
  s.write('mt.md', readFileSync(SEED_MT));
  const { store, db } = await freshStore(t, b);
  await ingest((await expandInputs([s.dir])).sources, store, { now: FIXED_NOW });
  return { store, db, s };
}

/** The examples through every stage: what a user's store holds after `ingest examples`, annotate, code, cluster. */
async function pipeline(t: T, b: Backend): Promise<Store> {
  const { store } = await freshStore(t, b);
  await ingest((await expandInputs([repoPath('examples')])).sources, store, { now: FIXED_NOW });
  await annotateStore(store, { now: FIXED_NOW, threads: 1 });
  await codeStore(store, { now: FIXED_NOW });
  await clusterStore(store, { now: FIXED_NOW });
  return store;
}

/** Everything a store answers about its content, without per-run fields (times, ingest order). */
async function contents(store: Store): Promise<unknown> {
  const articles = await store.listArticles();
  const events = await store.listEvents();
  const stories = await store.listStories();
  return {
    articles: articles.map(({ ingested_at: _i, ...a }) => a),
    annotations: await Promise.all(articles.map((a) => store.getAnnotations(a.id))),
    actors: await store.listActors(),
    events,
    eventsByArticle: [...(await store.eventIdsByArticle(articles.map((a) => a.id)))],
    stories,
    threads: await store.listThreads(),
    changes: await store.listStoryChanges(),
    counts: [await store.countArticles(), await store.countEvents()],
  };
}

test('both backends have the same migrations, by version and name', () => {
  assert.deepEqual(PG_MIGRATIONS.map((m) => [m.version, m.name]), SQLITE_MIGRATIONS.map((m) => [m.version, m.name]));
});

test('snippet: the window with the most hits, hits marked, cut ends marked, diacritics folded', () => {
  const text = 'One two three. The Kremlin said Putin spoke with Pezeshkian; later the Kremlin added more words here and there for padding only.';
  assert.equal(snippet(text, [['kremlin'], ['putin']], 6), '…three. The «Kremlin» said «Putin» spoke…');
  assert.equal(snippet('Lula visitou São Paulo.', [['sao', 'paulo']]), 'Lula visitou «São» «Paulo».');
  assert.equal(snippet('', [['x']]), '');
  // Two hits fifteen words apart fit one window only if it starts at the first.
  const words = Array.from({ length: 40 }, (_, i) => (i === 10 || i === 25 ? 'Kremlin' : `w${i}`)).join(' ');
  assert.equal((snippet(words, [['kremlin']]).match(/«Kremlin»/g) ?? []).length, 2);
});

for (const b of BACKENDS) {
  const it = (name: string, fn: (t: T) => Promise<void>) => test(`store contract (${b.name}): ${name}`, { skip: b.skip }, fn);

  it('migrations are recorded; reopening runs none again; a store from a newer wirescope is refused, naming both versions; an older one with data is migrated and reads the same', async (t) => {
    const { store, db } = await seeded(t, b);
    await annotateStore(store, { now: FIXED_NOW, threads: 1 });
    await codeStore(store, { now: FIXED_NOW });
    const ids = (await store.listArticles()).map((a) => a.id);
    const before = { events: await store.listEvents(), annotations: await Promise.all(ids.map((id) => store.getAnnotations(id))) };
    assert.ok(before.events.length > 3, `${before.events.length} events`);
    const latest = SQLITE_MIGRATIONS.at(-1)!.version;
    assert.equal(await store.schemaVersion(), latest);
    await store.close();
    const again = openStore({ db });
    assert.equal(await again.countArticles(), 2);
    assert.equal(await again.schemaVersion(), latest);
    await again.close();
    // A newer wirescope's migration, written behind this one's back.
    if (b.name === 'postgres') {
      const c = new pg.Client({ connectionString: db });
      await c.connect();
      await c.query("INSERT INTO schema_migrations(version, name, applied_at) VALUES ($1, 'from the future', '2030-01-01')", [latest + 1]);
      await c.end();
      for (const mode of ['read', 'write'] as const) {
        const future = openStore({ db }, mode);
        await assert.rejects(future.countArticles(), (e: Error) => e.message.includes(`version ${latest + 1}`) && e.message.includes(`version ${latest}`));
        await future.close();
      }
      // An older schema: a reader (read-only transactions) cannot migrate it and says how to; a writer migrates it.
      const c2 = new pg.Client({ connectionString: db });
      await c2.connect();
      // The rows as version 14 wrote them (mentions and annotations as text), then its tables.
      for (const r of (await c2.query('SELECT article_id, ord, packed FROM event_mentions')).rows as { article_id: string; ord: number; packed: Buffer }[]) {
        await c2.query('UPDATE event_mentions SET doc = $1, packed = NULL WHERE article_id = $2 AND ord = $3', [unpackMention(r.packed), r.article_id, r.ord]);
      }
      for (const r of (await c2.query('SELECT article_id, packed FROM annotations')).rows as { article_id: string; packed: Buffer }[]) {
        await c2.query('UPDATE annotations SET doc = $1, packed = NULL WHERE article_id = $2', [unpackDoc(r.packed), r.article_id]);
      }
      await c2.query('DELETE FROM schema_migrations WHERE version >= 10');
      await c2.query('DROP TABLE cluster_rows'); // what migrations 10 to 15 made
      await c2.query('ALTER TABLE event_mentions DROP CONSTRAINT event_mentions_stored, DROP COLUMN packed, ALTER COLUMN doc SET NOT NULL');
      await c2.query('ALTER TABLE annotations DROP CONSTRAINT annotations_stored, DROP COLUMN packed, ALTER COLUMN doc SET NOT NULL');
      await c2.end();
      const reader = openStore({ db }, 'read');
      await assert.rejects(reader.countArticles(), /older than this wirescope's .*run a writing command/);
      await reader.close();
      const writer = openStore({ db });
      assert.equal(await writer.schemaVersion(), latest);
      assert.deepEqual({ events: await writer.listEvents(), annotations: await Promise.all(ids.map((id) => writer.getAnnotations(id))) }, before, 'the migrated store reads the same');
      await writer.close();
    }
  });

  it('articles list newest first, filtered by outlet (any case), date, duplicates, and paged', async (t) => {
    const { store } = await seeded(t, b);
    assert.deepEqual((await store.listArticles()).map((a) => a.outlet), ['Legit.ng', 'The Moscow Times']);
    assert.deepEqual((await store.listArticles({ outlet: 'the moscow times' })).map((a) => a.published), ['2026-03-07']);
    assert.deepEqual((await store.listArticles({ since: '2026-03-08' })).map((a) => a.outlet), ['Legit.ng']);
    assert.deepEqual((await store.listArticles({ until: '2026-03-07' })).map((a) => a.outlet), ['The Moscow Times']);
    assert.deepEqual((await store.listArticles({ limit: 1, offset: 1 })).map((a) => a.outlet), ['The Moscow Times']);
    assert.equal((await store.listArticles({ includeDuplicates: false })).length, 2);
    const [first] = await store.listArticles({ limit: 1 });
    assert.deepEqual(await store.getArticle(first!.id), first, 'an article reads back whole');
    assert.deepEqual(await store.existingIds([first!.id, 'nope']), new Set([first!.id]));
  });

  it('full-text search finds words (folded, any case), marks them, and never reads the query as syntax', async (t) => {
    const { store } = await seeded(t, b);
    const hits = await store.search('saudi GAZETTE');
    assert.equal(hits.length, 1);
    assert.equal(hits[0]!.article.outlet, 'Legit.ng');
    assert.match(hits[0]!.snippet, /«Saudi» «Gazette»/);
    assert.equal((await store.search('"Washington Post"'))[0]!.article.outlet, 'The Moscow Times');
    assert.deepEqual(await store.search('"Post Washington"'), [], 'a quoted phrase keeps its order');
    assert.equal((await store.search('Putin')).length, 2);
    assert.equal((await store.search('Putin Gazette')).length, 1, 'every word must match');
    for (const hostile of [`"; DROP TABLE articles; --`, `title:Putin OR body:*`, `"unbalanced`, `NEAR(a b)`, `' OR 1=1 --`, `***`, `)(`, `a & b | !c <-> d`, `$1 ? :x`]) {
      await store.search(hostile);
    }
    assert.equal(await store.countArticles(), 2);
    assert.deepEqual(await store.search('*** )('), []);
  });

  it('ids resolve by unique prefix; an ambiguous prefix is a usage error', async (t) => {
    const { store } = await seeded(t, b);
    const [a] = await store.listArticles({ limit: 1 });
    assert.equal((await store.getArticle(a!.id.slice(0, 6)))!.id, a!.id);
    assert.equal((await store.getArticle(a!.id.slice(0, 6).toUpperCase()))!.id, a!.id);
    assert.equal(await store.getArticle('ffffffffffffffff'), null);
    assert.equal(await store.getArticle("' OR 1=1 --"), null);
    const body = (n: number) => [`Story ${n} about the harbour.`, `A second paragraph, number ${n}, with its own words about boats and tides and ${'sea '.repeat(n)}.`];
    // Ids are hashes: many articles give two sharing a 4-character prefix.
    const batch = Array.from({ length: 1200 }, (_, n) => articleFromText(body(n), '2026-01-01', `Wire ${n}`, `https://example.org/${n}`));
    await store.insertArticles(batch.map((article) => ({ article, signature: signature(article.body), bandKeys: [] })));
    const ids = (await store.listArticles()).map((x) => x.id).sort();
    const shared = ids.find((id, i) => ids[i + 1]?.startsWith(id.slice(0, 4)));
    assert.ok(shared, 'two ids share a prefix');
    await assert.rejects(store.getArticle(shared.slice(0, 4)), (e: Error & { code?: string }) => e.code === 'USAGE');
  });

  it('a batch of articles is written whole or not at all; writing it again changes nothing; near-duplicates are found by band', async (t) => {
    const { store } = await freshStore(t, b);
    const good = articleFromText(['A first article about the river.', 'It has two paragraphs of its own.'], '2026-02-01', 'River Wire');
    const copy = { ...articleFromText(['A first article about the river.', 'It has two paragraphs of its own!'], '2026-02-02', 'Other Wire'), duplicate_of: good.id, duplicate_similarity: 0.95 };
    const orphan = { ...articleFromText(['Another one.', 'Pointing at nothing.'], '2026-02-03', 'Third Wire'), duplicate_of: 'ffffffffffffffff' };
    const row = (article: typeof good) => ({ article, signature: signature(article.body), bandKeys: bandKeys(signature(article.body)) });
    await assert.rejects(store.insertArticles([row(good), row(orphan)]));
    assert.equal(await store.countArticles(), 0, 'nothing of the failed batch is kept');
    // A copy may come before its original in one batch: references are checked at commit.
    await store.insertArticles([{ ...row(copy), bandKeys: [] }, row(good)]);
    await store.insertArticles([row(good)]);
    assert.equal(await store.countArticles(), 2);
    assert.equal((await store.listArticles({ includeDuplicates: false })).length, 1);
    const near = await store.nearDuplicateCandidates(bandKeys(signature(good.body)));
    assert.deepEqual([...near.keys()], [good.id]);
    assert.equal(near.get(good.id)!.published, '2026-02-01');
    assert.deepEqual([...near.get(good.id)!.signature], [...signature(good.body)]);
  });

  it('ingest runs and their problems are recorded', async (t) => {
    const { store, db } = await freshStore(t, b);
    const s = scratch(t);
    s.write('ok.txt', readFileSync(SEED_LEGIT));
    s.write('empty.txt', '');
    const summary = await ingest((await expandInputs([s.dir])).sources, store, { now: FIXED_NOW });
    assert.equal(summary.ingested.length, 1);
    assert.equal(summary.rejected.length, 1);
    assert.equal(await store.countArticles(), 1);
    if (b.name === 'postgres') {
      const c = new pg.Client({ connectionString: db });
      await c.connect();
      const runs = (await c.query('SELECT ingested, rejected, finished_at IS NOT NULL AS finished FROM ingest_runs')).rows;
      const problems = (await c.query('SELECT code FROM ingest_problems')).rows;
      await c.end();
      assert.deepEqual(runs, [{ ingested: 1, rejected: 1, finished: true }]);
      assert.equal(problems.length, 1);
    }
  });

  it('annotate, code and cluster: events filter by actor, dyad, CAMEO, PLOVER, date, outlet, article and id, with the mentions asked for', async (t) => {
    const store = await pipeline(t, b);
    const all = await store.listEvents();
    assert.ok(all.length > 20, `${all.length} events`);
    assert.equal(await store.countEvents(), all.length);
    const e = all.find((x) => x.mentions.length > 1 && x.source?.country && x.target?.country && x.date)!;
    assert.ok(e, 'an event reported twice with a dated dyad');
    const m = e.mentions[0]!;
    const has = async (f: Parameters<Store['listEvents']>[0]) => (await store.listEvents(f)).some((x) => x.id === e.id);
    assert.ok(await has({ actor: e.source!.code!.slice(0, 3).toLowerCase() }));
    assert.ok(await has({ dyad: `${e.target!.country}-${e.source!.country}` }));
    assert.ok(await has({ cameo: e.cameo.slice(0, 2) }));
    assert.ok(await has({ since: e.date!, until: e.date! }));
    assert.ok(await has({ outlet: m.outlet!.toUpperCase() }));
    assert.ok(await has({ article: m.article_id }));
    assert.ok(await has({ ids: [e.id] }));
    if (e.plover.type) assert.ok(await has({ plover: e.plover.type.toLowerCase() }));
    const code = e.source!.code!;
    assert.equal(await has({ actor: `${code[0]}_${code.slice(2, 3)}` }), false, 'LIKE wildcards in a filter are inert');
    for (const x of await store.listEvents({ since: e.date!, until: e.date! })) assert.equal(x.date, e.date);
    const one = (await store.listEvents({ ids: [e.id], mentions: 1 }))[0]!;
    assert.deepEqual(one.mentions, [e.mentions[0]]);
    assert.equal(one.mention_count, e.mentions.length);
    const own = (await store.listEvents({ ids: [e.id], article: m.article_id, mentions: 'article' }))[0]!;
    assert.ok(own.mentions.length >= 1 && own.mentions.every((x) => x.article_id === m.article_id));
    assert.deepEqual(await store.getEvent(e.id.slice(0, 10)), { ...e, mention_count: e.mentions.length });
    const page = await store.listEvents({ limit: 5, offset: 5 });
    assert.deepEqual(page.map((x) => x.id), all.slice(5, 10).map((x) => x.id));
    const byArticle = await store.eventIdsByArticle([m.article_id]);
    assert.ok(byArticle.get(m.article_id)!.includes(e.id));
  });

  it('coding in order stops before the first article still awaiting annotation', async (t) => {
    const { store } = await seeded(t, b);
    const s = scratch(t);
    s.write('third.txt', ' 2026-03-12 Kremlin says talks with Tehran continue\n\nMOSCOW — The Kremlin said on Thursday that talks with Iran would continue next week.\n');
    await ingest((await expandInputs([s.dir])).sources, store, { now: FIXED_NOW });
    const stored = (await store.articlesToAnnotate(0, { limit: 10, force: true })).map((x) => x.article.id);
    assert.equal(stored.length, 3);
    await annotateStore(store, { ids: [stored[0]!, stored[2]!], threads: 1, now: FIXED_NOW });
    const ready = async () => (await store.articlesToCode(1, { limit: 10, inOrder: ANNOTATOR_VERSION })).map((x) => x.article.id);
    assert.deepEqual(await ready(), [stored[0]]);
    assert.deepEqual((await store.articlesToCode(1, { limit: 10 })).map((x) => x.article.id), [stored[0], stored[2]]);
    await annotateStore(store, { ids: [stored[1]!], threads: 1, now: FIXED_NOW });
    assert.deepEqual(await ready(), stored);
    // Annotations older than the version asked for are awaiting annotation too.
    assert.deepEqual(await store.articlesToCode(1, { limit: 10, inOrder: ANNOTATOR_VERSION + 1 }), []);
  });

  it('events kept incrementally equal the summary of all their mentions computed afresh', async (t) => {
    const store = await pipeline(t, b);
    const ontology = defaultOntology();
    const events = await store.listEvents();
    assert.ok(events.some((e) => e.mentions.length > 2), 'some events grew over several mentions');
    for (const e of events) assert.deepEqual(e, { ...summarise(e.id, e.mentions, ontology), mention_count: e.mentions.length });
  });

  it('events stored before summaries were kept (summary NULL) are recomputed when a mention joins them', async (t) => {
    const reference = await pipeline(t, b);
    const { store, db } = await freshStore(t, b);
    await ingest((await expandInputs([repoPath('examples')])).sources, store, { now: FIXED_NOW });
    await annotateStore(store, { now: FIXED_NOW, threads: 1 });
    const ids = (await store.articlesToCode(1, { limit: 100 })).map((x) => x.article.id);
    await codeStore(store, { now: FIXED_NOW, ids: ids.slice(0, 7) });
    // What an older wirescope left: events without the column (migration 8 adds it empty).
    if (b.name === 'postgres') {
      const c = new pg.Client({ connectionString: db });
      await c.connect();
      await c.query('UPDATE events SET summary = NULL');
      await c.end();
    } else {
      const raw = new Database(db);
      raw.prepare('UPDATE events SET summary = NULL').run();
      raw.close();
    }
    await codeStore(store, { now: FIXED_NOW });
    assert.deepEqual(await store.listEvents(), await reference.listEvents());
  });

  it('recoding an article replaces its mentions: the events are the same after a forced second run', async (t) => {
    const store = await pipeline(t, b);
    const before = await store.listEvents();
    const again = await codeStore(store, { now: FIXED_NOW, force: true });
    assert.ok(again.coded > 0);
    assert.deepEqual(await store.listEvents(), before);
  });

  /** Runs SQL on the store's database behind its back (what an older wirescope, or another process, left). */
  const behind = async (db: string, sql: string, params: unknown[] = []): Promise<void> => {
    if (b.name === 'postgres') {
      const c = new pg.Client({ connectionString: db });
      await c.connect();
      await c.query(sql, params);
      await c.end();
    } else {
      const raw = new Database(db);
      raw.prepare(sql).run(...params);
      raw.close();
    }
  };

  /** The stories and threads of the store's saved clusterer state, computed afresh from all of it. */
  const recomputed = async (store: Store) => {
    const c = StoryClusterer.fromState(stateFromRows((await store.getClusterState())!.rows)); // all unsaved: every record
    const delta = c.changes();
    const byArticle = await store.eventIdsByArticle(delta.stories.flatMap((s) => s.articles.map((a) => a.id)));
    const { stories, threads } = changedRecords(c, delta, (s) => [...new Set(s.articles.flatMap((a) => byArticle.get(a.id) ?? []))].sort(), storyNames());
    const byId = <R extends { id: string }>(list: readonly R[]) => [...list].sort((x, y) => (x.id < y.id ? -1 : 1));
    return { stories: byId(stories), threads: byId(threads) };
  };

  it('a clusterer kept in memory between runs (worker, watch) is the saved one: reused while the store holds its stamp, read again after another run, dropped when a save fails', async (t) => {
    const { store } = await freshStore(t, b);
    await ingest((await expandInputs([repoPath('examples')])).sources, store, { now: FIXED_NOW });
    await annotateStore(store, { now: FIXED_NOW, threads: 1 });
    const ids = (await store.articlesToCode(1, { limit: 100 })).map((x) => x.article.id);
    assert.ok(ids.length >= 10, `${ids.length} articles`);
    const resident = new ResidentClusterer();
    // Postings and the two event indexes are only looked up: their order (insertion in memory, key order when read back) is no part of the state.
    const byKey = <V>(list: readonly (readonly [string, V])[]) => [...list].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    const state = (x: StoryClusterer) => {
      const st = x.toState();
      return JSON.parse(JSON.stringify({ ...st, postings: byKey(st.postings), event_index: byKey(st.event_index), kind_index: byKey(st.kind_index ?? []) })) as unknown;
    };
    const same = async (label: string) => {
      assert.ok(resident.held, `${label}: a clusterer is kept`);
      assert.equal(await store.getClusterStamp(), resident.held.stamp, `${label}: the store holds the kept clusterer's stamp`);
      assert.deepEqual(state(resident.held.clusterer), state(restoreClusterer(await store.getClusterState())), `${label}: the kept clusterer is the saved one`);
      const fresh = await recomputed(store);
      const byId = <R extends { id: string }>(list: readonly R[]) => [...list].sort((x, y) => (x.id < y.id ? -1 : 1));
      assert.deepEqual(byId(await store.listStories()), fresh.stories, `${label}: stored stories = the state's`);
    };
    const run = async (batch: readonly string[], opts: { resident?: ResidentClusterer; store?: Store } = {}) => {
      await codeStore(store, { now: FIXED_NOW, ids: batch });
      return clusterStore(opts.store ?? store, { now: FIXED_NOW, resident: opts.resident });
    };
    assert.equal(await store.getClusterStamp(), null, 'nothing clustered yet');
    await run(ids.slice(0, 3), { resident });
    assert.deepEqual(resident.counts, { reused: 0, read: 1 });
    await same('first run');
    await run(ids.slice(3, 5), { resident });
    assert.deepEqual(resident.counts, { reused: 1, read: 1 }, 'the second run reuses it');
    await same('second run');
    assert.equal((await clusterStore(store, { now: FIXED_NOW, resident })).clustered, 0);
    assert.deepEqual(resident.counts, { reused: 2, read: 1 });
    assert.ok(resident.held, 'a run with nothing to place keeps it');
    // Another process clusters: the kept clusterer is stale, and the next run reads the store.
    const kept = resident.held;
    await run(ids.slice(5, 7));
    assert.notEqual(await store.getClusterStamp(), kept.stamp);
    // Nothing to place, and the kept clusterer is stale: the counts come from the store, and the stale clusterer is let go.
    const idle = await clusterStore(store, { now: FIXED_NOW, resident });
    assert.deepEqual([idle.clustered, idle.stories, idle.threads], [0, (await store.listStories()).length, (await store.listThreads()).length]);
    assert.equal(resident.held, null);
    assert.deepEqual(resident.counts, { reused: 2, read: 1 });
    await run(ids.slice(7, 9), { resident });
    assert.deepEqual(resident.counts, { reused: 2, read: 2 }, 'read again after another run');
    assert.notEqual((resident.held as ResidentClusterer['held'])?.clusterer, kept.clusterer);
    await same('after another process');
    // A save that fails leaves no kept clusterer (it placed articles the store does not hold).
    const failing = new Proxy(store, {
      get: (target, prop, receiver) => (prop === 'saveClustering' ? () => Promise.reject(new Error('disk full')) : Reflect.get(target, prop, receiver) as unknown),
    });
    await assert.rejects(run(ids.slice(9), { resident, store: failing }), /disk full/);
    assert.equal(resident.held, null, 'dropped with the failed save');
    await run([], { resident });
    assert.deepEqual(resident.counts, { reused: 3, read: 3 });
    await same('after the failed save');
    assert.equal(restoreClusterer(await store.getClusterState()).stats().articles, ids.length);
  });

  it('clustering keeps its state in rows and writes what changed: after runs on articles coded in batches, the stored stories and threads are those of the whole state', async (t) => {
    const { store, db } = await freshStore(t, b);
    await ingest((await expandInputs([repoPath('examples')])).sources, store, { now: FIXED_NOW });
    await annotateStore(store, { now: FIXED_NOW, threads: 1 });
    const ids = (await store.articlesToCode(1, { limit: 100 })).map((x) => x.article.id);
    const byId = <R extends { id: string }>(list: readonly R[]) => [...list].sort((x, y) => (x.id < y.id ? -1 : 1));
    let rowsBefore = 0;
    for (const batch of [ids.slice(0, 3), ids.slice(3, 8), ids.slice(8)]) {
      await codeStore(store, { now: FIXED_NOW, ids: batch });
      const run = await clusterStore(store, { now: FIXED_NOW });
      assert.equal(run.clustered, batch.length);
      const saved = (await store.getClusterState())!;
      assert.equal(saved.legacy, null);
      // The rows make the state a clusterer goes on from.
      const c = restoreClusterer(saved);
      assert.equal(c.stats().articles, ids.indexOf(batch.at(-1)!) + 1);
      assert.ok(saved.rows.length > rowsBefore);
      rowsBefore = saved.rows.length;
      const fresh = await recomputed(store);
      assert.deepEqual(byId(await store.listStories()), fresh.stories, 'stored stories = the state\'s');
      assert.deepEqual(byId(await store.listThreads()), fresh.threads, 'stored threads = the state\'s');
    }
    // A story's listed events follow a recode, even when no later run touches the story.
    const untouched = (await store.listStories()).find((x) => x.event_ids.length)!;
    await behind(db, b.name === 'postgres' ? 'UPDATE stories SET doc = $1 WHERE id = $2' : 'UPDATE stories SET doc = ? WHERE id = ?', [JSON.stringify({ ...untouched, event_ids: ['stale'] }), untouched.id]);
    const later = () => new Date(FIXED_NOW().getTime() + 60_000);
    await codeStore(store, { now: later, force: true, ids: untouched.article_ids.slice(0, 1) });
    const another = articleFromText(['The central bank raised its main interest rate by half a point on Monday to slow inflation.'], '2026-03-09', 'Money Wire');
    await store.insertArticles([{ article: another, signature: signature(another.body), bandKeys: [] }]);
    await annotateStore(store, { now: later, threads: 1 });
    await codeStore(store, { now: later });
    assert.deepEqual(await store.storiesCodedSince(FIXED_NOW().toISOString()), [untouched.id], 'the recoded article\'s story (the new article is in none yet)');
    assert.equal((await clusterStore(store, { now: later })).clustered, 1);
    assert.deepEqual((await store.getStory(untouched.id))!.event_ids, untouched.event_ids, 'the recoded story\'s record was rewritten by a run that did not touch it');
    // A store an older wirescope clustered holds the state as one JSON value: it is read, and the next run replaces it with rows.
    const state = restoreClusterer(await store.getClusterState()).toState();
    await behind(db, 'DELETE FROM cluster_rows');
    await behind(db, b.name === 'postgres' ? 'INSERT INTO cluster_state(id, state, updated_at) VALUES (1, $1, $2)' : 'INSERT INTO cluster_state(id, state, updated_at) VALUES (1, ?, ?)', [JSON.stringify(state), '2026-01-01']);
    const legacy = (await store.getClusterState())!;
    assert.deepEqual(legacy.rows, []);
    assert.deepEqual(restoreClusterer(legacy).toState(), JSON.parse(JSON.stringify(state)));
    const extra = articleFromText(['Firefighters battled a wildfire in the hills above Valparaíso on Saturday as strong winds pushed the flames toward homes.'], '2026-03-09', 'Extra Wire');
    await store.insertArticles([{ article: extra, signature: signature(extra.body), bandKeys: [] }]);
    await annotateStore(store, { now: FIXED_NOW, threads: 1 });
    await codeStore(store, { now: FIXED_NOW });
    assert.equal((await clusterStore(store, { now: FIXED_NOW })).clustered, 1);
    const converted = (await store.getClusterState())!;
    assert.equal(converted.legacy, null, 'the single value is gone');
    assert.equal(restoreClusterer(converted).stats().articles, ids.length + 2);
    const fresh = await recomputed(store);
    assert.deepEqual(byId(await store.listStories()), fresh.stories);
    assert.deepEqual(byId(await store.listThreads()), fresh.threads);
    assert.ok(deltaRows(StoryClusterer.fromState(state).changes()).length < converted.rows.length + 2);
  });

  it('event mentions are stored as offsets into their article (no copied sentence, outlet, URL or date), packed against the dictionary, and read whole; rows that copied them, or were deflated plainly, read the same', async (t) => {
    const { store, db } = await freshStore(t, b);
    await ingest((await expandInputs([repoPath('examples')])).sources, store, { now: FIXED_NOW });
    await annotateStore(store, { now: FIXED_NOW, threads: 1 });
    await codeStore(store, { now: FIXED_NOW });
    const events = await store.listEvents();
    const articles = new Map((await store.listArticles()).map((a) => [a.id, a]));
    let n = 0;
    for (const m of events.flatMap((e) => e.mentions)) {
      const a = articles.get(m.article_id)!;
      assert.deepEqual([m.outlet, m.url, m.published, m.text], [a.outlet, a.url, a.published, a.body.slice(m.sentence_start, m.sentence_end)]);
      n++;
    }
    assert.ok(n > 20, `${n} mentions`);
    // The rows themselves.
    type Raw = { article_id: string; ord: number; doc: Record<string, unknown> };
    let raw: Raw[];
    const sqlite = b.name === 'sqlite' ? new Database(db) : null;
    const client = b.name === 'postgres' ? new pg.Client({ connectionString: db }) : null;
    await client?.connect();
    try {
      const stored = sqlite
        ? (sqlite.prepare('SELECT article_id, ord, doc AS packed FROM event_mentions').all() as { article_id: string; ord: number; packed: Buffer }[])
        : ((await client!.query('SELECT article_id, ord, doc, packed FROM event_mentions')).rows as { article_id: string; ord: number; doc: string | null; packed: Buffer }[]).map((r) => {
          assert.equal(r.doc, null, 'no JSON text beside the packed record');
          return r;
        });
      for (const r of stored) assert.ok(Buffer.isBuffer(r.packed) && r.packed[0] === MENTION_MARK_V1, 'packed (migration 15)');
      raw = stored.map((r) => ({ ...r, doc: JSON.parse(unpackMention(r.packed)) as Record<string, unknown> }));
      assert.equal(raw.length, n);
      for (const r of raw) for (const k of ['text', 'outlet', 'url', 'published']) assert.ok(!(k in r.doc), `no ${k} kept`);
      // An older wirescope kept each mention whole, as text (or, in SQLite, deflated alone): such rows read the same.
      for (const [i, r] of raw.entries()) {
        const a = articles.get(r.article_id)!;
        const whole = JSON.stringify({ ...r.doc, outlet: a.outlet, url: a.url, published: a.published, text: a.body.slice(r.doc['sentence_start'] as number, r.doc['sentence_end'] as number) });
        if (sqlite) sqlite.prepare('UPDATE event_mentions SET doc = ? WHERE article_id = ? AND ord = ?').run(i % 2 ? whole : deflateRawSync(JSON.stringify(r.doc)), r.article_id, r.ord);
        else await client!.query('UPDATE event_mentions SET doc = $1, packed = NULL WHERE article_id = $2 AND ord = $3', [whole, r.article_id, r.ord]);
      }
      // Annotations are stored deflated (PostgreSQL's from migration 15); a row an older wirescope wrote as text reads the same.
      const [first, second] = [...articles.keys()];
      const [ann1, ann2] = [await store.getAnnotations(first!), await store.getAnnotations(second!)];
      if (sqlite) {
        assert.ok(Buffer.isBuffer((sqlite.prepare('SELECT doc FROM annotations WHERE article_id = ?').get(first) as { doc: unknown }).doc));
        sqlite.prepare('UPDATE annotations SET doc = ? WHERE article_id = ?').run(JSON.stringify(ann1), first);
      } else {
        const row = (await client!.query('SELECT doc, packed FROM annotations WHERE article_id = $1', [first])).rows[0] as { doc: string | null; packed: Buffer | null };
        assert.ok(row.doc === null && Buffer.isBuffer(row.packed), 'deflated, no text beside it');
        // As versions 12 to 14 wrote it: the packed document (src/store/annotation-codec.ts) as text.
        await client!.query('UPDATE annotations SET doc = $1, packed = NULL WHERE article_id = $2', [packAnnotations(ann1!, articles.get(first!)!.body), first]);
      }
      assert.deepEqual(await store.getAnnotations(first!), ann1);
      assert.deepEqual(await store.getAnnotations(second!), ann2);
      assert.deepEqual((await store.articlesToCode(1, { limit: 100, force: true })).find((x) => x.article.id === first)?.annotations, ann1);
    } finally {
      sqlite?.close();
      await client?.end();
    }
    assert.deepEqual(await store.listEvents(), events);
  });

  it('stories and threads: filters by date and actor applied before the page, ids by prefix, changes kept', async (t) => {
    const store = await pipeline(t, b);
    const stories = await store.listStories();
    assert.ok(stories.length >= 3, `${stories.length} stories`);
    const actor = stories.flatMap((s) => s.actors).find((a) => a.length >= 3)!;
    const withActor = stories.filter((s) => s.actors.some((a) => a.startsWith(actor.slice(0, 3))));
    assert.deepEqual(await store.listStories({ actor: actor.slice(0, 3).toLowerCase() }), withActor);
    assert.deepEqual(await store.listStories({ actor: actor.slice(0, 3), limit: 1, offset: 1 }), withActor.slice(1, 2));
    const since = stories[1]!.end!;
    assert.deepEqual(await store.listStories({ since }), stories.filter((s) => (s.end ?? '') >= since));
    assert.deepEqual(await store.getStory(stories[0]!.id.slice(0, 8)), stories[0]);
    const threads = await store.listThreads();
    assert.ok(threads.length >= 1);
    assert.deepEqual(await store.getThread(threads[0]!.id), threads[0]);
    assert.equal(await store.getStory('zzzz-none'), null);
    assert.ok(await store.getClusterState());
    // Nothing new: a second clustering places nothing and keeps every story.
    const again = await clusterStore(store, { now: FIXED_NOW });
    assert.equal(again.clustered, 0);
    assert.deepEqual(await store.listStories(), stories);
  });

  it('the HTTP API serves the store: listings, a story report, search; the ETag moves after a write', async (t) => {
    const store = await pipeline(t, b);
    const { app } = createApi({ store });
    const get = async (path: string) => {
      const res = await app.request(path);
      assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
      return { body: (await res.json()) as { items?: { id: string }[] }, etag: res.headers.get('etag') };
    };
    const stories = await get('/api/stories?limit=2');
    assert.equal(stories.body.items!.length, 2);
    await get(`/api/stories/${stories.body.items![0]!.id}`);
    const events = await get('/api/events?limit=5');
    assert.equal(events.body.items!.length, 5);
    assert.ok((await get('/api/search?q=Putin')).body.items!.length >= 1);
    await get('/api/events/summary');
    await store.saveFetchState({ url: 'https://example.org/', etag: null, last_modified: null, fetched_at: '2026-01-01T00:00:00Z' });
    assert.notEqual((await get('/api/events?limit=5')).etag, events.etag);
  });

  it('leases: a held lease makes the next run wait until it is released; a dead holder on this host frees it', async (t) => {
    const { store } = await freshStore(t, b);
    const first = { holder: 'first', pid: process.pid, host: 'this-host' };
    assert.equal(await store.acquireLease('code', first, 60_000), null);
    assert.deepEqual(await store.acquireLease('code', { holder: 'second', pid: process.pid, host: 'this-host' }, 60_000), first);
    const order: string[] = [];
    setTimeout(() => {
      order.push('released');
      void store.releaseLease('code', first);
    }, 100);
    await withLease(store, 'code', { pollMs: 10, onWait: (h) => order.push(`waiting for ${h.holder}`) }, async () => {
      order.push('ran');
    });
    assert.deepEqual(order, ['waiting for first', 'released', 'ran']);
    const { hostname } = await import('node:os');
    await store.acquireLease('cluster', { holder: 'crashed', pid: 2 ** 22 + 12345, host: hostname() }, 60_000);
    assert.equal(await store.acquireLease('cluster', { holder: 'next', pid: process.pid, host: hostname() }, 60_000), null);
    // A lease whose time ran out is free, whoever held it.
    await store.acquireLease('annotate', { holder: 'elsewhere', pid: 1, host: 'other-host' }, -1);
    assert.equal(await store.acquireLease('annotate', { holder: 'me', pid: process.pid, host: hostname() }, 60_000), null);
  });

  it('fetch state round-trips and is replaced', async (t) => {
    const { store } = await freshStore(t, b);
    const url = 'https://example.org/feed.xml';
    assert.equal(await store.getFetchState(url), null);
    await store.saveFetchState({ url, etag: '"a"', last_modified: null, fetched_at: '2026-01-01T00:00:00Z' });
    await store.saveFetchState({ url, etag: '"b"', last_modified: 'Tue, 01 Dec 2026 00:00:00 GMT', fetched_at: '2026-01-02T00:00:00Z' });
    assert.deepEqual(await store.getFetchState(url), { url, etag: '"b"', last_modified: 'Tue, 01 Dec 2026 00:00:00 GMT', fetched_at: '2026-01-02T00:00:00Z' });
  });

  it('the revision marker changes with writes through this handle and through another connection, not with reads', async (t) => {
    const { store, db, s } = await seeded(t, b);
    const reader = openStore({ db }, 'read');
    t.after(() => reader.close());
    const r0 = await reader.revision();
    const w0 = await store.revision();
    await store.listArticles();
    await reader.search('Putin');
    // PostgreSQL's marker is the server's write-ahead-log position: any database's writes (other
    // tests', autovacuum's) move it too, which costs a cache miss and nothing else; SQLite's is the file's.
    if (b.name === 'sqlite') {
      assert.equal(await reader.revision(), r0, 'reads leave it');
      assert.equal(await store.revision(), w0);
    }
    s.write('more/extra.txt', ' 2026-03-12 Kremlin says talks with Tehran continue\n\nMOSCOW — The Kremlin said on Thursday that talks with Iran would continue next week.\n');
    await ingest((await expandInputs([`${s.dir}/more`])).sources, store, { now: FIXED_NOW });
    assert.notEqual(await store.revision(), w0, 'a write through this handle moves it');
    assert.notEqual(await reader.revision(), r0, 'and another connection sees it move');
  });

  it('a store opened to read cannot be written', async (t) => {
    const { store, db } = await seeded(t, b);
    await store.close();
    const reader = openStore({ db }, 'read');
    t.after(() => reader.close());
    await assert.rejects(reader.startRun('2026-01-01T00:00:00Z'));
    assert.equal(await reader.countArticles(), 2);
  });
}

test('store contract: SQLite and PostgreSQL give the same articles, annotations, actors, events, stories, threads and changes on the examples', { skip: BACKENDS.find((b) => b.skip)?.skip }, async (t) => {
  const [sqlite, postgres] = await Promise.all(BACKENDS.map((b) => pipeline(t, b)));
  assert.deepEqual(await contents(postgres!), await contents(sqlite!));
});
