/**
 * Queue workers (issue #13): `ingest --queue`, `wirescope worker`, `wirescope jobs` against the
 * Redis at $WIRESCOPE_TEST_REDIS or redis://127.0.0.1:6379 and the PostgreSQL store. Each test
 * has its own key prefix (removed after) and its own database. In CI a missing Redis fails the
 * suite; elsewhere these tests are skipped with the reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { annotateArticle } from '../src/annotate/annotate.js';
import { openStore } from '../src/app/store.js';
import { parseQueueUrl } from '../src/jobs/queue.js';
import { runWorker, type WorkerEvent } from '../src/jobs/worker.js';
import { BACKENDS, pgDatabase } from './backends.js';
import { cliAsync as cli, repoPath, scratch } from './helpers.js';

type T = Parameters<typeof scratch>[0];

const REDIS = process.env.WIRESCOPE_TEST_REDIS ?? 'redis://127.0.0.1:6379';

async function redisProblem(): Promise<string | null> {
  const r = new Redis(REDIS, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    r.disconnect();
  }
}

const problem = await redisProblem();
if (problem && process.env.CI) throw new Error(`Redis at ${REDIS} is unreachable (${problem}): CI runs the queue tests on it`);
const skip = problem ? `Redis at ${REDIS} is unreachable: ${problem}` : BACKENDS.find((b) => b.name === 'postgres')!.skip;

/** A queue URL with a prefix of its own, whose keys are removed when the test ends. */
function freshQueue(t: T): string {
  const prefix = `wstest-${randomBytes(4).toString('hex')}`;
  t.after(async () => {
    const r = new Redis(REDIS);
    const keys = await r.keys(`${prefix}:*`);
    if (keys.length) await r.del(...keys);
    r.disconnect();
  });
  return `${REDIS}?prefix=${prefix}`;
}

/** What a run produced, without run-specific fields: events with their mentions, stories with their articles. */
async function results(db: string): Promise<string> {
  const events = JSON.parse((await cli(['--db', db, 'events', '--json', '--limit', '100000'])).out) as { id: string; cameo: string; mentions: { article_id: string; start: number }[] }[];
  const stories = JSON.parse((await cli(['--db', db, 'stories', '--json'])).out) as { id: string; article_ids: string[] }[];
  return JSON.stringify({
    events: events.map((e) => [e.id, e.cameo, e.mentions.map((m) => `${m.article_id}@${m.start}`)]),
    stories: stories.map((s) => [s.id, s.article_ids]),
  });
}

/** The examples through the plain CLI pipeline on one process: what the workers must reproduce. */
let reference: Promise<string> | null = null;
function expected(t: T): Promise<string> {
  reference ??= (async () => {
    const db = scratch(t).db;
    for (const step of [['ingest', repoPath('examples'), '-q'], ['annotate'], ['code'], ['cluster']]) assert.equal((await cli(['--db', db, ...step])).code, 0);
    return results(db);
  })();
  return reference;
}

interface Jobs {
  stages: { stage: string; waiting: number; active: number; completed: number; failed: number; failures: { article: string; tries: number; error: string }[] }[];
}
const jobs = async (queue: string): Promise<Jobs> => JSON.parse((await cli(['jobs', '--queue', queue, '--json'])).out) as Jobs;

test('queue URLs: host, port, database, prefix and TLS are read; anything else is a usage error', () => {
  const q = parseQueueUrl('redis://user:secret@example.org:6380/2?prefix=news-a');
  assert.deepEqual([q.connection.host, q.connection.port, q.connection.db, q.connection.username, q.connection.password, q.prefix], ['example.org', 6380, 2, 'user', 'secret', 'news-a']);
  assert.ok(!q.label.includes('secret'), 'the password stays out of messages');
  assert.equal(parseQueueUrl('rediss://h').connection.tls !== undefined, true);
  assert.equal(parseQueueUrl('redis://127.0.0.1').prefix, 'wirescope');
  for (const bad of ['http://x', 'not a url', 'redis://h/x', 'redis://h?prefix=a:b']) assert.throws(() => parseQueueUrl(bad), (e: Error & { code?: string }) => e.code === 'USAGE', bad);
});

