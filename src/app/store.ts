import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openForReading as openSqliteForReading, SqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';

export const DEFAULT_DB = 'wirescope.db';

/** Which store to open: a SQLite file (`db`), else $WIRESCOPE_DB, else ./wirescope.db. */
export interface StoreTarget {
  readonly db?: string;
}

/** The store a command works on: --db, else $WIRESCOPE_DB, else ./wirescope.db. */
export function dbPath(target: StoreTarget): string {
  return resolve(target.db ?? process.env.WIRESCOPE_DB ?? DEFAULT_DB);
}

/**
 * Open the store a face (CLI, HTTP API, worker) works on; the one place that chooses the backend.
 * Faces that only read open it read-only (`mode: 'read'`): a store the user may not write (file
 * permissions, a read-only folder, another user's store) still serves reads, a missing store is an
 * error instead of a new empty file, and a reader can never change the store. Writers create and
 * migrate it.
 */
export function openStore(target: StoreTarget, mode: 'read' | 'write' = 'write'): Store {
  const path = dbPath(target);
  if (mode === 'read') return openForReading(path);
  // SQLite opens a write-protected file read-only without a word, and the first write fails deep in a run.
  const unwritable = [path, dirname(path)].find((p) => existsSync(p) && !writable(p));
  if (unwritable) throw new Error(`${path}: cannot write the store (${unwritable === path ? 'the file' : 'its folder'} is not writable); reading commands still work on it.`);
  try {
    return new SqliteStore(path);
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (/^SQLITE_(READONLY|CANTOPEN)/.test(code) || (e as NodeJS.ErrnoException).code === 'EACCES') {
      throw new Error(`${path}: cannot write the store (${code || (e as Error).message}); reading commands still work on it.`, { cause: e });
    }
    throw e;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function openForReading(path: string): Store {
  if (!existsSync(path)) throw new Error(`no store at ${path}: run \`wirescope ingest\` first, or name one with --db or $WIRESCOPE_DB`);
  return openSqliteForReading(path);
}
