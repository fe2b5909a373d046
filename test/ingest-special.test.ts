import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expandInputs } from '../src/ingest/sources.js';
import { ingest } from '../src/pipeline/ingest.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { generateArticle, rng } from '../bench/corpus.js';
import { FIXED_NOW, repoPath, scratch } from './helpers.js';

/** A distinct, deterministic news-like article for each n (distinct enough not to be near-duplicates). */
const story = (n: number) => { const a = generateArticle(rng(n), n); return `${a.title}\n\n${a.paragraphs.join('\n\n')}`; };
const ARTICLE = story(1);

/** Issue #11: special files, symlinks and unreadable folders are per-input problems, never a hang or an abort. */
test('a FIFO on the command line or in a folder is named and skipped, never read (a read would block forever)', async (t) => {
  const s = scratch(t);
  s.write('in/a.txt', ARTICLE);
  execFileSync('mkfifo', [join(s.dir, 'in', 'pipe.txt')]);
  execFileSync('mkfifo', [join(s.dir, 'named.txt')]);
  const { sources, missing } = await expandInputs([join(s.dir, 'named.txt'), join(s.dir, 'in')]);
  assert.deepEqual(sources.map((x) => x.path), [join(s.dir, 'in', 'a.txt')]);
  assert.deepEqual(missing.map((m) => [m.path, m.code]), [
    [join(s.dir, 'named.txt'), 'NOT_REGULAR'],
    [join(s.dir, 'in', 'pipe.txt'), 'NOT_REGULAR'],
  ]);
  assert.match(missing[0]!.message, /named pipe \(FIFO\)/);
  // The real command line, end to end: it finishes, stores the article and names the pipes.
  const r = spawnSync(process.execPath, [repoPath('bin', 'wirescope.js'), '--db', s.db, 'ingest', join(s.dir, 'named.txt'), join(s.dir, 'in'), '--json'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout) as { ingested: unknown[]; rejected: { path: string; code: string }[] };
  assert.equal(summary.ingested.length, 1);
  assert.deepEqual(summary.rejected.map((x) => x.code), ['NOT_REGULAR', 'NOT_REGULAR']);
});

test('symlinks: a linked file is read once, a linked folder is walked once, a loop and a broken link are named', async (t) => {
  const s = scratch(t);
  const target = s.write('elsewhere/linked.txt', ARTICLE);
  s.write('in/sub/b.md', story(2));
  symlinkSync(target, join(s.dir, 'in', 'link.txt'));
  symlinkSync(join(s.dir, 'in'), join(s.dir, 'in', 'sub', 'up')); // a folder link back up: a loop by walking
  symlinkSync(join(s.dir, 'in', 'self.txt'), join(s.dir, 'in', 'self.txt')); // a link to itself: ELOOP
  symlinkSync(join(s.dir, 'nowhere.txt'), join(s.dir, 'in', 'broken.txt'));
  const { sources, missing } = await expandInputs([join(s.dir, 'in')]);
  assert.deepEqual(sources.map((x) => x.path).sort(), [join(s.dir, 'in', 'link.txt'), join(s.dir, 'in', 'sub', 'b.md')]);
  assert.deepEqual(missing.map((m) => [m.path.slice(s.dir.length), m.code]).sort(), [
    ['/in/broken.txt', 'NOT_FOUND'],
    ['/in/self.txt', 'SYMLINK_LOOP'],
  ]);
  const store = new SqliteStore(s.db);
  try {
    const summary = await ingest(sources, store, { now: FIXED_NOW });
    assert.equal(summary.ingested.length, 2);
  } finally {
    await store.close();
  }
});

test('PDF and Word files in a folder are counted as unsupported formats, with the reason', async (t) => {
  const s = scratch(t);
  s.write('in/a.txt', ARTICLE);
  s.write('in/report.pdf', '%PDF-1.7\n');
  s.write('in/memo.docx', 'PK\u0003\u0004');
  s.write('in/photo.jpg', 'not an article, not a document: ignored');
  const { sources, missing } = await expandInputs([join(s.dir, 'in')]);
  assert.equal(sources.length, 1);
  assert.deepEqual(missing.map((m) => [m.path.slice(s.dir.length), m.code]), [
    ['/in/memo.docx', 'UNSUPPORTED_FORMAT'],
    ['/in/report.pdf', 'UNSUPPORTED_FORMAT'],
  ]);
  assert.match(missing[1]!.message, /unsupported format \(PDF\)/);
});

test('an unreadable subfolder is one problem: the files beside it and other arguments are still stored', async (t) => {
  const s = scratch(t);
  s.write('in/a.txt', ARTICLE);
  s.write('in/locked/hidden.txt', story(3));
  s.write('other/c.txt', story(4));
  mkdirSync(join(s.dir, 'db'));
  // Root reads any folder, so the command runs as an unprivileged user when the tests run as root (CI does).
  const root = process.getuid?.() === 0;
  for (const p of ['', 'in', 'in/a.txt', 'in/locked/hidden.txt', 'other', 'other/c.txt']) chmodSync(join(s.dir, p), p.endsWith('.txt') ? 0o644 : 0o755);
  chmodSync(join(s.dir, 'db'), 0o777);
  chmodSync(join(s.dir, 'in', 'locked'), 0o000);
  const args = [repoPath('bin', 'wirescope.js'), '--db', join(s.dir, 'db', 'w.db'), 'ingest', join(s.dir, 'in'), join(s.dir, 'other'), '--json'];
  const r = root
    ? spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args], { encoding: 'utf8', timeout: 60_000 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });
  chmodSync(join(s.dir, 'in', 'locked'), 0o755); // so that the scratch folder can be removed
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout) as { ingested: { path: string }[]; rejected: { path: string; code: string; message: string }[] };
  assert.deepEqual(summary.ingested.map((a) => a.path.slice(s.dir.length)).sort(), ['/in/a.txt', '/other/c.txt']);
  assert.deepEqual(summary.rejected.map((x) => [x.path.slice(s.dir.length), x.code]), [['/in/locked', 'UNREADABLE']]);
  assert.match(summary.rejected[0]!.message, /EACCES/);
});
