/**
 * Files → stored stories, side by side in one run (issue #13): the embedded store in one process
 * (annotating on one thread, then on one thread per core), and PostgreSQL fed through the Redis
 * queue to one and to two `wirescope worker` processes. Each configuration gets a fresh store (and
 * a fresh queue prefix) and the same corpus; each is timed from the first file read to the last
 * story stored, as a user runs it (one CLI command per stage, or the workers). Peak RSS is the
 * largest process's high-water mark.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { packageRoot } from '../src/data/load.js';

const BIN = () => join(packageRoot(), 'bin', 'wirescope.js');

/** Run the CLI; `rssMb` is the process's peak resident memory (VmHWM, read from /proc while it runs). */
function wirescope(args: readonly string[]): Promise<{ out: string; err: string; code: number | null; rssMb: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let hwm = NaN;
    const poll = setInterval(() => {
      try {
        const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        if (kb) hwm = Number(kb) / 1024;
      } catch {
        // not Linux, or already gone
      }
    }, 100);
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ out, err, code, rssMb: hwm });
    });
  });
}

async function must(args: readonly string[], peaks?: number[]): Promise<string> {
  const r = await wirescope(args);
  if (r.code !== 0) throw new Error(`wirescope ${args.join(' ')} exited ${r.code}: ${r.err.slice(-2000)}`);
  peaks?.push(r.rssMb);
  return r.out;
}

interface Row {
  readonly name: string;
  readonly seconds: number;
  readonly articles: number;
  readonly rssMb: number;
  readonly storeMb: number;
  readonly stories: number;
  readonly events: number;
}

async function embedded(corpus: string, threads: string, name: string): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'wirescope-pipe-'));
  const db = join(dir, 'bench.db');
  try {
    const peaks: number[] = [];
    const t0 = performance.now();
    const ingested = JSON.parse(await must(['--db', db, 'ingest', corpus, '--json'], peaks)) as { articles_read: number };
    await must(['--db', db, 'annotate', '--threads', threads, '--json'], peaks);
    await must(['--db', db, 'code', '--json'], peaks);
    const clustered = JSON.parse(await must(['--db', db, 'cluster', '--json'], peaks)) as { stories: number };
    const seconds = (performance.now() - t0) / 1000;
    const events = (JSON.parse(await must(['--db', db, 'events', '--json', '--limit', '1000000'])) as unknown[]).length;
    return { name, seconds, articles: ingested.articles_read, rssMb: Math.max(...peaks), storeMb: statSync(db).size / 1e6, stories: clustered.stories, events };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function queued(corpus: string, workers: number, pgServer: string, redis: string): Promise<Row> {
  const name = `wirescope_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${pgServer}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const db = `${pgServer}/${name}`;
  const prefix = `wsbench-${randomBytes(4).toString('hex')}`;
  const queue = `${redis}?prefix=${prefix}`;
  try {
    const t0 = performance.now();
    const ingested = JSON.parse(await must(['--db', db, 'ingest', corpus, '--queue', queue, '--json'])) as { articles_read: number };
    const peaks: number[] = [];
    await Promise.all(Array.from({ length: workers }, () => must(['--db', db, 'worker', '--queue', queue, '--until-idle', '--json'], peaks)));
    const seconds = (performance.now() - t0) / 1000;
    const c = new pg.Client({ connectionString: db });
    await c.connect();
    const size = Number((await c.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n);
    const stories = Number((await c.query('SELECT count(*) AS n FROM stories')).rows[0].n);
    const events = Number((await c.query('SELECT count(*) AS n FROM events')).rows[0].n);
    await c.end();
    return { name: `PostgreSQL + Redis queue, ${workers} worker${workers === 1 ? '' : 's'}`, seconds, articles: ingested.articles_read, rssMb: Math.max(...peaks), storeMb: size / 1e6, stories, events };
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    const r = new Redis(redis);
    const keys = await r.keys(`${prefix}:*`);
    if (keys.length) await r.del(...keys);
    r.disconnect();
  }
}

/** The four configurations, by the names `--configs` takes. */
export const PIPELINE_CONFIGS = ['embedded', 'threads', 'queue1', 'queue2'] as const;

export async function benchPipelines(corpus: string, opts: { pg?: string; redis?: string; configs?: readonly string[] } = {}): Promise<void> {
  const pgServer = opts.pg ?? process.env.WIRESCOPE_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
  const redis = opts.redis ?? process.env.WIRESCOPE_BENCH_REDIS ?? 'redis://127.0.0.1:6379';
  const want = new Set(opts.configs ?? PIPELINE_CONFIGS);
  const rows: Row[] = [];
  if (want.has('embedded')) rows.push(await embedded(corpus, '1', 'embedded SQLite, one process, annotate on 1 thread'));
  if (want.has('threads')) rows.push(await embedded(corpus, 'auto', 'embedded SQLite, one process, annotate on a thread per core'));
  for (const n of [1, 2]) {
    if (!want.has(`queue${n}`)) continue;
    try {
      rows.push(await queued(corpus, n, pgServer, redis));
    } catch (e) {
      console.log(`PostgreSQL + Redis queue, ${n} worker(s): skipped (${(e as Error).message.split('\n')[0]})`);
    }
  }
  console.log('files → stored stories, each configuration on a fresh store (CLI commands as a user runs them):');
  console.log(['configuration', 'articles', 'seconds', 'articles/s', 'store MB', 'peak RSS MB (largest process)', 'events', 'stories'].join('\t'));
  for (const r of rows) console.log([r.name, r.articles, r.seconds.toFixed(1), (r.articles / r.seconds).toFixed(1), r.storeMb.toFixed(1), Number.isNaN(r.rssMb) ? '-' : r.rssMb.toFixed(0), r.events, r.stories].join('\t'));
  const counts = new Set(rows.map((r) => `${r.events}/${r.stories}`));
  console.log(counts.size === 1 ? '(every configuration stored the same number of events and stories)' : '(the configurations stored different numbers of events or stories: see above)');
}

// `node dist/bench/pipelines.js <corpus dir> [embedded,threads,queue1,queue2]`: this part alone (some configurations, or all).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/dist\//, '/dist/'))) {
  const dir = process.argv[2];
  const configs = process.argv[3]?.split(',');
  const unknown = configs?.filter((c) => !(PIPELINE_CONFIGS as readonly string[]).includes(c)) ?? [];
  if (!dir || unknown.length) {
    console.error(`usage: node dist/bench/pipelines.js <corpus dir> [${PIPELINE_CONFIGS.join(',')}]${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
    process.exitCode = 2;
  } else await benchPipelines(dir, { configs });
}
