import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath, scratch, SEED_LEGIT, SEED_MT } from './helpers.js';

/**
 * Issue #11: a store the user may not write still serves reads, reading never changes or creates
 * a store, and a writing command on it fails with a clear message. Permissions mean nothing to
 * root, so when the tests run as root (CI does) the commands run as the unprivileged user nobody.
 */
function cli(args: string[]) {
  const argv = [repoPath('bin', 'wirescope.js'), ...args];
  const r = process.getuid?.() === 0
    ? spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...argv], { encoding: 'utf8', timeout: 60_000 })
    : spawnSync(process.execPath, argv, { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function storeWithTwoArticles(t: Parameters<typeof scratch>[0]) {
  const s = scratch(t);
  const dir = join(s.dir, 'store');
  s.write('store/.keep', '');
  chmodSync(s.dir, 0o755);
  chmodSync(dir, 0o777);
  const db = join(dir, 'w.db');
  const r = spawnSync(process.execPath, [repoPath('bin', 'wirescope.js'), '--db', db, 'ingest', SEED_LEGIT, SEED_MT, '--quiet'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return { dir, db };
}

test('a store file without write permission serves every reading command; a writing command says it cannot write', (t) => {
  const { db } = storeWithTwoArticles(t);
  chmodSync(db, 0o444);
  const before = readFileSync(db);
  const list = cli(['--db', db, 'articles', '--json']);
  assert.equal(list.code, 0, list.err);
  assert.equal((JSON.parse(list.out) as unknown[]).length, 2);
  for (const args of [['search', 'Pezeshkian', '--json'], ['events', '--json'], ['stories', '--json'], ['actors', '--json']]) {
    const r = cli(['--db', db, ...args]);
    assert.equal(r.code, 0, `${args[0]}: ${r.err}`);
  }
  const write = cli(['--db', db, 'ingest', SEED_LEGIT]);
  assert.equal(write.code, 1);
  assert.match(write.err, /cannot write the store \(the file is not writable\); reading commands still work on it/);
  assert.deepEqual(readFileSync(db), before, 'the store is unchanged');
});

test('a store in a folder the user may not write is read from a snapshot copy, and the folder stays as it was', (t) => {
  const { dir, db } = storeWithTwoArticles(t);
  chmodSync(db, 0o666); // only the folder is closed to the user
  const files = readdirSync(dir).sort();
  chmodSync(dir, 0o555);
  const list = cli(['--db', db, 'articles', '--json']);
  assert.equal(list.code, 0, list.err);
  assert.equal((JSON.parse(list.out) as unknown[]).length, 2);
  const hits = cli(['--db', db, 'search', 'Pezeshkian', '--json']);
  assert.equal(hits.code, 0, hits.err);
  assert.ok((JSON.parse(hits.out) as unknown[]).length > 0);
  assert.deepEqual(readdirSync(dir).sort(), files);
  const write = cli(['--db', db, 'annotate']);
  assert.equal(write.code, 1);
  assert.match(write.err, /cannot write the store \(its folder is not writable\)/);
  chmodSync(dir, 0o777);
});

test('a reading command on a missing store says so and creates nothing', (t) => {
  const s = scratch(t);
  const db = join(s.dir, 'none.db');
  const r = spawnSync(process.execPath, [repoPath('bin', 'wirescope.js'), '--db', db, 'articles'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no store at .*none\.db: run `wirescope ingest` first/);
  assert.equal(existsSync(db), false);
  assert.equal(statSync(s.dir).isDirectory(), true);
});
