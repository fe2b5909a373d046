import { ANNOTATOR_VERSION, outdatedForCoding, type Annotations } from '../annotate/annotate.js';
import { CODER_VERSION, codeArticle, type CodeResources } from '../events/coder.js';
import { mergePolicy } from '../events/merge.js';
import { defaultOntology } from '../events/ontology.js';
import { defaultLexicon } from '../nlp/lexicon.js';
import type { CodedMention, EventMention } from '../events/types.js';
import type { Store } from '../store/store.js';
import type { Article } from '../types/article.js';
import { withLease, type LeaseOptions } from './lease.js';
import { StagePool, type PoolResult } from './pool.js';

export interface CodeOptions {
  /** Only these article ids (default: every annotated article not yet coded at this version). */
  readonly ids?: readonly string[];
  /** Code again even when up to date. */
  readonly force?: boolean;
  /**
   * Worker threads for the coder's pure half. Default `'auto'`: one per core (at most 8) once a page
   * holds AUTO_THREADS_FROM articles or more, else this thread. The events are the same in any number.
   */
  readonly threads?: number | 'auto';
  /** Only articles stored before the first one still awaiting annotation (queue workers: see Store.articlesToCode). */
  readonly inOrder?: boolean;
  readonly batchSize?: number;
  readonly now?: () => Date;
  readonly resources?: CodeResources;
  readonly onProgress?: (done: number, label: string) => void;
  /** Told when another `code` run holds the store and this one waits for it. */
  readonly onWait?: LeaseOptions['onWait'];
}

export interface CodeSummary {
  readonly coded: number;
  readonly mentions: number;
  /** Events in the store after the run. */
  readonly events: number;
  /** Mentions that joined an event another article (or sentence) had already reported. */
  readonly merged: number;
  readonly failed: { readonly id: string; readonly reason: string }[];
  /** Articles not coded because their annotations are out of date (they predate the stored tokens): run `annotate` first. */
  readonly outdated: { readonly id: string; readonly reason: string }[];
}

/** A coded mention with what the interfaces show next to it (outlet, URL, the sentence's text). */
export function withArticle(m: CodedMention, a: Article): EventMention {
  return { ...m, outlet: a.outlet, url: a.url, published: a.published, text: a.body.slice(m.sentence_start, m.sentence_end) };
}

/**
 * Code annotated articles incrementally, oldest first: each article's mentions replace its old ones
 * and join existing events (or start new ones) in one transaction, so a crash leaves every article
 * either coded or not. An article that makes the coder throw is reported and skipped; so is one whose
 * annotations predate the stored token table (`outdated`: `annotate` redoes them, then `code` picks them up).
 */
export async function codeStore(store: Store, opts: CodeOptions = {}): Promise<CodeSummary> {
  // Coding merges each article's mentions into the events stored before it: two runs at once would interleave.
  return withLease(store, 'code', { onWait: opts.onWait }, (renew) => codeUnderLease(store, opts, renew));
}

/** `codeStore` for a caller that holds the store's `code` lease itself (`renew` renews it). */
export async function codeUnderLease(store: Store, opts: CodeOptions, renew: () => Promise<void>): Promise<CodeSummary> {
  const { batchSize = 100, now = () => new Date(), force = false } = opts;
  const resources = opts.resources ?? { ontology: defaultOntology(), lexicon: defaultLexicon() };
  const policy = mergePolicy(resources.ontology);
  const threads = new StagePool<{ article: Article; annotations: Annotations }, EventMention[]>(new URL('./code-worker.js', import.meta.url), opts.threads, !!opts.resources);
  let coded = 0;
  let mentions = 0;
  let merged = 0;
  const failed: { id: string; reason: string }[] = [];
  const outdated: { id: string; reason: string }[] = [];
  const seen = new Set<string>();
  let done = 0;
  type Page = Awaited<ReturnType<Store['articlesToCode']>>;
  // The coder's pure half (mentions from annotations) runs on the threads, a page ahead; the
  // merge into the stored events stays here, one article at a time in store order, so the events
  // are the same with any number of threads.
  const fetchPage = (afterSeq: number) => store.articlesToCode(CODER_VERSION, { ids: opts.ids, force, limit: batchSize, afterSeq, inOrder: opts.inOrder ? ANNOTATOR_VERSION : undefined });
  const codePage = (page: Page): Promise<PoolResult<EventMention[]>[]> | null => {
    const pool = threads.for(page.length);
    return pool ? pool.run(page.filter((p) => !outdatedForCoding(p.annotations)).map(({ article, annotations }) => ({ article, annotations }))) : null;
  };
  let next: Promise<{ page: Page; results: ReturnType<typeof codePage> }> | null = null;
  try {
    let page = await fetchPage(0);
    let results = codePage(page);
    while (page.length) {
      await renew();
      next = fetchPage(page.at(-1)!.seq).then((p) => ({ page: p, results: p.length ? codePage(p) : null }));
      next.catch(() => undefined); // awaited below; a run that fails first must not leave it unhandled
      const coded_ = results ? await results : null;
      let k = 0;
      for (const { article, annotations } of page) {
        const stale = outdatedForCoding(annotations);
        if (stale) {
          outdated.push({ id: article.id, reason: stale });
          opts.onProgress?.(++done, article.title ?? article.id);
          continue;
        }
        try {
          const r = coded_?.[k++];
          if (r && !r.ok) throw new Error(r.error);
          const ms = r ? r.value : codeArticle(article, annotations, resources).map((m) => withArticle(m, article));
          const ids = await store.saveCoding(article.id, CODER_VERSION, now().toISOString(), ms, policy);
          for (const id of ids) {
            if (seen.has(id)) merged++;
            seen.add(id);
          }
          coded++;
          mentions += ms.length;
        } catch (e) {
          failed.push({ id: article.id, reason: (e as Error).message });
        }
        opts.onProgress?.(++done, article.title ?? article.id);
      }
      ({ page, results } = await next);
    }
  } finally {
    // The page fetched ahead may start the pool as this run fails: let it, then close it.
    await next?.catch(() => undefined);
    await threads.close();
  }
  return { coded, mentions, events: await store.countEvents(), merged, failed, outdated };
}
