import { resolve } from 'node:path';
import { SqliteStore } from '../store/sqlite/index.js';
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

export function openStore(opts: GlobalOptions): Store {
  return new SqliteStore(dbPath(opts));
}

export interface CommandContext {
  readonly io: Io;
  readonly global: GlobalOptions;
  readonly stdin?: NodeJS.ReadableStream;
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
