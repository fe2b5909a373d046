import type { InputSource } from '../ingest/sources.js';
import { annotateStore } from '../pipeline/annotate.js';
import { clusterStore, type ResidentClusterer } from '../pipeline/cluster.js';
import { codeStore } from '../pipeline/code.js';
import { DEFAULT_MAX_BYTES, ingest, type IngestOptions } from '../pipeline/ingest.js';
import type { LeaseOptions } from '../pipeline/lease.js';
import type { Store } from '../store/store.js';

/** What one pass of the whole pipeline over some inputs did (`watch --json` cycles, the API's ingest jobs). */
export interface PipelinePass {
  readonly inputs: number;
  readonly new_articles: number;
  readonly new_ids: string[];
  readonly unchanged: number;
  readonly rejected: { path: string; locator: string | null; message: string }[];
  readonly annotated: number;
  readonly coded: number;
  readonly mentions: number;
  readonly events: number;
  readonly stories: number;
}

export interface PassOptions extends Pick<IngestOptions, 'meta' | 'readTimeoutMs'> {
  readonly maxBytes?: number;
  /** Run annotate, code and cluster even when these inputs brought nothing new (for articles stored earlier and not yet processed). */
  readonly always?: boolean;
  /** Told when a stage waits for another run's lease. */
  readonly onWait?: (stage: string) => LeaseOptions['onWait'];
  /** The story clusterer a long-running caller keeps between passes (`watch`). */
  readonly resident?: ResidentClusterer;
}

/**
 * Ingest these inputs, then annotate, code and cluster what is new (nothing runs past ingest when
 * nothing is new). Each stage is idempotent and takes its lease, so a pass may run beside others.
 */
export async function ingestAndRun(store: Store, sources: readonly InputSource[], opts: PassOptions = {}): Promise<PipelinePass> {
  const summary = await ingest(sources, store, { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES, meta: opts.meta, readTimeoutMs: opts.readTimeoutMs });
  const newIds = [...summary.ingested, ...summary.near_duplicates].map((a) => a.id);
  const wait = (stage: string) => (opts.onWait ? { onWait: opts.onWait(stage) } : {});
  const run = newIds.length > 0 || opts.always === true;
  const ann = run ? await annotateStore(store, wait('annotate')) : null;
  const coded = run ? await codeStore(store, wait('code')) : null;
  const clustered = run ? await clusterStore(store, { ...wait('cluster'), resident: opts.resident }) : null;
  return {
    inputs: sources.length,
    new_articles: newIds.length,
    new_ids: newIds,
    unchanged: summary.unchanged.length,
    rejected: summary.rejected.map((r) => ({ path: r.path, locator: r.locator, message: r.message })),
    annotated: ann?.annotated ?? 0,
    coded: coded?.coded ?? 0,
    mentions: coded?.mentions ?? 0,
    events: coded?.events ?? (await store.countEvents()),
    stories: clustered?.stories ?? 0,
  };
}
