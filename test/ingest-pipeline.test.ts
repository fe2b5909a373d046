import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { expandInputs } from '../src/ingest/sources.js';
import { ingest } from '../src/pipeline/ingest.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { generateArticle, rng } from '../bench/corpus.js';
import { bandKeys, signature } from '../src/dedupe/minhash.js';
import { FIXED_NOW, PNG_BYTES, scratch, SEED_LEGIT, SEED_MT } from './helpers.js';

/** A distinct, deterministic news-like body for each n. */
const story = (n: number) => generateArticle(rng(n), n).paragraphs.join('\n\n');

async function run(paths: string[], db: string, opts: Parameters<typeof ingest>[2] = {}) {
  const { sources, missing } = await expandInputs(paths);
  assert.deepEqual(missing, []);
  const store = new SqliteStore(db);
  try {
    return { summary: await ingest(sources, store, { now: FIXED_NOW, ...opts }), count: await store.countArticles() };
  } finally {
    await store.close();
  }
}

test('bad inputs: every bad file is reported with its path and reason, and every good file beside it is kept', async (t) => {
  const s = scratch(t);
  const good = [
    s.write('good/legit.txt', readFileSync(SEED_LEGIT)),
    s.write('good/mt.md', readFileSync(SEED_MT)),
    s.write('good/latin1.txt', Uint8Array.from([...Buffer.from('Lula visita S'), 0xe3, ...Buffer.from('o Paulo\n\n'), ...Buffer.from(story(1), 'latin1')])),
    s.write('good/undated.txt', `A headline without a date\n\n${story(2)}`),
    // A stray Latin-1 byte in a UTF-8 file: the article is kept (issue #11), the byte read as Windows-1252.
    s.write('good/mixed.txt', Uint8Array.from([...Buffer.from(`Russia’s ${story(3)} `), 0xff, 0x41])),
  ];
  const bad: [string, string | Uint8Array, RegExp][] = [
    ['bad/empty.txt', '', /empty file/],
    ['bad/image.txt', PNG_BYTES, /binary file \(PNG image\)/],
    ['bad/huge.txt', `Big\n\n${'word '.repeat(4000)}`, /over the 16\.0 KB limit/],
    ['bad/truncated.html', '<!doctype html><html><head><title>Cut off</title><meta property="og:title" content="Cut', /truncated HTML|no article text/],
    ['bad/broken.xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A</title></channel></rss>', /malformed XML feed/],
  ];
  for (const [name, data] of bad) s.write(name, data);
  s.write('lines.jsonl', [JSON.stringify({ title: 'One', url: 'https://example.org/1', published: '2026-03-09', text: story(4) }), '[1, 2, 3]', '{"title": "broken', JSON.stringify({ title: 'No text' })].join('\n'));
  const { summary, count } = await run([s.dir], s.db, { maxBytes: 16 * 1024 });
  const reason = (suffix: string) => summary.rejected.filter((r) => r.path.endsWith(suffix)).map((r) => `${r.locator ?? ''} ${r.message}`);
  for (const [name, , message] of bad) {
    assert.equal(reason(name).length, 1, `${name}: ${JSON.stringify(summary.rejected)}`);
    assert.match(reason(name)[0]!, message, name);
  }
  assert.deepEqual(reason('lines.jsonl'), [
    'line 2 invalid article record: not a JSON object (got an array)',
    reason('lines.jsonl')[1]!,
    'line 4 invalid article record: needs a non-empty "text" or "html" field',
  ]);
  assert.match(reason('lines.jsonl')[1]!, /^line 3 invalid JSON/);
  // Every good input was kept, plus the good JSON line.
  for (const g of good) assert.ok(summary.ingested.some((a) => a.path === g), g);
  assert.ok(summary.ingested.some((a) => a.locator === 'line 1'));
  assert.equal(count, summary.ingested.length + summary.near_duplicates.length);
  // Kept with a note, not dropped.
  const warnings = (suffix: string) => summary.warnings.filter((w) => w.path.endsWith(suffix)).map((w) => w.message);
  assert.ok(warnings('undated.txt').includes('no publication date found'));
  assert.ok(warnings('latin1.txt').some((w) => /Windows-1252/.test(w)));
  assert.ok(warnings('mixed.txt').some((w) => /1 byte not valid UTF-8 .* read as Windows-1252/.test(w)));
});

test('a missing date is kept as null, never replaced by today', async (t) => {
  const s = scratch(t);
  s.write('undated.txt', `A headline without a date\n\n${story(5)}`);
  await run([s.dir], s.db);
  const store = new SqliteStore(s.db);
  const [a] = await store.listArticles();
  await store.close();
  assert.equal(a!.published, null);
  assert.equal(a!.published_precision, null);
  assert.deepEqual(a!.warnings, ['no publication date found']);
});

