/**
 * A queue worker: takes annotate jobs (one article each, any order, as many workers as there are
 * cores and machines) and code jobs. Coding merges into the shared events, so it runs under the
 * store's `code` lease, one writer at a time, and only over the articles stored before the first
 * one still awaiting annotation: events come out the same whatever the number of workers and the
 * order they finish in. Once nothing awaits annotation or coding, the worker holding the lease
 * clusters the new articles into stories (in publication order, under the `cluster` lease).
 */
import { Worker, type Job } from 'bullmq';
import { ANNOTATOR_VERSION, annotateArticle, defaultResources, skippedAnnotations, type AnnotateResources, type Annotations } from '../annotate/annotate.js';
import { CODER_VERSION } from '../events/coder.js';
import { clusterStore } from '../pipeline/cluster.js';
import { codeStore } from '../pipeline/code.js';
import { WorkerPool } from '../pipeline/pool.js';
import type { Article } from '../types/article.js';
import type { Store } from '../store/store.js';
import { enqueue, enqueuePending, openQueues, queueStatus, type QueueTarget, type StageJob } from './queue.js';

export interface WorkerOptions {
  readonly store: Store;
  readonly queue: QueueTarget;
  /** Annotate jobs at once, each on its own thread (default 1: run one worker process per core, or raise this). */
  readonly threads?: number;
  /** How long a job stays locked to a worker that stopped answering before another takes it over (ms). */
  readonly lockMs?: number;
  /** Return once both queues are empty (batch use and tests) instead of running until stopped. */
  readonly untilIdle?: boolean;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
  readonly onEvent?: (e: WorkerEvent) => void;
  /** The annotation stage (default: annotateArticle with the default resources, on `threads` threads). */
  readonly annotate?: (article: Article) => Promise<Annotations>;
}

export type WorkerEvent =
  | { readonly kind: 'annotated' | 'already-annotated' | 'failed-for-good'; readonly article: string; readonly error?: string }
  | { readonly kind: 'coded'; readonly coded: number; readonly events: number }
  | { readonly kind: 'clustered'; readonly clustered: number; readonly stories: number }
  | { readonly kind: 'enqueued'; readonly articles: number }
  | { readonly kind: 'retrying'; readonly stage: string; readonly article: string; readonly error: string };

export interface WorkerSummary {
  readonly annotated: number;
  readonly coded: number;
  readonly clustered: number;
  readonly failed: number;
}

export async function runWorker(opts: WorkerOptions): Promise<WorkerSummary> {
  const { store, queue } = opts;
  const now = opts.now ?? (() => new Date());
  const emit = opts.onEvent ?? (() => undefined);
  const lockDuration = opts.lockMs ?? 30_000;
  const threads = Math.max(1, opts.threads ?? 1);
  const queues = await openQueues(queue);
  const summary = { annotated: 0, coded: 0, clustered: 0, failed: 0 };
  // What the store holds and no queue has yet (articles ingested without --queue) is enqueued first.
  const pending = await enqueuePending(store, queues);
  if (pending) emit({ kind: 'enqueued', articles: pending });

  let resources: AnnotateResources | null = null;
  const pool = threads > 1 ? new WorkerPool<Article, Annotations>(new URL('../pipeline/annotate-worker.js', import.meta.url), threads) : null;
  const annotateOne = opts.annotate ?? (async (article: Article): Promise<Annotations> => {
    if (!pool) return annotateArticle(article, (resources ??= defaultResources()));
    const [r] = await pool.run([article]);
    if (!r!.ok) throw new Error(r!.error);
    return r!.value;
  });

  const common = { connection: queue.connection, prefix: queue.prefix, lockDuration, stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)), maxStalledCount: 2, autorun: false };
  const annotator = new Worker<StageJob>(
    'annotate',
    async (job: Job<StageJob>) => {
      const id = job.data.article;
      const had = await store.getAnnotations(id);
      if (had && had.annotator_version >= ANNOTATOR_VERSION) {
        emit({ kind: 'already-annotated', article: id });
      } else {
        const article = await store.getArticle(id);
        if (!article) return { missing: true }; // deleted since it was enqueued: nothing to do
        const annotations = await annotateOne(article);
        await store.saveAnnotations([{ annotations, annotatedAt: now().toISOString() }]);
        summary.annotated++;
        emit({ kind: 'annotated', article: id });
      }
      // After saving, so that a worker killed in between leaves a job that is retried and enqueues it.
      await enqueue(queues, 'code', [id]);
      return { annotated: true };
    },
    { ...common, concurrency: threads },
  );

  const coder = new Worker<StageJob>(
    'code',
    async () => {
      const coded = await codeStore(store, { inOrder: true, now });
      summary.coded += coded.coded;
      if (coded.coded) emit({ kind: 'coded', coded: coded.coded, events: coded.events });
      // Stories only once everything stored is annotated and coded, in that order of checks: an
      // article annotated meanwhile is then seen as still to code.
      const waiting = (await store.articlesToAnnotate(ANNOTATOR_VERSION, { limit: 1 })).length + (await store.articlesToCode(CODER_VERSION, { limit: 1 })).length;
      if (waiting === 0) {
        const c = await clusterStore(store, { now });
        summary.clustered += c.clustered;
        if (c.clustered) emit({ kind: 'clustered', clustered: c.clustered, stories: c.stories });
      }
      return { coded: coded.coded };
    },
    { ...common, concurrency: 1 },
  );

  const onFailed = (stage: 'annotate' | 'code') => async (job: Job<StageJob> | undefined, err: Error) => {
    if (!job) return;
    const last = job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!last) {
      emit({ kind: 'retrying', stage, article: job.data.article, error: err.message });
      return;
    }
    summary.failed++;
    // An article that cannot be annotated must not hold up coding of everything stored after it:
    // it is stored as skipped, with the error, and coding goes on (`wirescope jobs` lists it).
    if (stage === 'annotate') {
      try {
        await store.saveAnnotations([{ annotations: skippedAnnotations(job.data.article, `annotation failed after ${job.attemptsMade} tries: ${err.message}`), annotatedAt: now().toISOString() }]);
        await enqueue(queues, 'code', [job.data.article]);
      } catch {
        // The store is unreachable too: the job stays in the failed set for a person to look at.
      }
    }
    emit({ kind: 'failed-for-good', article: job.data.article, error: err.message });
  };
  annotator.on('failed', (job, err) => void onFailed('annotate')(job, err));
  coder.on('failed', (job, err) => void onFailed('code')(job, err));
  for (const w of [annotator, coder]) w.on('error', () => undefined); // connection blips: BullMQ reconnects

  const runs = [annotator.run(), coder.run()];
  try {
    await new Promise<void>((resolve) => {
      if (opts.signal?.aborted) return resolve();
      opts.signal?.addEventListener('abort', () => resolve(), { once: true });
      if (opts.untilIdle) {
        // Idle: nothing waiting, running or delayed (a retry's backoff) in either queue, twice in a row.
        let quiet = 0;
        const tick = setInterval(() => {
          void queueStatus(queues, Date.now(), 0).then((st) => {
            const busy = st.some((s) => s.waiting + s.active + s.delayed > 0);
            quiet = busy ? 0 : quiet + 1;
            if (quiet >= 2) {
              clearInterval(tick);
              resolve();
            }
          }, () => undefined);
        }, 250);
        opts.signal?.addEventListener('abort', () => clearInterval(tick), { once: true });
      }
    });
  } finally {
    await Promise.all([annotator.close(), coder.close()]);
    await Promise.allSettled(runs);
    await pool?.close();
    await queues.close();
  }
  return summary;
}
