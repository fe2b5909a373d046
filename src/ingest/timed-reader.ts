import { Worker } from 'node:worker_threads';
import type { CreditRules } from './captions.js';
import type { OutletTable } from './outlets.js';
import type { InputResult } from './read.js';
import type { ReadRequest } from './reader-worker.js';

export const DEFAULT_READ_TIMEOUT_MS = 30_000;

/**
 * Reads inputs on a second thread with a time budget per input (issue #11: one file must never
 * stall a run). Readers are synchronous (Readability, linkedom, the XML parser), so the only way
 * to stop one is to end its thread: an input over budget is rejected with that reason, the thread
 * is ended and a fresh one serves the next input.
 */
export class TimedReader {
  private worker: { thread: Worker; ready: Promise<void> } | null = null;
  private seq = 0;

  constructor(
    private readonly tables: { outlets: OutletTable; credits: CreditRules },
    private readonly timeoutMs = DEFAULT_READ_TIMEOUT_MS,
  ) {}

  private spawn(): { thread: Worker; ready: Promise<void> } {
    const thread = new Worker(new URL('./reader-worker.js', import.meta.url), { workerData: this.tables });
    // The budget is for reading, not for loading the readers: time starts once the thread says it is ready.
    const ready = new Promise<void>((resolve) => {
      const onReady = (m: { ready?: boolean }) => {
        if (!m.ready) return;
        thread.off('message', onReady);
        resolve();
      };
      thread.on('message', onReady);
      thread.once('error', () => resolve());
      thread.once('exit', () => resolve());
    });
    return { thread, ready };
  }

  async read(bytes: Uint8Array, path: string, now: Date): Promise<InputResult> {
    const spawned = (this.worker ??= this.spawn());
    await spawned.ready;
    const w = spawned.thread;
    const id = ++this.seq;
    const failed = (message: string): InputResult => ({ path, format: null, encoding: null, articles: [], problems: [{ locator: null, code: 'UNREADABLE', message }], warnings: [] });
    return new Promise((resolve) => {
      const done = (r: InputResult, endThread: boolean) => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        if (endThread) {
          this.worker = null;
          void w.terminate();
        }
        resolve(r);
      };
      const onMessage = (m: { id: number; result?: InputResult; error?: string }) => {
        if (m.id !== id) return;
        done(m.result ?? failed(`cannot read: ${m.error ?? 'reader failed'}`), false);
      };
      const onError = (e: Error) => done(failed(`cannot read: ${e.message}`), true);
      const onExit = () => done(failed('cannot read: the reader stopped'), true);
      const timer = setTimeout(() => done(failed(`cannot read: reading took over ${this.timeoutMs >= 1000 ? Math.round(this.timeoutMs / 1000) : this.timeoutMs / 1000} s (a pathological input?); skipped`), true), this.timeoutMs);
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      const req: ReadRequest = { id, bytes, path, now: now.toISOString() };
      w.postMessage(req);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    await w?.thread.terminate();
  }
}
