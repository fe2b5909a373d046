/**
 * A small pool of worker threads for a pure, per-item stage (annotation): items go out in
 * order, results come back in the same order, whichever thread finished first. A thread that
 * dies (out of memory, a crash in native code) fails only the item it held and is replaced.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Below this many items a stage's 'auto' threads stay on the calling thread: each worker loads its own resources first. */
export const AUTO_THREADS_FROM = 32;

export type PoolResult<O> = { readonly ok: true; readonly value: O } | { readonly ok: false; readonly error: string };

interface Task<I, O> {
  readonly item: I;
  readonly done: (r: PoolResult<O>) => void;
}

export class WorkerPool<I, O> {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Task<I, O>>();
  private readonly waiting: Task<I, O>[] = [];
  private closed = false;

  /** `workerData`: what every thread starts with (e.g. shared model tables: a SharedArrayBuffer is shared, not copied). */
  constructor(private readonly script: URL, readonly size: number, private readonly workerData?: unknown) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  private spawn(): Worker {
    const w = new Worker(this.script, { workerData: this.workerData });
    w.on('message', (r: PoolResult<O>) => this.finish(w, r));
    w.on('error', (e) => this.lost(w, e.message));
    w.on('exit', (code) => this.lost(w, `worker thread exited (${code})`));
    return w;
  }

  private finish(w: Worker, r: PoolResult<O>): void {
    const task = this.busy.get(w);
    this.busy.delete(w);
    this.idle.push(w);
    task?.done(r);
    this.next();
  }

  private lost(w: Worker, reason: string): void {
    const task = this.busy.get(w);
    this.busy.delete(w);
    const i = this.idle.indexOf(w);
    if (i >= 0) this.idle.splice(i, 1);
    task?.done({ ok: false, error: reason });
    if (!this.closed) {
      this.idle.push(this.spawn());
      this.next();
    }
  }

  private next(): void {
    while (this.idle.length && this.waiting.length) {
      const w = this.idle.pop()!;
      const task = this.waiting.shift()!;
      this.busy.set(w, task);
      w.postMessage(task.item);
    }
  }

  /** Every item through the pool; results in item order. */
  run(items: readonly I[]): Promise<PoolResult<O>[]> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return Promise.all(items.map((item) => new Promise<PoolResult<O>>((done) => {
      this.waiting.push({ item, done });
      this.next();
    })));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.idle, ...this.busy.keys()].map((w) => w.terminate()));
  }
}

/**
 * A stage's worker threads, started with the first page worth them and closed with the run:
 * `'auto'` (default) is one per core (at most 8) once a page holds AUTO_THREADS_FROM items, a
 * number that many, 1 (or `inline`: the caller brought its own resources) none.
 */
export class StagePool<I, O> {
  private pool: WorkerPool<I, O> | null = null;
  private readonly size: number;
  private readonly auto: boolean;

  /** `workerData`: computed when the threads start (see WorkerPool). */
  constructor(private readonly script: URL, threads: number | 'auto' | undefined, inline = false, private readonly workerData?: () => unknown) {
    this.auto = (threads ?? 'auto') === 'auto';
    this.size = inline ? 1 : this.auto ? Math.min(availableParallelism(), 8) : Math.max(1, Math.floor(threads as number));
  }

  /** The pool for a page of `items` items (started now if worth it), or null: run it on this thread. */
  for(items: number): WorkerPool<I, O> | null {
    if (!this.pool && this.size > 1 && (!this.auto || items >= AUTO_THREADS_FROM)) this.pool = new WorkerPool<I, O>(this.script, this.size, this.workerData?.());
    return this.pool;
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

