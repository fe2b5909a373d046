/**
 * Ingest jobs: what to run, and where. The HTTP face queues them; a runner does the work. The
 * server's runner (`threadRunner`) runs each job on a worker thread with its own store
 * connection, so annotating and coding a large upload never stalls the requests being served
 * (SQLite's WAL and the stages' leases keep the two connections consistent). `inProcessRunner`
 * runs on the caller's thread (tests, and embedding without a store file).
 */
import { Worker } from 'node:worker_threads';
import { ingestAndRun, type PipelinePass } from '../app/pipeline.js';
import type { StoreTarget } from '../app/store.js';
import { urlSource } from '../ingest/fetch.js';
import type { InputSource } from '../ingest/sources.js';
import type { Store } from '../store/store.js';

export type JobInput =
  | { readonly kind: 'files'; readonly files: readonly { readonly name: string; readonly bytes: Uint8Array }[] }
  | { readonly kind: 'url'; readonly url: string }
  /** Nothing new: run the stages on whatever is stored and not yet processed. */
  | { readonly kind: 'pending' };

export type JobRunner = (input: JobInput) => Promise<PipelinePass>;

function jobSources(input: JobInput, store: Store, fetchImpl?: typeof fetch): InputSource[] {
  if (input.kind === 'files') return input.files.map((f) => ({ path: `upload:${f.name}`, size: f.bytes.length, read: async () => f.bytes }));
  if (input.kind === 'url') return [urlSource(input.url, { state: store, fetch: fetchImpl })];
  return [];
}

/** One job on this thread, against `store`: what both runners end in. */
export function runJobOn(store: Store, input: JobInput, fetchImpl?: typeof fetch): Promise<PipelinePass> {
  return ingestAndRun(store, jobSources(input, store, fetchImpl), { always: input.kind === 'pending' });
}

export function inProcessRunner(store: Store, fetchImpl?: typeof fetch): JobRunner {
  return (input) => runJobOn(store, input, fetchImpl);
}

/** Each job on a fresh worker thread that opens the store itself (see job-worker.ts). */
export function threadRunner(target: StoreTarget): JobRunner {
  return (input) =>
    new Promise<PipelinePass>((resolve, reject) => {
      const worker = new Worker(new URL('./job-worker.js', import.meta.url), { workerData: { target, input } });
      let settled = false;
      worker.once('message', (m: { ok: true; pass: PipelinePass } | { ok: false; error: string }) => {
        settled = true;
        if (m.ok) resolve(m.pass);
        else reject(new Error(m.error));
      });
      worker.once('error', (e) => {
        settled = true;
        reject(e);
      });
      worker.once('exit', (code) => {
        if (!settled) reject(new Error(`the job's worker thread exited (${code}) before it finished`));
      });
    });
}
