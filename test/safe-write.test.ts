import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { WirescopeError } from '../src/errors.js';
import { checkTarget, safeWriteFile } from '../src/cli/safe-write.js';
import { scratch } from './helpers.js';

test('safe write: a new file is written whole, an existing one only with force, and no temporary file is left', (t) => {
  const s = scratch(t);
  const out = join(s.dir, 'events.csv');
  safeWriteFile(out, 'one\n');
  assert.equal(readFileSync(out, 'utf8'), 'one\n');
  assert.throws(() => safeWriteFile(out, 'two\n'), (e: unknown) => e instanceof WirescopeError && e.code === 'USAGE' && /--force/.test(e.message));
  assert.equal(readFileSync(out, 'utf8'), 'one\n', 'the old file is whole');
  safeWriteFile(out, 'two\n', { force: true });
  assert.equal(readFileSync(out, 'utf8'), 'two\n');
  assert.deepEqual(readdirSync(s.dir).filter((f) => f.endsWith('.tmp')), []);
});

test('safe write: never the store or its journal files, never a folder, a link or a special file system', (t) => {
  const s = scratch(t);
  const store = join(s.dir, 'w.db');
  writeFileSync(store, 'SQLite format 3\0');
  for (const p of [store, `${store}-wal`]) assert.throws(() => checkTarget(p, { force: true, protect: [store] }), /store/);
  mkdirSync(join(s.dir, 'folder'));
  assert.throws(() => checkTarget(join(s.dir, 'folder'), { force: true }), /not a regular file/);
  symlinkSync(store, join(s.dir, 'link.csv'));
  assert.throws(() => checkTarget(join(s.dir, 'link.csv'), { force: true, protect: [store] }), (e: unknown) => e instanceof WirescopeError && e.code === 'USAGE');
  assert.throws(() => checkTarget('/proc/self/out.csv', { force: true }), /special file system/);
  assert.throws(() => checkTarget('/dev/null', { force: true }), /special file system/);
});
