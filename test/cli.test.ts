import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { main } from '../src/cli/main.js';
import { captureIo, PNG_BYTES, scratch, SEED_LEGIT, SEED_MT } from './helpers.js';

async function cli(args: string[], stdin?: string) {
  const io = captureIo();
  const code = await main(['node', 'wirescope', ...args], io, stdin === undefined ? undefined : Readable.from([Buffer.from(stdin)]));
  return { code, out: io.stdout(), err: io.stderr() };
}

test('cli: exit codes are 0 ok, 1 when every input failed, 2 on usage errors', async (t) => {
  const s = scratch(t);
  const seed = s.write('seed.txt', readFileSync(SEED_LEGIT));
  const png = s.write('photo.txt', PNG_BYTES);
  const empty = s.write('empty.md', '');
  assert.equal((await cli(['ingest', seed, png, '--db', s.db])).code, 0);
  assert.equal((await cli(['ingest', seed, '--db', s.db])).code, 0, 'all duplicates is still success');
  const failed = await cli(['ingest', png, empty, `${s.dir}/missing.txt`, '--db', s.db]);
  assert.equal(failed.code, 1);
  assert.match(failed.out, /photo\.txt: binary file \(PNG image\)/);
  assert.match(failed.out, /empty\.md: empty file/);
  assert.match(failed.out, /missing\.txt: no such file or directory/);
  assert.equal((await cli(['ingest', '--db', s.db])).code, 2);
  assert.equal((await cli(['nonsense'])).code, 2);
  assert.equal((await cli(['articles', '--since', 'last tuesday', '--db', s.db])).code, 2);
  assert.equal((await cli(['ingest', seed, '--max-bytes', '-5', '--db', s.db])).code, 2);
  assert.equal((await cli(['show', 'ffffffffffff', '--db', s.db])).code, 1);
  assert.equal((await cli(['--help'])).code, 0);
});

test('cli: ingest from stdin, then list, show and search with --json', async (t) => {
  const s = scratch(t);
  const r = await cli(['ingest', '-', '--db', s.db, '--json'], readFileSync(SEED_MT, 'utf8'));
  assert.equal(r.code, 0);
  const summary = JSON.parse(r.out);
  assert.equal(summary.ingested.length, 1);
  assert.equal(summary.ingested[0].path, '<stdin>');
  await cli(['ingest', SEED_LEGIT, '--db', s.db]);

  const list = JSON.parse((await cli(['articles', '--json', '--db', s.db])).out);
  assert.deepEqual(list.map((a: { outlet: string }) => a.outlet), ['Legit.ng', 'The Moscow Times']);
  for (const key of ['id', 'url', 'outlet', 'title', 'published', 'published_precision', 'language', 'duplicate_of']) assert.ok(key in list[0], key);
  const filtered = JSON.parse((await cli(['articles', '--outlet', 'Legit.ng', '--since', '2026-03-08', '--until', '2026-03', '--json', '--db', s.db])).out);
  assert.equal(filtered.length, 1);

  const shown = JSON.parse((await cli(['show', list[1].id.slice(0, 8), '--json', '--db', s.db])).out);
  assert.equal(shown.article.title, "Putin and Iran's Pezeshkian Hold Phone Call as Middle East War Escalates");
  for (const p of shown.article.paragraphs) assert.ok(shown.article.body.slice(p.start, p.end).length > 0);

  const hits = JSON.parse((await cli(['search', 'Araghchi', '--json', '--db', s.db])).out);
  assert.equal(hits.length, 1);
  assert.equal(hits[0].outlet, 'The Moscow Times');
  const text = await cli(['articles', '--db', s.db]);
  assert.match(text.out, /Legit\.ng/);
  assert.match(text.out, /2 articles/);
});

test('cli: terminal control sequences in article text are not passed to the terminal', async (t) => {
  const s = scratch(t);
  const evil = s.write('evil.txt', `Headline \u001b]0;pwned\u0007 here\n\nBody text with an escape \u001b[31mred\u001b[0m and more words to make it an article body of some length.`);
  await cli(['ingest', evil, '--db', s.db]);
  const out = (await cli(['articles', '--db', s.db])).out + (await cli(['search', 'escape', '--db', s.db])).out;
  assert.ok(!out.includes('\u001b'));
  // Bidi overrides and isolates would make a line read backwards in the terminal (issue #11).
  const bidi = s.write('bidi.txt', `Headline \u202egnitirwer\u202c and \u2067isolate\u2069 here\n\nBody text with a bidi override \u202Edlrow\u202C among more words of an article body of some length.`);
  await cli(['ingest', bidi, '--db', s.db]);
  const shown = (await cli(['articles', '--db', s.db])).out + (await cli(['search', 'override', '--db', s.db])).out;
  assert.ok(shown.includes('gnitirwer') && !/[\u202a-\u202e\u2066-\u2069]/.test(shown), shown);
});

test('cli: annotate is incremental; show --annotations --json keeps the contract keys; actors lists codes', async (t) => {
  const s = scratch(t);
  await cli(['ingest', SEED_LEGIT, SEED_MT, '--db', s.db, '-q']);
  const first = JSON.parse((await cli(['annotate', '--json', '--db', s.db])).out);
  assert.equal(first.annotated, 2);
  const again = JSON.parse((await cli(['annotate', '--json', '--db', s.db])).out);
  assert.equal(again.annotated, 0, 'nothing left to annotate');
  const list = JSON.parse((await cli(['articles', '--json', '--db', s.db])).out);
  const doc = JSON.parse((await cli(['show', list[1].id, '--annotations', '--json', '--db', s.db])).out);
  for (const key of ['article', 'sentences', 'entities', 'actors', 'times', 'claims']) assert.ok(key in doc, key);
  for (const key of ['text', 'start', 'end', 'type', 'entity_id', 'canonical']) assert.ok(key in doc.entities[0], key);
  for (const key of ['id', 'name', 'code', 'country', 'role']) assert.ok(key in doc.actors[0], key);
  for (const key of ['text', 'start', 'end', 'value', 'precision']) assert.ok(key in doc.times[0], key);
  const claim = doc.claims[0];
  for (const key of ['id', 'text', 'start', 'end', 'quote', 'speaker', 'chain', 'negated', 'hedged']) assert.ok(key in claim, key);
  for (const key of ['name', 'code', 'anonymous', 'description']) assert.ok(key in claim.speaker, key);
  assert.deepEqual(Object.keys(claim.chain[0]).slice(0, 2), ['name', 'kind']);
  for (const x of [...doc.entities, ...doc.times, ...doc.claims]) assert.equal(doc.article.body.slice(x.start, x.end), x.text);
  const text = (await cli(['show', list[1].id, '--annotations', '--db', s.db])).out;
  assert.match(text, /sources \(anonymous\) → The Washington Post → The Moscow Times/);
  const actors = JSON.parse((await cli(['actors', '--json', '--country', 'RUS', '--db', s.db])).out);
  assert.ok(actors.some((a: { name: string; code: string }) => a.name === 'Kremlin' && a.code === 'RUSGOV'));
  assert.equal((await cli(['show', 'ffffffffffff', '--annotations', '--db', s.db])).code, 1);
});
