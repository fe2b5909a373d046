import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openForReading as openSqliteForReading, SqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { inert, type Io } from './output.js';

export const DEFAULT_DB = 'wirescope.db';

export interface GlobalOptions {
  readonly db?: string;
}

/** The store a command works on: --db, else $WIRESCOPE_DB, else ./wirescope.db. */
export function dbPath(opts: GlobalOptions): string {
  return resolve(opts.db ?? process.env.WIRESCOPE_DB ?? DEFAULT_DB);
}

/**
 * The store a command works on. Commands that only read open it read-only (`mode: 'read'`): a
 * store the user may not write (file permissions, a read-only folder, another user's store)
 * still serves reads, a missing store is an error instead of a new empty file, and a reading
 * command can never change the store. Writing commands create and migrate it.
 */
export function openStore(opts: GlobalOptions, mode: 'read' | 'write' = 'write'): Store {
  const path = dbPath(opts);
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

export interface CommandContext {
  readonly io: Io;
  readonly global: GlobalOptions;
  readonly stdin?: NodeJS.ReadableStream;
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

/** Full ids for ids or unique prefixes given on the command line; null (after saying which) when one is unknown. */
export async function resolveArticleIds(store: Store, ids: readonly string[], io: Io): Promise<string[] | null> {
  const out: string[] = [];
  for (const id of ids) {
    const a = await store.getArticle(id);
    if (!a) {
      io.err(`wirescope: no article with id "${inert(id)}"\n`);
      return null;
    }
    out.push(a.id);
  }
  return out;
}

/** A date option: YYYY-MM-DD, or YYYY-MM / YYYY as a shorthand for the start (since) or end (until). */
export function parseDateOption(value: string, edge: 'start' | 'end'): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value.trim());
  if (!m) throw new UsageError(`invalid date "${value}": use YYYY-MM-DD`);
  const [, y, mo, d] = m;
  if (d) return `${y}-${mo}-${d}`;
  if (mo) return edge === 'start' ? `${y}-${mo}-01` : `${y}-${mo}-31`;
  return edge === 'start' ? `${y}-01-01` : `${y}-12-31`;
}

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {}
