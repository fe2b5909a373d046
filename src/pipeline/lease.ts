import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { LeaseHolder, Store } from '../store/store.js';

export interface LeaseOptions {
  /** Told once, when another run holds the stage and this one starts waiting. */
  readonly onWait?: (holder: LeaseHolder) => void;
  /** How long a lease lasts without renewal (default 10 minutes; a crashed holder on this host frees it at once). */
  readonly ttlMs?: number;
  /** Poll interval while waiting (default 500 ms). */
  readonly pollMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Run `fn` holding the store's lease on one pipeline stage (issue #11: two `code` runs on one
 * store interleaved, failed with "database is locked" and gave other events than one run). A
 * second run waits for the first, then finds the work done. `renew` extends the lease; call it
 * between batches.
 */
export async function withLease<T>(store: Store, stage: string, opts: LeaseOptions, fn: (renew: () => Promise<void>) => Promise<T>): Promise<T> {
  const me: LeaseHolder = { holder: randomUUID(), pid: process.pid, host: hostname() };
  const ttl = opts.ttlMs ?? 10 * 60_000;
  let told = false;
  for (;;) {
    const other = await store.acquireLease(stage, me, ttl);
    if (!other) break;
    if (!told) opts.onWait?.(other);
    told = true;
    await sleep(opts.pollMs ?? 500);
  }
  const renew = async () => {
    const other = await store.acquireLease(stage, me, ttl);
    if (other) throw new Error(`lost the store's ${stage} lease to process ${other.pid} on ${other.host} (this run stalled for over ${Math.round(ttl / 1000)} s)`);
  };
  try {
    return await fn(renew);
  } finally {
    await store.releaseLease(stage, me);
  }
}
