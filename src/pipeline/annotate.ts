import { ANNOTATOR_VERSION, annotateArticle, defaultResources, type AnnotateResources, type Annotations } from '../annotate/annotate.js';
import type { Store } from '../store/store.js';
import type { Article } from '../types/article.js';
import { sharedParserTables } from '../nlp/parser/index.js';
import type { SharedModelTables } from '../nlp/parser/model.js';
import { StagePool } from './pool.js';
import { withLease, type LeaseOptions } from './lease.js';

/** What each annotate thread starts with: the parser's weight tables in shared memory (one copy for all threads). */
export interface AnnotateWorkerData {
  readonly parser: SharedModelTables;
}

export const annotateWorkerData = (): AnnotateWorkerData => ({ parser: sharedParserTables() });

export interface AnnotateOptions {
  /** Only these article ids (default: every article not yet annotated at this version). */
  readonly ids?: readonly string[];
  /** Annotate again even when up to date. */
  readonly force?: boolean;
  readonly batchSize?: number;
  readonly now?: () => Date;
  readonly resources?: AnnotateResources;
  readonly onProgress?: (done: number, label: string) => void;
  /** Told when another `annotate` run holds the store and this one waits for it. */
  readonly onWait?: LeaseOptions['onWait'];
  /**
   * Worker threads to annotate on. Default `'auto'`: one per core (at most 8) once there are at
   * least AUTO_THREADS_FROM articles to annotate, else this thread (each worker loads the parser
   * and lexicons, about a second). The results are the same in any number: each article is
   * annotated alone and the batches are saved in order. With custom `resources`, annotation
   * stays on this thread (resources cannot be sent to a worker).
   */
  readonly threads?: number | 'auto';
}


export interface AnnotateSummary {
  readonly annotated: number;
  readonly skipped: { readonly id: string; readonly reason: string }[];
  readonly failed: { readonly id: string; readonly reason: string }[];
  readonly entities: number;
  readonly claims: number;
  readonly tokens: number;
}

/**
 * Annotate stored articles incrementally, in batches each saved in one transaction. An article
 * that makes the annotator throw is reported and skipped; the rest go on.
 */
export async function annotateStore(store: Store, opts: AnnotateOptions = {}): Promise<AnnotateSummary> {
  // One run at a time per store: a second waits for the first, then finds the work done.
  return withLease(store, 'annotate', { onWait: opts.onWait }, (renew) => annotateUnderLease(store, opts, renew));
}

async function annotateUnderLease(store: Store, opts: AnnotateOptions, renew: () => Promise<void>): Promise<AnnotateSummary> {
  const { batchSize = 100, now = () => new Date(), force = false } = opts;
  // Started with the first page that is worth it, closed however the run ends.
  const threads = new StagePool<Article, Annotations>(new URL('./annotate-worker.js', import.meta.url), opts.threads, !!opts.resources, annotateWorkerData);
  let resources: AnnotateResources | null = opts.resources ?? null;
  const summary = { annotated: 0, skipped: [] as { id: string; reason: string }[], failed: [] as { id: string; reason: string }[], entities: 0, claims: 0, tokens: 0 };
  let afterSeq = 0;
  let done = 0;
  try {
    for (;;) {
      const page = await store.articlesToAnnotate(ANNOTATOR_VERSION, { ids: opts.ids, force, limit: batchSize, afterSeq });
      if (page.length === 0) break;
      await renew();
      const batch: { annotations: Annotations; annotatedAt: string }[] = [];
      const pool = threads.for(page.length);
      const results = pool ? await pool.run(page.map((p) => p.article)) : null;
      if (!pool) resources ??= defaultResources();
      for (const [i, { seq, article }] of page.entries()) {
        afterSeq = seq;
        try {
          const r = results?.[i];
          if (r && !r.ok) throw new Error(r.error);
          const annotations = r ? r.value : annotateArticle(article, resources!);
          batch.push({ annotations, annotatedAt: now().toISOString() });
          if (annotations.skipped) summary.skipped.push({ id: article.id, reason: annotations.skipped });
          else {
            summary.annotated++;
            summary.entities += annotations.entities.length;
            summary.claims += annotations.claims.length;
            summary.tokens += annotations.token_count;
          }
        } catch (e) {
          summary.failed.push({ id: article.id, reason: (e as Error).message });
        }
        opts.onProgress?.(++done, article.title ?? article.id);
      }
      await store.saveAnnotations(batch);
    }
  } finally {
    await threads.close();
  }
  return summary;
}
