/**
 * A queue worker: takes annotate jobs (one article each, any order, as many workers as there are
 * cores and machines) and code jobs. Coding merges into the shared events, so it runs under the
 * store's `code` lease, one writer at a time, and only over the articles stored before the first
 * one still awaiting annotation: events come out the same whatever the number of workers and the
 * order they finish in. Once nothing awaits annotation or coding, the worker holding the lease
 * clusters the new articles into stories (in publication order, under the `cluster` lease).
 */
import { Worker, type Job } from 'bullmq';
import { ANNOTATOR_VERSION, skippedAnnotations, type Annotations } from '../annotate/annotate.js';
import { CODER_VERSION } from '../events/coder.js';
import { clusterStore, ResidentClusterer } from '../pipeline/cluster.js';
import { codeUnderLease } from '../pipeline/code.js';
import { withLease } from '../pipeline/lease.js';
import { annotateWorkerData } from '../pipeline/annotate.js';
import { WorkerPool } from '../pipeline/pool.js';
import type { Article } from '../types/article.js';
import type { Store } from '../store/store.js';
import { enqueue, enqueuePending, openQueues, queuesIdle, type QueueTarget, type StageJob } from './queue.js';

/** How the skipped reason of an article whose annotation failed for good begins (`wirescope jobs --retry-failed` redoes it). */
export const ANNOTATION_FAILED = 'annotation failed';

export interface WorkerOptions {
  readonly store: Store;
  readonly queue: QueueTarget;
  /** Annotate jobs at once, each on its own worker thread (default 1: run one worker process per core, or raise this). */
  readonly threads?: number;
  /** How long a job stays locked to a worker that stopped answering before another takes it over (ms). */
  readonly lockMs?: number;
  /** Return once both queues are empty (batch use and tests) instead of running until stopped. */
  readonly untilIdle?: boolean;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
  readonly onEvent?: (e: WorkerEvent) => void;
  /** The annotation stage (default: annotateArticle with the default resources, on `threads` worker threads). */
  readonly annotate?: (article: Article) => Promise<Annotations>;
}

