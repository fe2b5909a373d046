/**
 * The store backends every contract test runs on (as Kysely runs its suite on each dialect): the
 * embedded SQLite file and PostgreSQL. Each test gets a fresh store of its own (a file in a scratch
 * folder, or a database created for it and dropped after). PostgreSQL is at $WIRESCOPE_TEST_PG or
 * postgres://postgres@127.0.0.1:5432 (trust auth); in CI a missing server fails the suite, on a
 * developer's machine without one the PostgreSQL half is skipped with the reason.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore } from '../src/app/store.js';
import type { Store } from '../src/store/store.js';
import { scratch } from './helpers.js';

type T = { after: (fn: () => unknown) => void };

export const PG_SERVER = process.env.WIRESCOPE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';

async function reachable(): Promise<string | null> {
  const c = new pg.Client({ connectionString: `${PG_SERVER}/postgres`, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const pgProblem = await reachable();
if (pgProblem && process.env.CI) throw new Error(`PostgreSQL at ${PG_SERVER} is unreachable (${pgProblem}): CI runs the store contract suite on it`);

/** A fresh, empty PostgreSQL database for one test, dropped (with its connections) when the test ends. */
export async function pgDatabase(t: T): Promise<string> {
  const name = `wirescope_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  t.after(async () => {
    const c = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return `${PG_SERVER}/${name}`;
}

export interface Backend {
  readonly name: 'sqlite' | 'postgres';
  /** Why this backend's tests are skipped here, or undefined. */
  readonly skip: string | undefined;
  /** A fresh store's `--db` value for one test. */
  target(t: T): Promise<string>;
}

export const BACKENDS: readonly Backend[] = [
  { name: 'sqlite', skip: undefined, target: async (t) => scratch(t).db },
  { name: 'postgres', skip: pgProblem ? `PostgreSQL at ${PG_SERVER} is unreachable: ${pgProblem}` : undefined, target: pgDatabase },
];

/** A fresh store on this backend, closed when the test ends (before its database is dropped). */
export async function freshStore(t: T, b: Backend): Promise<{ store: Store; db: string }> {
  const db = await b.target(t);
  const store = openStore({ db });
  t.after(() => store.close());
  return { store, db };
}
