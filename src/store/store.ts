import type { ActorRecord } from '../actors/resolve.js';
import type { Annotations } from '../annotate/annotate.js';
import type { Article } from '../types/article.js';
import type { MergePolicy } from '../events/merge.js';
import type { EventMention, EventRecord } from '../events/types.js';
import type { FetchStateStore } from '../ingest/fetch.js';
import type { ClusteringSnapshot, StoredClusterState, StoryChange, StoryRecord, ThreadRecord } from '../types/stories.js';

/** An article to write, with its near-duplicate fingerprint. */
export interface NewArticle {
  readonly article: Article;
  readonly signature: Uint32Array;
  /** LSH band keys; empty for near-duplicates, which are not indexed themselves. */
  readonly bandKeys: readonly number[];
  /**
   * A stored original that this article turns out to predate (an earlier-published copy of the
   * same story): it and its copies are re-pointed to this article, which takes over its LSH bands.
   */
  readonly supersedes?: { readonly id: string; readonly similarity: number };
}

export interface DuplicateCandidate {
  readonly signature: Uint32Array;
  readonly published: string | null;
}

export interface ArticleFilter {
  readonly outlet?: string;
  /** Inclusive, compared on the publication date (YYYY-MM-DD). */
  readonly since?: string;
  readonly until?: string;
  readonly limit?: number;
  /** Skip this many of the ordered list first (a page's start). */
  readonly offset?: number;
  /** Include near-duplicates (default true). */
  readonly includeDuplicates?: boolean;
}

export interface SearchHit {
  readonly article: Article;
  /** Matching text with the hits wrapped in « and ». */
  readonly snippet: string;
  readonly score: number;
}

export interface InputProblemRecord {
  readonly path: string;
  readonly locator: string | null;
  readonly code: string;
  readonly message: string;
}

/** An actor across the store: the per-article record, with mentions summed and articles counted. */
export interface ActorSummary extends Omit<ActorRecord, 'title'> {
  readonly articles: number;
}

export interface ActorFilter {
  readonly country?: string;
  readonly role?: string;
  readonly limit?: number;
}

export interface EventFilter {
  /** Actor code, or its start: "RUS" matches RUS, RUSGOV, RUSMIL on either side. */
  readonly actor?: string;
  /** "RUS-IRN": source and target countries (either way round). */
  readonly dyad?: string;
  /** CAMEO code or its start ("04", "041"). */
  readonly cameo?: string;
  readonly plover?: string;
  /** Inclusive, on the event date (YYYY-MM-DD). */
  readonly since?: string;
  readonly until?: string;
  /** Only events one of whose mentions comes from this outlet. */
  readonly outlet?: string;
  readonly article?: string;
  /** Only these events (ids). */
  readonly ids?: readonly string[];
  readonly limit?: number;
  /** Skip this many of the ordered list first (a page's start). */
  readonly offset?: number;
  /**
   * Which mentions each record carries (`mention_count` always has the total): `'all'` (default),
   * the first N reported, or `'article'`: only those in `article` (a report on some articles
   * needs their mentions, not the thousands of an event every outlet reported).
   */
  readonly mentions?: 'all' | 'article' | number;
}

export interface CodeQuery {
  readonly ids?: readonly string[];
  readonly force?: boolean;
  readonly limit: number;
  readonly afterSeq?: number;
  readonly inOrder?: number;
}

export interface StoryFilter {
  /** Stories whose last article is on or after this day. */
  readonly since?: string;
  /** Actor code or its start, among the story's key actors. */
  readonly actor?: string;
  readonly limit?: number;
  /** Skip this many of the ordered list first (a page's start). */
  readonly offset?: number;
}

export interface IngestRunRecord {
  readonly id: number;
  readonly started_at: string;
  readonly finished_at: string | null;
  readonly ingested: number;
  readonly duplicates: number;
  readonly near_duplicates: number;
  readonly rejected: number;
}

/** An actor an article names, as the clusterer reads it (one per distinct code and name, by code). */
export interface ClusterActor {
  readonly code: string;
  readonly name: string;
  readonly role: string | null;
}

/** Who holds a lease on a pipeline stage. */
export interface LeaseHolder {
  /** Unique per run. */
  readonly holder: string;
  readonly pid: number;
  readonly host: string;
}

/** Articles as ingested, their near-duplicate bands, full-text search, and the ingest runs that stored them. */
export interface ArticleStore {
  /** Which of these ids are stored already. */
  existingIds(ids: readonly string[]): Promise<Set<string>>;
  /** Stored originals sharing at least one LSH band key, with their signatures. */
  nearDuplicateCandidates(bandKeys: readonly number[]): Promise<Map<string, DuplicateCandidate>>;
  /** Write a batch atomically: all of it or none of it. */
  insertArticles(batch: readonly NewArticle[]): Promise<void>;
  /** By full id or unique prefix; throws USAGE on an ambiguous prefix. */
  getArticle(idOrPrefix: string): Promise<Article | null>;
  listArticles(filter?: ArticleFilter): Promise<Article[]>;
  /** Full-text search; the query is user text, never query syntax. */
  search(query: string, limit?: number): Promise<SearchHit[]>;
  countArticles(): Promise<number>;
  startRun(startedAt: string): Promise<number>;
  recordProblems(runId: number, problems: readonly InputProblemRecord[]): Promise<void>;
  finishRun(runId: number, finishedAt: string, counts: Omit<IngestRunRecord, 'id' | 'started_at' | 'finished_at'>): Promise<void>;
}

