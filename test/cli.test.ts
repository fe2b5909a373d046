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
});
