import { WirescopeError, createError } from '../errors.js';
import { bandKeys, DEFAULT_THRESHOLD, LshIndex, signature, similarity } from '../dedupe/minhash.js';
import { defaultCreditRules, type CreditRules } from '../ingest/captions.js';
import { defaultOutletTable, type OutletTable } from '../ingest/outlets.js';
import { readInput } from '../ingest/read.js';
import { DEFAULT_READ_TIMEOUT_MS, TimedReader } from '../ingest/timed-reader.js';
import { safeUrl } from '../ingest/url.js';
import type { InputSource } from '../ingest/sources.js';
import type { InputProblemRecord, NewArticle, Store } from '../store/store.js';
import type { Article } from '../types/article.js';

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export interface IngestOptions {
  /** Articles per transaction. A crash loses at most the batch in flight, never consistency. */
  readonly batchSize?: number;
  readonly maxBytes?: number;
  readonly nearDuplicateThreshold?: number;
  readonly now?: () => Date;
  readonly outlets?: OutletTable;
  readonly credits?: CreditRules;
  /**
   * Metadata for inputs that lack it (`--date`, `--outlet`, `--lang`): filled in only where an
   * article has none, unless `force` (`--force-meta`) says to replace what the file states.
   */
  readonly meta?: MetaOverrides;
  /**
   * Time budget per input, in ms (default 30 s): inputs are read on a second thread that is ended
   * when one takes longer, so one pathological file never stalls a run. 0 reads on this thread.
   */
  readonly readTimeoutMs?: number;
  /** Called after each input; for progress bars. */
  readonly onProgress?: (done: number, total: number, path: string) => void;
}

export interface IngestedRef {
  readonly id: string;
  readonly path: string;
  readonly locator: string | null;
  readonly title: string | null;
  readonly outlet: string | null;
}

export interface IngestSummary {
  readonly inputs: number;
  /** Articles read from all inputs (before deduplication). */
  articles_read: number;
  /** New articles stored (near-duplicates are stored too, but listed apart). */
  readonly ingested: IngestedRef[];
  /** Exact duplicates (same id as a stored article or an earlier one in this run): skipped. */
  readonly duplicates: (IngestedRef & { readonly duplicate_of: string })[];
  /** Near-duplicates: stored, pointing at the first copy. */
  readonly near_duplicates: (IngestedRef & { readonly duplicate_of: string; readonly similarity: number })[];
  /** Inputs or items that produced no article, with the reason. */
  readonly rejected: InputProblemRecord[];
  /** Fetched inputs the server reported unchanged since the last fetch (HTTP 304): nothing to read. */
  readonly unchanged: string[];
  /** Articles kept with a note (missing date, legacy encoding, truncated page...). */
  readonly warnings: { readonly id: string; readonly path: string; readonly locator: string | null; readonly message: string }[];
}

export interface MetaOverrides {
  /** YYYY-MM-DD, or an ISO 8601 date-time. */
  readonly published?: string;
  readonly outlet?: string;
  /** ISO 639-1 code ("en"). */
  readonly language?: string;
  readonly force?: boolean;
}

/**
 * Fill (or with `force`, replace) an article's date, outlet and language from what the user gave,
 * noting each change among the article's warnings so `show` can tell where a value came from.
 */