/** Annotations and the actors each article names. */
export interface AnnotationStore {
  /** Articles with no annotations at this annotator version (or these ids, when given), oldest first. */
  articlesToAnnotate(version: number, opts: { ids?: readonly string[]; force?: boolean; limit: number; afterSeq?: number }): Promise<{ seq: number; article: Article }[]>;
  /** Store annotations atomically (replacing older ones for the same articles). */
  saveAnnotations(batch: readonly { annotations: Annotations; annotatedAt: string }[]): Promise<void>;
  getAnnotations(articleId: string): Promise<Annotations | null>;
  listActors(filter?: ActorFilter): Promise<ActorSummary[]>;
}

/** Coded event mentions and the events they merge into. */
export interface EventStore {
  /**
   * Annotated articles not coded at this coder version (or these ids), oldest first, with their
   * annotations. `inOrder` (an annotator version): only those stored before the first article not
   * yet annotated at that version (queue workers annotate in any order; merging in store order
   * keeps events the same however many workers there are).
   */
  articlesToCode(version: number, opts: CodeQuery): Promise<{ seq: number; article: Article; annotations: Annotations }[]>;
  /**
   * Replace one article's event mentions atomically: its old mentions leave their events (an event
   * left with none is deleted), each new mention joins the event `policy` picks or starts one.
   * Returns the ids of the events the article's mentions now belong to, in mention order.
   */
  saveCoding(articleId: string, version: number, codedAt: string, mentions: readonly EventMention[], policy: MergePolicy): Promise<string[]>;
  listEvents(filter?: EventFilter): Promise<EventRecord[]>;
  /** By full id or unique prefix; throws USAGE on an ambiguous prefix. */
  getEvent(idOrPrefix: string): Promise<EventRecord | null>;
  countEvents(): Promise<number>;
  /** The events each of these articles mentions. */
  eventIdsByArticle(articleIds: readonly string[]): Promise<Map<string, string[]>>;
}

/** The story clusterer's state, its stories, threads and merges. */
export interface StoryStore {
  /** The story clusterer's saved state (its rows, or a store's older single JSON value), or null before the first clustering. */
  getClusterState(): Promise<StoredClusterState | null>;
  /** The stamp the last clustering save wrote (its `meta`/`stamp` row), or null: one row read, so a process holding a clusterer knows whether it is still the saved one. */
  getClusterStamp(): Promise<string | null>;
  /**
   * Coded articles not yet placed in a story, in publication order (undated first, then ingest
   * order), with their actors and their events (each with this article's mentions only). Paged by offset: the set does not change until
   * `saveClustering`.
   */
  articlesToCluster(opts: { limit: number; offset?: number }): Promise<{ seq: number; article: Article; actors: ClusterActor[]; events: EventRecord[] }[]>;
  /**
   * Save what a clustering run changed, atomically: the clusterer state's changed rows (all of them
   * when `state.full`), the stories and threads it wrote or removed with their article placements;
   * append the merges.
   */
  saveClustering(c: ClusteringSnapshot): Promise<void>;
  listStories(filter?: StoryFilter): Promise<StoryRecord[]>;
  /** By full id or unique prefix. */
  getStory(idOrPrefix: string): Promise<StoryRecord | null>;
  listThreads(): Promise<ThreadRecord[]>;
  /** How many stories and threads are listed (without reading them). */
  countStories(): Promise<{ stories: number; threads: number }>;
  getThread(idOrPrefix: string): Promise<ThreadRecord | null>;
  listStoryChanges(): Promise<StoryChange[]>;
  /** Stories holding an article coded after `at` (ISO time): their listed events may have changed since. */
  storiesCodedSince(at: string): Promise<string[]>;
}

/** Leases on pipeline stages, the schema, the change marker, closing. */
export interface StoreAdmin {
  /**
   * Take (or renew) the lease named `name` for `ttlMs`: null when taken, else who holds it. A
   * lease whose holder's process is gone (same host) or whose time ran out is free.
   */
  acquireLease(name: string, holder: LeaseHolder, ttlMs: number): Promise<LeaseHolder | null>;
  releaseLease(name: string, holder: LeaseHolder): Promise<void>;
  schemaVersion(): Promise<number>;
  /**
   * A marker that changes whenever the store's content may have changed, through this handle or any
   * other writer: equal markers mean anything read earlier is still current (caches key on it).
   */
  revision(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The whole store contract, split by aggregate: SQLite (src/store/sqlite) and PostgreSQL
 * (src/store/postgres) implement all of it, and test/store-contract.test.ts runs on both. Methods
 * are async for the networked backend; the SQLite store answers synchronously inside.
 */
export interface Store extends ArticleStore, AnnotationStore, EventStore, StoryStore, StoreAdmin, FetchStateStore {
  readonly kind: string;
}