export type WorkerEvent =
  | { readonly kind: 'annotated' | 'already-annotated' | 'failed-for-good' | 'code-failed'; readonly article: string; readonly error?: string }
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
  // The story clusterer stays in memory between this worker's clustering runs (reread only when another process clustered meanwhile).
  const resident = new ResidentClusterer();
  // Annotation runs on its own threads even when there is one: an article that takes long must
  // not stop this thread renewing the job's lock (another worker would take the job over).
  let pool: WorkerPool<Article, Annotations> | null = null;
  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  let annotator: Worker<StageJob> | null = null;
  let coder: Worker<StageJob> | null = null;
  try {
    // What the store holds and no queue has yet (articles ingested without --queue) is enqueued first.
    const pending = await enqueuePending(store, queues);
    if (pending) emit({ kind: 'enqueued', articles: pending });
    const annotateOne = opts.annotate ?? (async (article: Article): Promise<Annotations> => {
      pool ??= new WorkerPool<Article, Annotations>(new URL('../pipeline/annotate-worker.js', import.meta.url), threads, annotateWorkerData());
      const [r] = await pool.run([article]);
      if (!r!.ok) throw new Error(r!.error);
      return r!.value;
    });

    const common = { connection: queue.connection, prefix: queue.prefix, lockDuration, stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)), maxStalledCount: 2, autorun: false };
    annotator = new Worker<StageJob>(
      'annotate',
      async (job: Job<StageJob>) => {
        const id = job.data.article;
        const had = await store.getAnnotations(id);
        // Stored as skipped because annotating it failed for good: a retried job annotates it again.
        const failedBefore = !!had?.skipped?.startsWith(ANNOTATION_FAILED);
        if (had && had.annotator_version >= ANNOTATOR_VERSION && !failedBefore) {
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
        // (An article coded once as skipped needs a code job of its own: the first one ran.)
        await enqueue(queues, 'code', [id], failedBefore);
        return { annotated: true };
      },
      { ...common, concurrency: threads },
    );

    // Coding and then clustering, both under the code lease: no other worker codes while this
    // one clusters, so the articles it clusters do not change under it.
    const codeAndCluster = () =>
      withLease(store, 'code', {}, async (renew) => {
        const coded = await codeUnderLease(store, { inOrder: true, now, threads: 1 }, renew);
        summary.coded += coded.coded;
        if (coded.coded) emit({ kind: 'coded', coded: coded.coded, events: coded.events });
        for (const f of coded.failed) emit({ kind: 'code-failed', article: f.id, error: f.reason });
        // Stories once everything stored is annotated and coded (articles the coder failed on
        // aside: they are reported, and `wirescope code` retries them), in that order of checks:
        // an article annotated meanwhile is then seen as still to code.
        const failed = new Set(coded.failed.map((f) => f.id));
        const awaitingAnnotation = (await store.articlesToAnnotate(ANNOTATOR_VERSION, { limit: 1 })).length;
        const toCode = (await store.articlesToCode(CODER_VERSION, { limit: failed.size + 1 })).filter((x) => !failed.has(x.article.id)).length;
        if (awaitingAnnotation + toCode === 0) {
          const c = await clusterStore(store, { now, resident });
          summary.clustered += c.clustered;
          if (c.clustered) emit({ kind: 'clustered', clustered: c.clustered, stories: c.stories });
        }
        return { coded: coded.coded };
      });

    coder = new Worker<StageJob>(
      'code',
      async (job) => {
        // Every code job codes all that is pending, then checks for stories. A job whose article
        // an earlier job already coded, while another code job waits, ends at once: the waiting one
        // will do all this one would. (On 10,000 articles through one worker, the thousands of jobs
        // left once coding had caught up each queried the store and took the lease: minutes of tail.)
        const waiting = await queues.code.getJobCounts('waiting', 'prioritized');
        if ((waiting['waiting'] ?? 0) + (waiting['prioritized'] ?? 0) > 0 && !(await store.articlesToCode(CODER_VERSION, { ids: [job.data.article], limit: 1 })).length) return { coded: 0 };
        return codeAndCluster();
      },
      { ...common, concurrency: 1 },
    );


    // A job's last failure, however it came (an error on each try, or a worker that died holding
    // it too often): BullMQ then leaves it in the failed set, retried no more.
    const onFailed = async (stage: 'annotate' | 'code', job: Job<StageJob>, err: Error) => {
      if ((await job.getState()) !== 'failed') {
        emit({ kind: 'retrying', stage, article: job.data.article, error: err.message });
        return;
      }
      summary.failed++;
      // An article that cannot be annotated must not hold up coding of everything stored after it:
      // it is stored as skipped, with the error, and coding goes on (`wirescope jobs` lists it).
      if (stage === 'annotate') {
        try {
          await store.saveAnnotations([{ annotations: skippedAnnotations(job.data.article, `${ANNOTATION_FAILED} after ${job.attemptsMade} tries: ${err.message}`), annotatedAt: now().toISOString() }]);
          await enqueue(queues, 'code', [job.data.article]);
        } catch {
          // The store is unreachable too: the job stays in the failed set for a person to look at.
        }
      }
      emit({ kind: 'failed-for-good', article: job.data.article, error: err.message });
    };
    annotator.on('failed', (job, err) => job && track(onFailed('annotate', job, err).catch(() => undefined)));
    coder.on('failed', (job, err) => job && track(onFailed('code', job, err).catch(() => undefined)));
    for (const w of [annotator, coder]) w.on('error', () => undefined); // connection blips: BullMQ reconnects

    const runs = [annotator.run(), coder.run()];
    runs.forEach((r) => r.catch(() => undefined));
    await new Promise<void>((resolve) => {
      if (opts.signal?.aborted) return resolve();
      opts.signal?.addEventListener('abort', () => resolve(), { once: true });
      if (opts.untilIdle) {
        // Idle: nothing waiting, running or delayed in either queue, and no failure being recorded, twice in a row.
        let quiet = 0;
        const tick = setInterval(() => {
          void queuesIdle(queues).then((idle) => {
            quiet = idle && inFlight.size === 0 ? quiet + 1 : 0;
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
    await Promise.all([annotator?.close(), coder?.close()]);
    await Promise.allSettled([...inFlight]);
    await (pool as WorkerPool<Article, Annotations> | null)?.close();
    await queues.close();
  }
  return summary;
}
