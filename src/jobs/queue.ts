/**
 * The work queue on Redis (BullMQ): one queue per stage. An annotate job is one article; a code job
 * asks a worker to merge whatever is ready, in store order. Jobs are keyed by article id and stage
 * version, so enqueueing twice is one job, and retried with backoff; after the last try a job stays
 * in the failed set with its error (`wirescope jobs`).
 */
import { Queue, type Job, type JobsOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { ANNOTATOR_VERSION } from '../annotate/annotate.js';
import { CODER_VERSION } from '../events/coder.js';
import { usageError } from '../errors.js';
import type { Store } from '../store/store.js';

export const STAGES = ['annotate', 'code'] as const;
export type Stage = (typeof STAGES)[number];

export interface QueueTarget {
  readonly connection: RedisOptions & { host: string; port: number };
  /** Key prefix in Redis: each store sharing a Redis server needs its own (`?prefix=` in the URL). */
  readonly prefix: string;
  /** The URL without its password, for messages. */
  readonly label: string;
}

export interface StageJob {
  readonly article: string;
}

/** Tries per job, the first retry after 2 s and each next one twice as late. */
export const JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: false,
};

/** `redis://[user:password@]host[:port][/db][?prefix=name]` (or rediss:// for TLS). */
export function parseQueueUrl(url: string): QueueTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw usageError(`invalid --queue "${url}": give a Redis URL such as redis://127.0.0.1:6379`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw usageError(`invalid --queue "${url}": a redis:// or rediss:// URL`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw usageError(`invalid --queue "${url}": the database after the host is a number (redis://host:6379/0)`);
  const prefix = u.searchParams.get('prefix') ?? 'wirescope';
  if (!/^[\w.-]{1,64}$/.test(prefix)) throw usageError(`invalid queue prefix "${prefix}": letters, digits, ".", "_" or "-"`);
  const label = `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}${prefix === 'wirescope' ? '' : `?prefix=${prefix}`}`;
  return {
    connection: {
      host: u.hostname || '127.0.0.1',
      port: u.port ? Number(u.port) : 6379,
      db,
      ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
      ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
      ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
      // Workers block on Redis: BullMQ needs commands retried without limit while connected.
      maxRetriesPerRequest: null,
    },
    prefix,
    label,
  };
}

/** Fail fast, with the address, when Redis cannot be reached (instead of retrying forever). */
export async function checkReachable(target: QueueTarget): Promise<void> {
  const probe = new Redis({ ...target.connection, lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    throw new Error(`cannot reach the queue at ${target.label}: ${(e as Error).message}`, { cause: e });
  } finally {
    probe.disconnect();
  }
}

export interface Queues {
  readonly target: QueueTarget;
  readonly annotate: Queue<StageJob>;
  readonly code: Queue<StageJob>;
  close(): Promise<void>;
}

export async function openQueues(target: QueueTarget): Promise<Queues> {
  await checkReachable(target);
  const annotate = new Queue<StageJob>('annotate', { connection: target.connection, prefix: target.prefix, defaultJobOptions: JOB_OPTIONS });
  const code = new Queue<StageJob>('code', { connection: target.connection, prefix: target.prefix, defaultJobOptions: JOB_OPTIONS });
  return { target, annotate, code, close: async () => void (await Promise.all([annotate.close(), code.close()])) };
}

/**
 * A job's id: the stage, the article and the versions its result depends on (one job per article
 * per version: a new annotator re-annotates and so recodes; a new coder recodes).
 */
export function jobId(stage: Stage, article: string): string {
  return stage === 'annotate' ? `annotate-${article}-a${ANNOTATOR_VERSION}` : `code-${article}-a${ANNOTATOR_VERSION}-c${CODER_VERSION}`;
}

/** `again`: a job of its own even if this article's job for these versions ran (its input changed since). */
export async function enqueue(queues: Queues, stage: Stage, articles: readonly string[], again = false): Promise<void> {
  const suffix = again ? `-r${Date.now().toString(36)}` : '';
  for (let i = 0; i < articles.length; i += 500) {
    await queues[stage].addBulk(articles.slice(i, i + 500).map((article) => ({ name: stage, data: { article }, opts: { jobId: jobId(stage, article) + suffix } })));
  }
}

/** Enqueue an annotate job for every stored article awaiting annotation at this version; returns how many. */
export async function enqueuePending(store: Store, queues: Queues): Promise<number> {
  let afterSeq = 0;
  let n = 0;
  for (;;) {
    const page = await store.articlesToAnnotate(ANNOTATOR_VERSION, { limit: 1000, afterSeq });
    if (!page.length) return n;
    afterSeq = page.at(-1)!.seq;
    await enqueue(queues, 'annotate', page.map((p) => p.article.id));
    n += page.length;
  }
}

export interface StageStatus {
  readonly stage: Stage;
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly completed: number;
  readonly failed: number;
  /** Jobs finished in the last minute. */
  readonly per_minute: number;
  readonly failures: { readonly id: string; readonly article: string; readonly tries: number; readonly error: string; readonly failed_at: string | null }[];
}

/** Put every job that failed its last try back in its queue (after a fix); returns how many, per stage. */
export async function retryFailed(queues: Queues): Promise<Record<Stage, number>> {
  const out = { annotate: 0, code: 0 };
  for (const stage of STAGES) {
    for (;;) {
      const failed = await queues[stage].getJobs(['failed'], 0, 499, true);
      if (!failed.length) break;
      // With all its tries again (and its stalls forgotten).
      for (const job of failed) await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      out[stage] += failed.length;
    }
  }
  return out;
}

/** Whether both queues are empty: nothing waiting, running or delayed (a retry's backoff). */
export async function queuesIdle(queues: Queues): Promise<boolean> {
  for (const stage of STAGES) {
    const c = await queues[stage].getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused');
    if (Object.values(c).some((n) => n > 0)) return false;
  }
  return true;
}

/** Depth, rate and failures of each stage's queue. */
export async function queueStatus(queues: Queues, now = Date.now(), maxFailures = 20): Promise<StageStatus[]> {
  const out: StageStatus[] = [];
  for (const stage of STAGES) {
    const q = queues[stage];
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized', 'paused');
    const recent = (await q.getJobs(['completed'], 0, 999, false)).filter((j) => (j.finishedOn ?? 0) > now - 60_000).length;
    const failed = (await q.getJobs(['failed'], 0, maxFailures - 1, false)) as Job<StageJob>[];
    out.push({
      stage,
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.paused ?? 0),
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      completed: c.completed ?? 0,
      failed: c.failed ?? 0,
      per_minute: recent,
      failures: failed.map((j) => ({ id: j.id ?? '', article: j.data.article, tries: j.attemptsMade, error: j.failedReason, failed_at: j.finishedOn ? new Date(j.finishedOn).toISOString() : null })),
    });
  }
  return out;
}