export function applyMeta(article: Article, meta: MetaOverrides | undefined): Article {
  if (!meta) return article;
  let a = article;
  const notes: string[] = [];
  if (meta.published && (meta.force || !a.published)) {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(meta.published);
    if (a.published !== meta.published) notes.push(a.published ? `publication date ${a.published} replaced by --date ${meta.published}` : `publication date from --date ${meta.published}`);
    a = { ...a, published: meta.published, published_precision: day ? 'day' : 'second' };
  }
  if (meta.outlet && (meta.force || !a.outlet) && a.outlet !== meta.outlet) {
    notes.push(a.outlet ? `outlet "${a.outlet}" replaced by --outlet "${meta.outlet}"` : `outlet from --outlet "${meta.outlet}"`);
    a = { ...a, outlet: meta.outlet };
  }
  if (meta.language && (meta.force || !a.language || a.language === 'und') && a.language !== meta.language) {
    notes.push(a.language && a.language !== 'und' ? `language ${a.language} replaced by --lang ${meta.language}` : `language from --lang ${meta.language}`);
    a = { ...a, language: meta.language };
  }
  if (a === article) return article;
  const warnings = a.published ? a.warnings.filter((w) => w !== 'no publication date found') : a.warnings;
  return { ...a, warnings: [...warnings, ...notes] };
}

const ref = (a: Article): IngestedRef => ({ id: a.id, path: a.source_path, locator: a.source_locator, title: a.title, outlet: a.outlet });
const refOf = (a: Article | null, id: string): IngestedRef => (a ? ref(a) : { id, path: '(stored)', locator: null, title: null, outlet: null });

/** True when `a` is known to be published strictly earlier than `b` (the earlier copy is the original). */
export function publishedBefore(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  const ta = Date.parse(a.length === 10 ? `${a}T23:59:59Z` : a);
  const tb = Date.parse(b.length === 10 ? `${b}T00:00:00Z` : b);
  return Number.isFinite(ta) && Number.isFinite(tb) && ta < tb;
}

/**
 * Read every input, deduplicate, and write in batches. Each input is independent: a bad file
 * is reported with its reason and the others are kept. Re-running is idempotent (ids come from
 * the text), and an interrupted run leaves whole batches only.
 */