test('re-running an ingest is idempotent', async (t) => {
  const s = scratch(t);
  s.write('a.txt', readFileSync(SEED_LEGIT));
  s.write('b.md', readFileSync(SEED_MT));
  const first = await run([s.dir], s.db);
  assert.equal(first.summary.ingested.length, 2);
  const second = await run([s.dir], s.db);
  assert.equal(second.summary.ingested.length, 0);
  assert.equal(second.summary.duplicates.length, 2);
  assert.equal(second.count, 2);
});

test('exact duplicates inside one run are skipped; near-duplicates are stored as duplicate_of the first copy', async (t) => {
  const s = scratch(t);
  const body = story(7);
  s.write('1-original.txt', `Convoy reaches border after capital talks\n\n${body}`);
  s.write('2-same.txt', `Convoy reaches border after capital talks\n\n${body}`);
  s.write('3-syndicated.txt', `Border convoy arrives, officials say\n\nBy Staff Reporter\n\n${body}\n\nThis story was originally published by Gulf Wire and is republished with permission.`);
  s.write('4-unrelated.txt', `Central bank holds rates\n\n${Array.from({ length: 10 }, (_, i) => `The bank kept its benchmark rate at ${20 + i} percent, citing inflation data number ${i}.`).join(' ')}`);
  const { summary, count } = await run([s.dir], s.db);
  assert.equal(summary.duplicates.length, 1);
  assert.ok(summary.duplicates[0]!.path.endsWith('2-same.txt'));
  assert.equal(summary.near_duplicates.length, 1);
  const near = summary.near_duplicates[0]!;
  assert.ok(near.path.endsWith('3-syndicated.txt'));
  const original = summary.ingested.find((a) => a.path.endsWith('1-original.txt'))!;
  assert.equal(near.duplicate_of, original.id);
  assert.ok(near.similarity >= 0.7 && near.similarity < 1);
  assert.equal(count, 3);
  const store = new SqliteStore(s.db);
  const copy = await store.getArticle(near.id);
  await store.close();
  assert.equal(copy!.duplicate_of, original.id);
});

test('a near-duplicate arriving in a later run still finds its first copy in the store', async (t) => {
  const s = scratch(t);
  const body = story(8);
  s.write('run1/original.txt', `First headline\n\n${body}`);
  await run([`${s.dir}/run1`], s.db);
  s.write('run2/copy.txt', `Another headline entirely\n\n${body}\n\nDistributed by a wire partner.`);
  const { summary } = await run([`${s.dir}/run2`], s.db);
  assert.equal(summary.near_duplicates.length, 1);
});

test('the earliest-published copy is the original, whichever arrives first (same run or a later one)', async (t) => {
  const body = story(9);
  const syndicated = `Desert Herald headline\n\nMarch 6, 2026\n\n${body}\n\nThis story was originally published by Gulf Wire.`;
  const original = `Gulf Wire headline\n\nMarch 5, 2026\n\n${body}`;
  for (const mode of ['same run', 'later run'] as const) {
    const s = scratch(t);
    s.write('a/1-copy.txt', syndicated);
    s.write(mode === 'same run' ? 'a/2-original.txt' : 'b/2-original.txt', original);
    s.write('a/3-another-copy.txt', `Third outlet headline\n\nMarch 7, 2026\n\n${body}\n\nDistributed by Gulf Wire.`);
    await run([`${s.dir}/a`], s.db);
    const { summary } = mode === 'later run' ? await run([`${s.dir}/b`], s.db) : { summary: null };
    const store = new SqliteStore(s.db);
    const all = await store.listArticles();
    const candidates = await store.nearDuplicateCandidates(bandKeys(signature(body)));
    await store.close();
    const orig = all.find((a) => a.title === 'Gulf Wire headline')!;
    assert.equal(orig.duplicate_of, null, mode);
    for (const a of all.filter((x) => x !== orig)) assert.equal(a.duplicate_of, orig.id, `${mode}: ${a.title}`);
    assert.deepEqual([...candidates.keys()], [orig.id], `${mode}: only the original is indexed`);
    if (summary) {
      assert.deepEqual(summary.ingested.map((r) => r.id), [orig.id]);
      assert.equal(summary.near_duplicates[0]!.duplicate_of, orig.id);
    }
  }
});

test('a directory walk skips README, LICENSE and SOURCE files beside the articles', async (t) => {
  const s = scratch(t);
  s.write('corpus/README.md', '# About this corpus\n\nIt holds articles.');
  s.write('corpus/LICENSE', 'MIT');
  s.write('corpus/SOURCE.txt', 'origin');
  s.write('corpus/story.txt', `A headline\n\n${story(10)}`);
  const { sources } = await expandInputs([`${s.dir}/corpus`]);
  assert.deepEqual(sources.map((x) => x.path.split('/').pop()), ['story.txt']);
});
