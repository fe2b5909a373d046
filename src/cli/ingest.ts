import { expandInputs } from '../ingest/sources.js';
import { normaliseDeclared, toIso1 } from '../ingest/language.js';
import { DEFAULT_MAX_BYTES, ingest, type IngestSummary, type MetaOverrides } from '../pipeline/ingest.js';
import { openStore } from '../app/store.js';
import { usageError } from '../errors.js';
import { type CommandContext } from './context.js';
import { inert, json, progressBar, truncate, type Io } from './output.js';

export interface IngestCommandOptions {
  readonly json?: boolean;
  readonly maxBytes?: string;
  readonly batchSize?: string;
  readonly quiet?: boolean;
  readonly date?: string;
  readonly outlet?: string;
  readonly lang?: string;
  readonly forceMeta?: boolean;
  readonly timeout?: string;
  readonly readTimeout?: string;
  readonly queue?: string;
}

/** --date, --outlet, --lang and --force-meta, checked: a bad value is a usage error before anything is read. */
export function metaOverrides(opts: IngestCommandOptions): MetaOverrides | undefined {
  if (opts.forceMeta && !opts.date && !opts.outlet && !opts.lang) throw usageError('--force-meta needs --date, --outlet or --lang');
  if (!opts.date && !opts.outlet && !opts.lang) return undefined;
  let published: string | undefined;
  if (opts.date !== undefined) {
    const d = opts.date.trim();
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
    const valid = day
      ? new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d
      : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(d) && Number.isFinite(Date.parse(d));
    if (!valid) throw usageError(`invalid --date "${opts.date}": use YYYY-MM-DD or an ISO 8601 date-time with its offset (2026-03-10T08:30:00Z)`);
    published = day ? d : new Date(d).toISOString().replace(/\.000Z$/, 'Z');
  }
  const outlet = opts.outlet?.replace(/\s+/g, ' ').trim();
  if (opts.outlet !== undefined && (!outlet || outlet.length > 80)) throw usageError('--outlet needs a name of 1 to 80 characters');
  let language: string | undefined;
  if (opts.lang !== undefined) {
    const code = normaliseDeclared(opts.lang);
    if (!code) throw usageError(`invalid --lang "${opts.lang}": use an ISO 639 code such as en, fr or deu`);
    language = toIso1(code);
  }
  return { published, outlet, language, force: opts.forceMeta ?? false };
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw usageError(`${name} must be a positive integer, got "${value}"`);
  return n;
}

export function printSummary(io: Io, s: IngestSummary): void {
  const lines: string[] = [];
  lines.push(
    `${s.inputs} input${s.inputs === 1 ? '' : 's'}, ${s.articles_read} article${s.articles_read === 1 ? '' : 's'} read: ` +
      `${s.ingested.length} ingested, ${s.duplicates.length} duplicate${s.duplicates.length === 1 ? '' : 's'} skipped, ` +
      `${s.near_duplicates.length} near-duplicate${s.near_duplicates.length === 1 ? '' : 's'}, ${s.rejected.length} rejected` +
      (s.unchanged.length ? `; ${s.unchanged.length} URL${s.unchanged.length === 1 ? '' : 's'} unchanged since the last fetch` : ''),
  );
  if (s.near_duplicates.length) {
    lines.push('', 'Near-duplicates (stored, linked to the first copy):');
    for (const n of s.near_duplicates) {
      lines.push(`  ${n.id.slice(0, 12)}  ${truncate(n.title ?? n.path, 60)}  ~ ${n.duplicate_of.slice(0, 12)} (similarity ${n.similarity.toFixed(2)})`);
    }
  }
  if (s.rejected.length) {
    lines.push('', 'Rejected:');
    for (const r of s.rejected) lines.push(`  ${inert(r.path)}${r.locator ? ` (${r.locator})` : ''}: ${inert(r.message)}`);
  }
  // Values the user supplied (--date, --outlet, --lang) are noted on each article, not repeated here.
  const warned = s.warnings.filter((w) => !w.message.startsWith('no title') && !/^(publication date|outlet|language) from --/.test(w.message));
  if (warned.length) {
    lines.push('', `Warnings (${warned.length}; the articles were kept):`);
    for (const w of warned.slice(0, 20)) lines.push(`  ${inert(w.path)}${w.locator ? ` (${w.locator})` : ''}: ${inert(w.message)}`);
    if (warned.length > 20) lines.push(`  … and ${warned.length - 20} more (use --json for all)`);
  }
  io.out(`${lines.join('\n')}\n`);
}

/** Exit 0 if anything was ingested or everything read was already stored; 1 if every input failed. */
export function ingestExitCode(s: IngestSummary): number {
  return s.articles_read > 0 || (s.unchanged.length > 0 && s.rejected.length === 0) ? 0 : 1;
}

export async function runIngest(paths: string[], opts: IngestCommandOptions, ctx: CommandContext): Promise<number> {
  if (paths.length === 0) throw usageError('give at least one file, directory, glob or "-" for standard input');
  const maxBytes = positiveInt(opts.maxBytes, '--max-bytes', DEFAULT_MAX_BYTES);
  const batchSize = positiveInt(opts.batchSize, '--batch-size', 200);
  const meta = metaOverrides(opts);
  const timeoutMs = positiveInt(opts.timeout, '--timeout', 20) * 1000;
  const readTimeoutMs = positiveInt(opts.readTimeout, '--read-timeout', 30) * 1000;
  const queueAt = opts.queue ?? process.env.WIRESCOPE_QUEUE;
  // Checked before anything is read: an unreachable queue is said at once, not after the ingest.
  const jobs = queueAt ? await import('../jobs/queue.js') : null; // BullMQ loads only when asked for
  const queues = jobs && queueAt ? await jobs.openQueues(jobs.parseQueueUrl(queueAt)) : null;
  // The queue's connections are closed however the ingest ends.
  try {
    const store = openStore(ctx.global);
    let expanded;
    try {
      expanded = await expandInputs(paths, ctx.stdin, { fetch: { state: store, timeoutMs } });
    } catch (e) {
      await store.close();
      throw e;
    }
    const { sources, missing } = expanded;
    const bar = progressBar(opts.json || opts.quiet ? { ...ctx.io, interactive: false } : ctx.io, 'ingest');
    try {
      const summary = await ingest(sources, store, { maxBytes, batchSize, meta, readTimeoutMs, onProgress: bar.update });
      bar.done();
      const full: IngestSummary = {
        ...summary,
        inputs: summary.inputs + missing.length,
        rejected: [...missing.map((m) => ({ path: m.path, locator: null, code: m.code, message: m.message })), ...summary.rejected],
      };
      // Everything stored and not yet annotated, this run's articles and any earlier ones (jobs are keyed by article: never twice).
      const enqueued = jobs && queues ? await jobs.enqueuePending(store, queues) : undefined;
      if (opts.json) ctx.io.out(json({ ...full, max_bytes: maxBytes, ...(enqueued === undefined ? {} : { enqueued }) }));
      else if (!opts.quiet) {
        printSummary(ctx.io, full);
        if (queues) ctx.io.out(`enqueued ${enqueued} article${enqueued === 1 ? '' : 's'} for annotation on ${inert(queues.target.label)} (run \`wirescope worker\`)\n`);
      }
      if (!opts.json && sources.length === 0 && missing.length === 0) ctx.io.err("no article files found in the given paths\n");
      return ingestExitCode(full);
    } finally {
      bar.done();
      await store.close();
    }
  } finally {
    await queues?.close();
  }
}