export async function ingest(sources: readonly InputSource[], store: Store, options: IngestOptions = {}): Promise<IngestSummary> {
  const {
    batchSize = 200,
    maxBytes = DEFAULT_MAX_BYTES,
    nearDuplicateThreshold = DEFAULT_THRESHOLD,
    now = () => new Date(),
    outlets = defaultOutletTable(),
    credits = defaultCreditRules(),
    onProgress,
  } = options;
  const summary: IngestSummary = { inputs: sources.length, articles_read: 0, ingested: [], duplicates: [], near_duplicates: [], rejected: [], unchanged: [], warnings: [] };
  const stored: InputSource[] = [];
  const runId = await store.startRun(now().toISOString());
  const timeout = options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  const reader = timeout > 0 ? new TimedReader({ outlets, credits }, timeout) : null;
  try {
    return await ingestAll();
  } finally {
    await reader?.close();
  }

  async function ingestAll(): Promise<IngestSummary> {
    let batch: NewArticle[] = [];
    const pending = new Map<string, Article>();
    const pendingIndex = new LshIndex();
    let problemsFlushed = 0;

    const flush = async () => {
      if (batch.length) await store.insertArticles(batch);
      batch = [];
      pending.clear();
      pendingIndex.clear();
      const fresh = summary.rejected.slice(problemsFlushed);
      if (fresh.length) await store.recordProblems(runId, fresh);
      problemsFlushed = summary.rejected.length;
    };

    for (let i = 0; i < sources.length; i++) {
      const source = sources[i]!;
      const reject = (locator: string | null, e: { code: string; message: string }) =>
        summary.rejected.push({ path: source.path, locator, code: e.code, message: e.message });
      let bytes: Uint8Array | null = null;
      if (source.size !== null && source.size > maxBytes) reject(null, createError('TOO_LARGE', source.size, maxBytes));
      else {
        try {
          bytes = await source.read(maxBytes);
        } catch (e) {
          if (e instanceof WirescopeError && e.code === 'NOT_MODIFIED') summary.unchanged.push(source.path);
          else reject(null, e instanceof WirescopeError ? e : createError('UNREADABLE', (e as NodeJS.ErrnoException).code ?? (e as Error).message));
        }
      }
      if (bytes) {
        if (source.afterStored) stored.push(source);
        const result = reader ? await reader.read(bytes, source.path, now()) : readInput(bytes, { path: source.path, outlets, credits }, { now });
        for (const p of result.problems) reject(p.locator, p);
        // A fetched page that does not state its own address gets the one it was fetched from.
        const fetchedUrl = source.url && result.articles.length === 1 ? safeUrl(source.url) : null;
        const articles = result.articles.map((a) => applyMeta(fetchedUrl && !a.url ? { ...a, url: fetchedUrl } : a, options.meta));
        const existing = await store.existingIds(articles.map((a) => a.id));
        for (const article of articles) {
          summary.articles_read++;
          for (const w of article.warnings) summary.warnings.push({ id: article.id, path: source.path, locator: article.source_locator, message: w });
          if (existing.has(article.id) || pending.has(article.id)) {
            summary.duplicates.push({ ...ref(article), duplicate_of: article.id });
            continue;
          }
          // Body only: a syndicated copy usually carries its own headline.
          const sig = signature(article.body);
          const keys = bandKeys(sig);
          const candidates = new Map(await store.nearDuplicateCandidates(keys));
          for (const [id, other] of pendingIndex.candidates(sig)) candidates.set(id, { signature: other, published: pending.get(id)?.published ?? null });
          let best: { id: string; sim: number; published: string | null } | null = null;
          for (const [id, other] of candidates) {
            const sim = similarity(sig, other.signature);
            if (sim >= nearDuplicateThreshold && (!best || sim > best.sim || (sim === best.sim && id < best.id))) best = { id, sim, published: other.published };
          }
          const sim = best ? Math.round(best.sim * 1000) / 1000 : 0;
          if (best && !publishedBefore(article.published, best.published)) {
            const copy: Article = { ...article, duplicate_of: best.id, duplicate_similarity: sim };
            batch.push({ article: copy, signature: sig, bandKeys: [] });
            pending.set(article.id, copy);
            summary.near_duplicates.push({ ...ref(copy), duplicate_of: best.id, similarity: sim });
          } else if (best) {
            // The new article predates the stored "original": it becomes the first copy.
            const oldId = best.id;
            const queued = batch.findIndex((b) => b.article.id === oldId);
            if (queued >= 0) {
              const old = batch[queued]!;
              batch[queued] = { ...old, article: { ...old.article, duplicate_of: article.id, duplicate_similarity: sim }, bandKeys: [] };
              pendingIndex.remove(oldId);
              batch = batch.map((b) => (b.article.duplicate_of === oldId ? { ...b, article: { ...b.article, duplicate_of: article.id } } : b));
              batch.push({ article, signature: sig, bandKeys: keys });
            } else {
              batch.push({ article, signature: sig, bandKeys: keys, supersedes: { id: oldId, similarity: sim } });
            }
            pending.set(article.id, article);
            pendingIndex.add(article.id, sig);
            const oldRef = summary.ingested.findIndex((r) => r.id === oldId);
            const old = oldRef >= 0 ? summary.ingested.splice(oldRef, 1)[0]! : refOf(await store.getArticle(oldId), oldId);
            summary.near_duplicates.push({ ...old, duplicate_of: article.id, similarity: sim });
            summary.ingested.push(ref(article));
          } else {
            batch.push({ article, signature: sig, bandKeys: keys });
            pending.set(article.id, article);
            pendingIndex.add(article.id, sig);
            summary.ingested.push(ref(article));
          }
          if (batch.length >= batchSize) await flush();
        }
      }
      onProgress?.(i + 1, sources.length, source.path);
    }
    await flush();
    // Everything read is committed: fetched URLs may now keep their validators for the next conditional request.
    for (const source of stored) await source.afterStored!();
    await store.finishRun(runId, now().toISOString(), {
      ingested: summary.ingested.length,
      duplicates: summary.duplicates.length,
      near_duplicates: summary.near_duplicates.length,
      rejected: summary.rejected.length,
    });
    return summary;
  }
}