test('jobs and worker: a missing --queue is a usage error (2); an unreachable Redis is a clear runtime error (1)', async () => {
  const none = await cli(['jobs']);
  assert.equal(none.code, 2, none.err);
  assert.match(none.err, /--queue/);
  const down = await cli(['jobs', '--queue', 'redis://127.0.0.1:9']);
  assert.equal(down.code, 1);
  assert.match(down.err, /cannot reach the queue at redis:\/\/127\.0\.0\.1:9/);
});

test('ingest --queue then one worker: the same events and stories as the one-process pipeline; jobs shows every job done', { skip }, async (t) => {
  const queue = freshQueue(t);
  const db = await pgDatabase(t);
  const ingested = JSON.parse((await cli(['--db', db, 'ingest', repoPath('examples'), '--queue', queue, '--json'])).out) as { enqueued: number; ingested: unknown[]; near_duplicates: unknown[] };
  assert.equal(ingested.enqueued, ingested.ingested.length + ingested.near_duplicates.length);
  const before = await jobs(queue);
  assert.equal(before.stages.find((s) => s.stage === 'annotate')!.waiting, ingested.enqueued);
  const w = await cli(['--db', db, 'worker', '--queue', queue, '--until-idle', '--json']);
  assert.equal(w.code, 0, w.err);
  assert.deepEqual(JSON.parse(w.out), { annotated: ingested.enqueued, coded: ingested.enqueued, clustered: ingested.enqueued, failed: 0 });
  assert.equal(await results(db), await expected(t));
  const after = await jobs(queue);
  assert.deepEqual(after.stages.map((s) => [s.stage, s.waiting, s.active, s.completed, s.failed]), [['annotate', 0, 0, ingested.enqueued, 0], ['code', 0, 0, ingested.enqueued, 0]]);
  // Enqueueing again is a no-op: jobs are keyed by article and version.
  const again = JSON.parse((await cli(['--db', db, 'jobs', '--queue', queue, '--enqueue', '--json'])).out) as { enqueued: number };
  assert.equal(again.enqueued, 0);
});

test('two workers at once give the same events and stories as one', { skip }, async (t) => {
  const queue = freshQueue(t);
  const db = await pgDatabase(t);
  assert.equal((await cli(['--db', db, 'ingest', repoPath('examples'), '-q'])).code, 0);
  // No --queue at ingest: the workers enqueue what the store holds when they start (once, by job id).
  const [a, b] = await Promise.all([cli(['--db', db, 'worker', '--queue', queue, '--until-idle', '--json']), cli(['--db', db, 'worker', '--queue', queue, '--until-idle', '--json'])]);
  assert.equal(a.code, 0, a.err);
  assert.equal(b.code, 0, b.err);
  const [sa, sb] = [a, b].map((r) => JSON.parse(r.out) as { annotated: number });
  assert.ok(sa!.annotated + sb!.annotated === 14, `each article annotated once: ${sa!.annotated} + ${sb!.annotated}`);
  assert.equal(await results(db), await expected(t));
});

