import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openForReading as openSqliteForReading, SqliteStore } from '../store/sqlite/index.js';
import { isPostgresUrl, PostgresStore, redactUrl } from '../store/postgres/index.js';
import type { Store } from '../store/store.js';

export const DEFAULT_DB = 'wirescope.db';

/**
 * Which store to open: `db` (a SQLite file, or a PostgreSQL URL `postgres://user@host:port/name`),
 * else $WIRESCOPE_DB, else ./wirescope.db.
 */
export interface StoreTarget {
  readonly db?: string;
}

/** The store a command works on: --db, else $WIRESCOPE_DB, else ./wirescope.db (a file's absolute path, or the URL). */
export function dbPath(target: StoreTarget): string {
  const db = target.db ?? process.env.WIRESCOPE_DB ?? DEFAULT_DB;
  return isPostgresUrl(db) ? db : resolve(db);
}

/** The store's name for messages: a PostgreSQL URL without its password. */
export function storeLabel(target: StoreTarget): string {
  return redactUrl(dbPath(target));
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
  // PostgreSQL: writers create the database when missing and migrate it; readers get read-only transactions.
  if (isPostgresUrl(path)) return new PostgresStore(path, mode === 'read' ? { readonly: true } : { create: true });
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
