import { openStore, storeLabel } from '../app/store.js';
import { parseCount } from '../app/queries.js';
import { usageError } from '../errors.js';
import { enqueuePending, openQueues, parseQueueUrl, queueStatus, retryFailed, type StageStatus } from '../jobs/queue.js';
import { runWorker, type WorkerEvent } from '../jobs/worker.js';
import { type CommandContext } from './context.js';
import { inert, json } from './output.js';

/** --queue, else $WIRESCOPE_QUEUE; a usage error when neither is given. */
export function queueUrl(given: string | undefined): string {
  const url = given ?? process.env.WIRESCOPE_QUEUE;
  if (!url) throw usageError('give the queue: --queue redis://host:6379 (or $WIRESCOPE_QUEUE)');
  return url;
}

export interface WorkerCommandOptions {
  readonly queue?: string;
  readonly threads?: string;
  readonly lockMs?: string;
  readonly untilIdle?: boolean;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

function describe(e: WorkerEvent): string {
  switch (e.kind) {
    case 'annotated': return `annotated ${e.article.slice(0, 12)}`;
    case 'already-annotated': return `already annotated ${e.article.slice(0, 12)}`;
    case 'failed-for-good': return `FAILED ${e.article.slice(0, 12)} after its last try: ${inert(e.error ?? '')}`;
    case 'code-failed': return `coding FAILED for ${e.article.slice(0, 12)} (\`wirescope code\` retries it): ${inert(e.error ?? '')}`;
    case 'retrying': return `retrying ${e.stage} ${e.article.slice(0, 12)}: ${inert(e.error)}`;
    case 'coded': return `coded ${e.coded} article${e.coded === 1 ? '' : 's'} (${e.events} events in the store)`;
    case 'clustered': return `clustered ${e.clustered} article${e.clustered === 1 ? '' : 's'} (${e.stories} stories)`;
    case 'enqueued': return `${e.articles} stored article${e.articles === 1 ? '' : 's'} awaiting annotation ${e.articles === 1 ? 'is' : 'are'} in the queue (each once)`;
  }
}

/**
 * `wirescope worker --queue redis://…`: take annotate and code jobs until Ctrl-C (or, with
 * --until-idle, until both queues are empty). Run one per core and per machine, all with the same
 * --db (PostgreSQL when they are on several machines).
 */
export async function runWorkerCommand(opts: WorkerCommandOptions, ctx: CommandContext): Promise<number> {
  const queue = parseQueueUrl(queueUrl(opts.queue));
  const threads = parseCount(opts.threads, '--threads', 64) ?? 1;
  const lockMs = parseCount(opts.lockMs, '--lock-ms', 3_600_000) ?? 30_000;
  if (lockMs < 500) throw usageError('--lock-ms must be at least 500');
  const store = openStore(ctx.global);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (!opts.quiet && !opts.json) ctx.io.err(`wirescope worker: ${inert(storeLabel(ctx.global))}, queue ${inert(queue.label)}, ${threads} thread${threads === 1 ? '' : 's'}${opts.untilIdle ? ', until the queues are empty' : '; Ctrl-C stops'}\n`);
    const summary = await runWorker({
      store, queue, threads, lockMs, untilIdle: opts.untilIdle, signal: stop.signal,
      onEvent: (e) => {
        if (opts.json) return;
        if (!opts.quiet || e.kind === 'failed-for-good' || e.kind === 'code-failed') ctx.io.err(`${describe(e)}\n`);
      },
    });
    if (opts.json) ctx.io.out(json(summary));
    else if (!opts.quiet) ctx.io.out(`${summary.annotated} annotated, ${summary.coded} coded, ${summary.clustered} clustered, ${summary.failed} failed for good\n`);
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await store.close();
  }
}

export interface JobsCommandOptions {
  readonly queue?: string;
  readonly json?: boolean;
  readonly enqueue?: boolean;
  readonly retryFailed?: boolean;
}

/** `wirescope jobs --queue redis://…`: each stage's depth, rate and failures (`--enqueue`: queue what the store has waiting; `--retry-failed`: put failed jobs back). */
export async function runJobs(opts: JobsCommandOptions, ctx: CommandContext): Promise<number> {
  const queues = await openQueues(parseQueueUrl(queueUrl(opts.queue)));
  try {
    let enqueued: number | undefined;
    if (opts.enqueue) {
      const store = openStore(ctx.global, 'read');
      try {
        enqueued = await enqueuePending(store, queues);
      } finally {
        await store.close();
      }
    }
    const retried = opts.retryFailed ? await retryFailed(queues) : undefined;
    const status = await queueStatus(queues);
    if (opts.json) {
      ctx.io.out(json({ queue: queues.target.label, ...(enqueued === undefined ? {} : { enqueued }), ...(retried ? { retried } : {}), stages: status }));
      return 0;
    }
    if (retried) ctx.io.out(`put back in their queues: ${retried.annotate} annotate and ${retried.code} code job${retried.annotate + retried.code === 1 ? '' : 's'} that had failed (a worker takes them)\n`);
    if (enqueued !== undefined) ctx.io.out(`enqueued ${enqueued} stored article${enqueued === 1 ? '' : 's'} awaiting annotation\n`);
    ctx.io.out(`queue ${inert(queues.target.label)}\n`);
    ctx.io.out(['stage', 'waiting', 'active', 'delayed', 'done', 'failed', 'done/min'].join('\t') + '\n');
    for (const s of status) ctx.io.out([s.stage, s.waiting, s.active, s.delayed, s.completed, s.failed, s.per_minute].join('\t') + '\n');
    const failures = status.flatMap((s: StageStatus) => s.failures.map((f) => ({ ...f, stage: s.stage })));
    if (failures.length) {
      ctx.io.out('\nfailed (after their last try):\n');
      for (const f of failures) ctx.io.out(`  ${f.stage} ${f.article.slice(0, 12)} (${f.tries} tries, ${f.failed_at ?? '?'}): ${inert(f.error)}\n`);
    }
    return 0;
  } finally {
    await queues.close();
  }
}