test('a worker killed with SIGKILL mid-job: its job is taken over by another worker, nothing lost or duplicated', { skip }, async (t) => {
  const queue = freshQueue(t);
  const db = await pgDatabase(t);
  assert.equal((await cli(['--db', db, 'ingest', repoPath('examples'), '--queue', queue, '-q'])).code, 0);
  const first = spawn(process.execPath, [repoPath('bin', 'wirescope.js'), '--db', db, 'worker', '--queue', queue, '--lock-ms', '1000'], { stdio: ['ignore', 'ignore', 'pipe'] });
  // Killed right after its third article is saved: it is then inside the fourth job.
  await new Promise<void>((resolve, reject) => {
    let err = '';
    first.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if ((err.match(/^annotated /gm) ?? []).length >= 3) resolve();
    });
    first.once('exit', (code) => reject(new Error(`the worker exited (${code}) before it was killed: ${err}`)));
  });
  first.removeAllListeners('exit');
  first.kill('SIGKILL');
  await new Promise((r) => first.once('close', r));
  const mid = await jobs(queue);
  // BullMQ hands a worker its next job as it finishes one: the killed worker may hold two.
  assert.ok(mid.stages.find((s) => s.stage === 'annotate')!.active >= 1, 'the killed worker left its job active');
  const second = await cli(['--db', db, 'worker', '--queue', queue, '--lock-ms', '1000', '--until-idle', '--json']);
  assert.equal(second.code, 0, second.err);
  assert.equal(await results(db), await expected(t));
  const after = await jobs(queue);
  assert.deepEqual(after.stages.map((s) => [s.stage, s.active, s.completed, s.failed]), [['annotate', 0, 14, 0], ['code', 0, 14, 0]]);
});

test('an article that cannot be annotated fails after its tries, is listed by jobs with its error, and does not hold up the rest', { skip }, async (t) => {
  const queue = freshQueue(t);
  const db = await pgDatabase(t);
  assert.equal((await cli(['--db', db, 'ingest', repoPath('examples', 'seeds'), '-q'])).code, 0);
  const store = openStore({ db });
  t.after(() => store.close());
  const [bad] = await store.listArticles({ limit: 1 });
  const events: WorkerEvent[] = [];
  const summary = await runWorker({
    store, queue: parseQueueUrl(queue), lockMs: 1000, untilIdle: true, onEvent: (e) => events.push(e),
    // The stage is passed in: this one breaks on one article, every time.
    annotate: async (a) => {
      if (a.id === bad!.id) throw new Error('the parser ran out of memory');
      return annotateArticle(a);
    },
  });
  assert.deepEqual(summary, { annotated: 1, coded: 2, clustered: 2, failed: 1 });
  assert.deepEqual(events.filter((e) => e.kind === 'retrying').length, 2);
  const status = await jobs(queue);
  const annotate = status.stages.find((s) => s.stage === 'annotate')!;
  assert.equal(annotate.failed, 1);
  assert.deepEqual(annotate.failures.map((f) => [f.article, f.tries, f.error]), [[bad!.id, 3, 'the parser ran out of memory']]);
  const text = await cli(['jobs', '--queue', queue]);
  assert.match(text.out, /failed \(after their last try\):\n {2}annotate [0-9a-f]{12} \(3 tries, [^)]+\): the parser ran out of memory/);
  // It is stored as skipped, with the reason; the other seed was coded and clustered all the same.
  assert.match((await store.getAnnotations(bad!.id))!.skipped!, /annotation failed after 3 tries: the parser ran out of memory/);
  const stored = await store.listEvents();
  assert.ok(stored.length > 0 && stored.every((e) => e.mentions.every((m) => m.article_id !== bad!.id)));
  assert.equal((await store.listStories()).reduce((n, s) => n + s.article_ids.length, 0), 2);

  // The cause fixed, `jobs --retry-failed` puts the job back: the article is annotated and coded.
  const retried = JSON.parse((await cli(['jobs', '--queue', queue, '--retry-failed', '--json'])).out) as { retried: { annotate: number; code: number }; stages: Jobs['stages'] };
  assert.deepEqual(retried.retried, { annotate: 1, code: 0 });
  assert.equal(retried.stages.find((s) => s.stage === 'annotate')!.failed, 0);
  const again = await runWorker({ store, queue: parseQueueUrl(queue), lockMs: 1000, untilIdle: true, annotate: async (a) => annotateArticle(a) });
  assert.equal(again.annotated, 1);
  assert.equal((await store.getAnnotations(bad!.id))!.skipped, null);
  assert.ok((await store.listEvents({ article: bad!.id })).length > 0, 'its events are stored now');
});
