import { addPacked, dotPacked, EMPTY, packPairs, prunePacked, subtractPacked, type Packed } from './centroid.js';
import { dayNumber, idf, termCounts, tfidfVector } from './text.js';

/**
 * Online, incremental story clustering (issue #5). Each article joins the best existing story
 * or starts a new one; stories are grouped into threads (one continuing subject). Candidates
 * come from an inverted index (term -> stories that used it most recently), never from a pass
 * over every story: an `add` reads at most queryTerms x postingDepth index entries and scores at
 * most maxCandidates stories (plus those holding its event ids), however many articles are in.
 * The state is plain data (`toState()` / `StoryClusterer.fromState()`), and the same articles
 * in the same order always give the same stories, threads and ids.
 *
 * Evidence, for an article against a candidate story:
 * - text: cosine of the article's tf-idf vector with the story centroid (summed term
 *   frequencies, weighted by the idf of now, so early articles are not stuck with the idf of a
 *   nearly empty corpus);
 * - actors: set cosine of actor codes (and their 3-letter country/IGO prefixes) with the actors
 *   most of the story's articles name;
 * - events: the same event id is strong evidence; the same kind of event (CAMEO base code)
 *   between the same actors on the same day is good evidence; the same kind between the same
 *   actors on a different day is a different development (two phone calls), which pushes the
 *   article out of the story but keeps it in the thread;
 * - time: exp(-gap / scale), the gap measured from the story's date span, and nothing beyond
 *   a window.
 * A story merge happens when one article scores at least `merge` with two stories; a thread merge
 * when an article of one thread scores at least `threadMerge` with a story of another. Both are
 * recorded. Stories never split (drift is only visible as falling join scores).
 */

export interface EventRef {
  /** The event id from the event stage; the same id in two articles is the same event. */
  readonly id: string;
  /** ISO day of the event, when known. */
  readonly date: string | null;
  /** CAMEO code ("042", "0841"); the first three characters are compared. */
  readonly cameo: string;
  readonly source?: string | null;
  readonly target?: string | null;
}

export interface StoryDoc {
  readonly id: string;
  readonly title: string | null;
  readonly body: string;
  /** ISO date or timestamp; null when unknown (time then neither helps nor hurts). */
  readonly published: string | null;
  readonly outlet: string | null;
  /** Actor codes ("RUSGOV", "IRN"). */
  readonly actors: readonly string[];
  readonly events: readonly EventRef[];
  /** Named entities (canonical names or entity ids), used as extra terms. */
  readonly entities?: readonly string[];
}

export interface ClusterOptions {
  /** Terms kept in an article's vector. */
  readonly vectorTerms: number;
  /** An article's strongest terms posted to the inverted index under its story. */
  readonly indexTerms: number;
  /** An article's strongest terms looked up to find candidate stories. */
  readonly queryTerms: number;
  /** Distinct stories read per looked-up term, most recent first. */
  readonly postingDepth: number;
  /** Of the stories found, those sharing the most looked-up term weight are scored (plus any holding one of the article's event ids). */
  readonly maxCandidates: number;
  /** Terms kept in a story centroid. */
  readonly centroidTerms: number;
  /** Counts of title words are multiplied by this. */
  readonly titleWeight: number;
  /** Each entity adds a term with this count. */
  readonly entityWeight: number;
  readonly actorWeight: number;
  readonly eventWeight: number;
  /** Score multiplier when the article has the same kind of event between the same actors as the story, on another day. */
  readonly conflictFactor: number;
  /** Minimum score to join a story. */
  readonly join: number;
  /** Minimum score with two stories to merge them. */
  readonly merge: number;
  /** Minimum thread score to put a new story in an existing thread. */
  readonly thread: number;
  /** Minimum thread score with a story of another thread to merge the two threads. */
  readonly threadMerge: number;
  readonly timeScaleDays: number;
  readonly windowDays: number;
  readonly threadTimeScaleDays: number;
  readonly threadWindowDays: number;
}

/** Defaults tuned on ECB+ topics 1-20 (text only) and the hand-made cases in test/stories.test.ts. */
export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  vectorTerms: 40,
  indexTerms: 20,
  queryTerms: 12,
  postingDepth: 48,
  maxCandidates: 48,
  centroidTerms: 100,
  titleWeight: 2,
  entityWeight: 2,
  /** Tuned on ECB+ topics 1-20 through the whole pipeline (0.25 untuned let shared countries pull unrelated stories together). */
  actorWeight: 0.05,
  eventWeight: 0.5,
  conflictFactor: 0.25,
  join: 0.14,
  merge: 0.35,
  thread: 0.08,
  threadMerge: 0.25,
  timeScaleDays: 4,
  windowDays: 14,
  threadTimeScaleDays: 30,
  threadWindowDays: 120,
};

export interface MergeRecord {
  readonly from: string;
  readonly into: string;
  /** The article whose arrival showed the two to be one. */
  readonly at: string;
  readonly score: number;
}

export interface Assignment {
  readonly article_id: string;
  readonly story_id: string;
  readonly thread_id: string;
  /** `duplicate`: the article id was added before; nothing changed. */
  readonly action: 'joined' | 'new' | 'duplicate';
  /** The best story score (0 when there was no candidate). */
  readonly score: number;
  /** The thread score that placed a new story in an existing thread (0 otherwise). */
  readonly thread_score: number;
  readonly merges: readonly MergeRecord[];
  readonly thread_merges: readonly MergeRecord[];
  /** A story this article showed to hold two developments, split in two. */
  readonly splits: readonly SplitRecord[];
  /** Stories scored for this article, and inverted-index entries read to find them. */
  readonly cost: { readonly candidates: number; readonly scanned: number };
}

export interface StoryArticle {
  readonly id: string;
  readonly title: string | null;
  readonly published: string | null;
  readonly outlet: string | null;
}

export interface EventTally {
  readonly cameo: string;
  readonly source: string | null;
  readonly target: string | null;
  count: number;
  /** ISO day (or "" for undated) -> articles reporting it that day. */
  readonly days: Record<string, number>;
}

interface Story {
  readonly id: string;
  thread_id: string;
  readonly created: number;
  merged_into: string | null;
  articles: StoryArticle[];
  first: number | null;
  last: number | null;
  /** Summed sublinear term frequencies of the story's articles; idf is applied when scoring, with the current counts. */
  centroid: Packed;
  /**
   * For the centroid's tf-idf length with idf = ln(n + 1) - ln df: sums over its terms of c^2,
   * c^2 ln df and c^2 (ln df)^2, taken at article count `norm.n` (0: to be taken). The length is
   * then exact for the current n; only the document frequencies are as of `norm.n`, and they are
   * retaken when the story changes or the count has doubled.
   */
  norm: NormSums;
  actors: Map<string, number>;
  event_ids: Set<string>;
  events: Map<string, EventTally>;
  /** The latest articles (at most RECENT) with what a split needs to move them: their terms, actors and dated lead events. */
  recent: Recent[];
}

/** What a story remembers of one of its latest articles, so that it can be split off again. */
interface Recent {
  readonly id: string;
  readonly day: number | null;
  readonly vec: Packed;
  readonly actors: readonly string[];
  /** Its events as "kind@day" occurrences, with their ids. */
  readonly events: readonly { readonly key: string; readonly day: string; readonly id: string; readonly cameo: string; readonly source: string | null; readonly target: string | null }[];
}

/** A story split in two: the articles that reported another occurrence left for a new story in the same thread. */
export interface SplitRecord {
  readonly from: string;
  readonly into: string;
  /** The article whose arrival showed the story to hold two developments. */
  readonly at: string;
  readonly articles: readonly string[];
  /** The kind of event ("041|a~b") whose occurrences on different days told them apart. */
  readonly reason: string;
}

export interface NormSums {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly n: number;
}

const NO_NORM: NormSums = { a: 0, b: 0, c: 0, n: 0 };

interface Thread {
  readonly id: string;
  readonly created: number;
  merged_into: string | null;
  stories: string[];
}

/** A story as plain data (the shape `toState()` writes). */
export interface StoryState {
  readonly id: string;
  readonly thread_id: string;
  readonly created: number;
  readonly merged_into: string | null;
  readonly articles: StoryArticle[];
  readonly first: number | null;
  readonly last: number | null;
  readonly centroid: [string, number][];
  readonly norm: NormSums;
  readonly actors: [string, number][];
  readonly event_ids: string[];
  readonly events: [string, EventTally][];
  /** Absent in states written before splits existed. */
  readonly recent?: { id: string; day: number | null; terms: [string, number][]; actors: string[]; events: Recent['events'] }[];
}

export interface ThreadState {
  readonly id: string;
  readonly created: number;
  readonly merged_into: string | null;
  readonly stories: string[];
}

export interface ClusterState {
  readonly version: 1;
  readonly options: ClusterOptions;
  readonly articles: number;
  readonly df: [string, number][];
  readonly stories: StoryState[];
  readonly threads: ThreadState[];
  readonly postings: [string, string[]][];
  readonly event_index: [string, string][];
  /** Absent in states written before it existed. */
  readonly kind_index?: [string, string[]][];
  readonly merges: MergeRecord[];
  readonly thread_merges: MergeRecord[];
  readonly splits?: SplitRecord[];
  readonly totals: { candidates: number; scanned: number };
}

/**
 * The part of a clusterer's state that changed since it was last saved (`changes()`): whole
 * entries (a term with its count, position and postings; a story; a thread; an index entry) and
 * the log records added, each with its position in its log. `full`: the whole state.
 */
export interface ClusterDelta {
  readonly full: boolean;
  readonly meta: { readonly version: 1; readonly options: ClusterOptions; readonly articles: number; readonly totals: { candidates: number; scanned: number } };
  /** `ord`: the term's position (its id), so a rebuilt clusterer numbers terms as this one does. */
  readonly terms: { readonly term: string; readonly ord: number; readonly df: number; readonly postings: string[] | null }[];
  readonly stories: StoryState[];
  readonly threads: ThreadState[];
  readonly event_index: [string, string][];
  readonly kind_index: [string, string[]][];
  readonly merges: [number, MergeRecord][];
  readonly thread_merges: [number, MergeRecord][];
  readonly splits: [number, SplitRecord][];
}

export interface ClusterStats {
  readonly articles: number;
  readonly stories: number;
  readonly threads: number;
  readonly terms: number;
  readonly candidates: number;
  readonly scanned: number;
}

/** An article's vector over interned term ids (strongest first, unit length) with each term's sublinear tf. */
interface Vec {
  readonly ids: readonly number[];
  readonly weights: readonly number[];
  readonly tf: readonly number[];
  /** The same terms in id order, with weight x idf (what the centroid's tf is multiplied by). */
  readonly query: Packed;
}

interface Scored {
  readonly story: Story;
  readonly score: number;
  readonly thread: number;
}

/** Stories remembered per kind of event (for candidates); older ones are still found by text. */
/** Articles per story remembered for splitting. */
const RECENT = 32;
const KIND_DEPTH = 8;

const eventKey = (e: { cameo: string; source?: string | null; target?: string | null }) =>
  `${e.cameo.slice(0, 3)}|${[e.source ?? '', e.target ?? ''].sort().join('~')}`;

/** An actor code and the country or IGO it belongs to ("RUSGOV" -> "RUSGOV", "RUS"). */
function actorFeatures(codes: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const c of codes) {
    if (!c) continue;
    out.add(c);
    if (c.length > 3) out.add(c.slice(0, 3));
  }
  return out;
}

export class StoryClusterer {
  readonly options: ClusterOptions;
  private n = 0;
  /** Terms are interned: term -> id, id -> term, id -> document frequency. */
  private readonly termIds = new Map<string, number>();
  private readonly termText: string[] = [];
  private readonly df: number[] = [];
  private readonly stories = new Map<string, Story>();
  private readonly threadMap = new Map<string, Thread>();
  /** Term id -> the stories that posted it, most recent last (with repeats until compacted). */
  private readonly postings = new Map<number, Story[]>();
  private readonly eventIndex = new Map<string, string>();
  /** Kind of event between the same actors ("041|putin~pezeshkian") -> the stories holding one, most recent last (at most KIND_DEPTH). */
  private readonly kindIndex = new Map<string, string[]>();
  private readonly docStory = new Map<string, string>();
  private readonly mergeLog: MergeRecord[] = [];
  private readonly threadMergeLog: MergeRecord[] = [];
  private readonly splitLog: SplitRecord[] = [];
  private totals = { candidates: 0, scanned: 0 };
  private seq = 0;
  /**
   * What changed since the state was last saved (`changes()`, `markSaved()`): term ids, story and
   * thread ids, event ids and kinds of event, and how much of each log was saved. `all`: everything
   * is unsaved (a new clusterer, or one rebuilt from a whole state).
   */
  private readonly dirty = { all: true, terms: new Set<number>(), stories: new Set<string>(), threads: new Set<string>(), events: new Set<string>(), kinds: new Set<string>(), logs: { merges: 0, threadMerges: 0, splits: 0 } };

  constructor(options: Partial<ClusterOptions> = {}) {
    this.options = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  }

  /** Places one article. Adding the same article id again changes nothing. */
  add(doc: StoryDoc): Assignment {
    const known = this.docStory.get(doc.id);
    if (known) {
      const s = this.live(known);
      return { article_id: doc.id, story_id: s.id, thread_id: this.liveThread(s.thread_id).id, action: 'duplicate', score: 0, thread_score: 0, merges: [], thread_merges: [], splits: [], cost: { candidates: 0, scanned: 0 } };
    }
    const o = this.options;
    const vec = this.vectorise(doc);
    const day = dayNumber(doc.published);
    const actors = actorFeatures(doc.actors);
    const main = mainEvents(doc.events);
    const { ids: candidateIds, scanned } = this.candidates(vec, main);
    const scored: Scored[] = [];
    for (const candidate of candidateIds) {
      const s = this.scoreStory(candidate, vec, day, actors, main);
      if (s) scored.push(s);
    }
    scored.sort((a, b) => b.score - a.score || a.story.created - b.story.created);
    const cost = { candidates: scored.length, scanned };
    this.totals.candidates += cost.candidates;
    this.totals.scanned += cost.scanned;

    const merges: MergeRecord[] = [];
    const threadMerges: MergeRecord[] = [];
    const best = scored[0];
    let story: Story;
    let action: 'joined' | 'new';
    let threadScore = 0;
    if (best && best.score >= o.join) {
      action = 'joined';
      story = best.story;
      if (best.score >= o.merge) {
        // Every other story this article matches as strongly is the same development.
        const same = scored.slice(1).filter((x) => x.score >= o.merge && !this.conflicting(best.story, x.story));
        for (const x of same) {
          const into = story.created <= x.story.created ? story : x.story;
          const from = into === story ? x.story : story;
          const rec = { from: from.id, into: into.id, at: doc.id, score: round(x.score) };
          threadMerges.push(...this.mergeStories(from, into, rec));
          merges.push(rec);
          story = into;
        }
      }
    } else {
      action = 'new';
      const home = scored.filter((x) => x.thread >= o.thread).sort((a, b) => b.thread - a.thread || a.story.created - b.story.created)[0];
      threadScore = home ? home.thread : 0;
      story = this.newStory(doc.id, home ? this.liveThread(home.story.thread_id).id : null);
    }
    for (const x of scored) {
      if (x.story.merged_into || x.story === story || x.thread < o.threadMerge) continue;
      const other = this.liveThread(x.story.thread_id);
      const mine = this.liveThread(story.thread_id);
      if (other.id === mine.id) continue;
      threadMerges.push(this.mergeThreads(other, mine, doc.id, x.thread));
    }
    this.absorb(story, doc, vec, day, doc.events);
    const splits = action === 'joined' ? this.maybeSplit(story, doc.id) : [];
    if (splits.some((x) => x.articles.includes(doc.id))) story = this.stories.get(splits.find((x) => x.articles.includes(doc.id))!.into)!;
    return {
      article_id: doc.id,
      story_id: story.id,
      thread_id: this.liveThread(story.thread_id).id,
      action,
      score: round(best?.score ?? 0),
      thread_score: round(threadScore),
      merges,
      thread_merges: threadMerges,
      splits,
      cost,
    };
  }

  /** The story an article is in now (after any merges), or null if it was never added. */
  storyOf(articleId: string): string | null {
    const s = this.docStory.get(articleId);
    return s ? this.live(s).id : null;
  }

  threadOf(storyId: string): string | null {
    const s = this.stories.get(storyId);
    return s ? this.liveThread(this.live(s.id).thread_id).id : null;
  }

  /** Live stories (not merged away), oldest first, as plain data. */
  listStories(): StoryState[] {
    return [...this.stories.values()].filter((s) => !s.merged_into).map((s) => this.storyState(s));
  }

  /** A story by id; one merged away comes back empty with `merged_into` set (follow it, or use `storyOf`). */
  getStory(id: string): StoryState | null {
    const s = this.stories.get(id);
    return s ? this.storyState(s) : null;
  }

  listThreads(): ThreadState[] {
    return [...this.threadMap.values()].filter((t) => !t.merged_into).map((t) => ({ ...t, stories: [...t.stories] }));
  }

  merges(): { stories: readonly MergeRecord[]; threads: readonly MergeRecord[] } {
    return { stories: [...this.mergeLog], threads: [...this.threadMergeLog] };
  }

  splits(): readonly SplitRecord[] {
    return [...this.splitLog];
  }

  stats(): ClusterStats {
    let stories = 0;
    for (const s of this.stories.values()) if (!s.merged_into) stories++;
    let threads = 0;
    for (const t of this.threadMap.values()) if (!t.merged_into) threads++;
    return { articles: this.docStory.size, stories, threads, terms: this.termText.length, ...this.totals };
  }

  toState(): ClusterState {
    return {
      version: 1,
      options: { ...this.options },
      articles: this.n,
      df: this.termText.map((t, i): [string, number] => [t, this.df[i]!]),
      stories: [...this.stories.values()].map((s) => this.storyState(s)),
      threads: [...this.threadMap.values()].map((t) => ({ ...t, stories: [...t.stories] })),
      postings: [...this.postings].map(([t, list]): [string, string[]] => [this.termText[t]!, list.map((x) => x.id)]),
      event_index: [...this.eventIndex],
      kind_index: [...this.kindIndex].map(([k, ids]): [string, string[]] => [k, [...ids]]),
      merges: [...this.mergeLog],
      thread_merges: [...this.threadMergeLog],
      splits: [...this.splitLog],
      totals: { ...this.totals },
    };
  }

  /**
   * What changed since `markSaved()`: the terms whose counts or postings moved, the stories and
   * threads touched, new index entries and log records; everything (`full`) for a new clusterer
   * or one rebuilt from a whole state. Saving these over the last saved ones gives `toState()`.
   */
  changes(): ClusterDelta {
    const d = this.dirty;
    const full = d.all;
    const terms = full ? this.termText.map((_, i) => i) : [...d.terms].sort((a, b) => a - b);
    const stories = full ? [...this.stories.keys()] : [...d.stories];
    const threads = full ? [...this.threadMap.keys()] : [...d.threads];
    const events = full ? [...this.eventIndex.keys()] : [...d.events];
    const kinds = full ? [...this.kindIndex.keys()] : [...d.kinds];
    const since = full ? { merges: 0, threadMerges: 0, splits: 0 } : d.logs;
    const log = <T>(list: readonly T[], from: number): [number, T][] => list.slice(from).map((r, i): [number, T] => [from + i, r]);
    return {
      full,
      meta: { version: 1, options: { ...this.options }, articles: this.n, totals: { ...this.totals } },
      terms: terms.map((t) => ({ term: this.termText[t]!, ord: t, df: this.df[t]!, postings: this.postings.get(t)?.map((x) => x.id) ?? null })),
      stories: stories.map((id) => this.storyState(this.stories.get(id)!)).sort((a, b) => a.created - b.created),
      threads: threads.map((id) => this.threadMap.get(id)!).sort((a, b) => a.created - b.created).map((t) => ({ ...t, stories: [...t.stories] })),
      event_index: events.map((e): [string, string] => [e, this.eventIndex.get(e)!]),
      kind_index: kinds.map((k): [string, string[]] => [k, [...this.kindIndex.get(k)!]]),
      merges: log(this.mergeLog, since.merges),
      thread_merges: log(this.threadMergeLog, since.threadMerges),
      splits: log(this.splitLog, since.splits),
    };
  }

  /** The state as last returned by `changes()` is saved: from now on only what changes is. */
  markSaved(): void {
    const d = this.dirty;
    d.all = false;
    for (const set of [d.terms, d.stories, d.threads, d.events, d.kinds]) set.clear();
    d.logs = { merges: this.mergeLog.length, threadMerges: this.threadMergeLog.length, splits: this.splitLog.length };
  }

  /** A thread by id (one merged away has `merged_into` set). */
  getThread(id: string): ThreadState | null {
    const t = this.threadMap.get(id);
    return t ? { ...t, stories: [...t.stories] } : null;
  }

  /** Rebuilds a clusterer from `toState()` output (e.g. after JSON.stringify/parse). */
  static fromState(state: ClusterState, options: Partial<ClusterOptions> = {}): StoryClusterer {
    if (state.version !== 1) throw new Error(`unsupported story cluster state version ${String(state.version)}`);
    const c = new StoryClusterer({ ...state.options, ...options });
    c.n = state.articles;
    for (const [t, n] of state.df) c.df[c.intern(t)] = n;
    for (const s of state.stories) {
      const centroid = packPairs(s.centroid.map(([t, x]) => [c.intern(t), x] as const));
      c.stories.set(s.id, {
        id: s.id, thread_id: s.thread_id, created: s.created, merged_into: s.merged_into, articles: s.articles.map((a) => ({ ...a })), first: s.first, last: s.last,
        centroid, norm: { ...s.norm }, actors: new Map(s.actors), event_ids: new Set(s.event_ids), events: new Map(s.events.map(([k, e]) => [k, { ...e, days: { ...e.days } }])),
        recent: (s.recent ?? []).map((r) => ({ id: r.id, day: r.day, vec: packPairs(r.terms.map(([t, x]) => [c.intern(t), x] as const)), actors: [...r.actors], events: r.events.map((e) => ({ ...e })) })),
      });
      for (const a of s.articles) c.docStory.set(a.id, s.id);
      c.seq = Math.max(c.seq, s.created + 1);
    }
    for (const t of state.threads) c.threadMap.set(t.id, { ...t, stories: [...t.stories] });
    for (const [t, ids] of state.postings) c.postings.set(c.intern(t), ids.map((id) => c.stories.get(id)!));
    for (const [e, s] of state.event_index) c.eventIndex.set(e, s);
    for (const [k, ids] of state.kind_index ?? []) c.kindIndex.set(k, [...ids]);
    c.mergeLog.push(...state.merges);
    c.threadMergeLog.push(...state.thread_merges);
    c.splitLog.push(...(state.splits ?? []));
    c.totals = { ...state.totals };
    return c;
  }

  private intern(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termText.length;
      this.termIds.set(term, id);
      this.termText.push(term);
      this.df.push(0);
    }
    return id;
  }

  private vectorise(doc: StoryDoc): Vec {
    const o = this.options;
    const counts = termCounts(doc.body);
    if (doc.title) termCounts(doc.title, counts, o.titleWeight);
    for (const e of doc.entities ?? []) {
      const key = `@${e.toLowerCase()}`;
      counts.set(key, (counts.get(key) ?? 0) + o.entityWeight);
    }
    this.n++;
    for (const t of counts.keys()) {
      const id = this.intern(t);
      this.df[id]!++;
      this.dirty.terms.add(id);
    }
    const v = tfidfVector(counts, (t) => this.df[this.termIds.get(t)!]!, this.n, o.vectorTerms);
    const ids = v.terms.map((t) => this.termIds.get(t)!);
    return { ids, weights: v.weights, tf: v.tf, query: packPairs(ids.map((t, i) => [t, v.weights[i]! * this.idfOf(t)] as const)) };
  }

  /** Candidate stories: the most recent users of the article's strongest terms, and stories holding its event ids. */
  private candidates(vec: Vec, events: readonly EventRef[]): { ids: Story[]; scanned: number } {
    const o = this.options;
    const byEvent = new Set<Story>();
    for (const e of events) {
      const s = this.eventIndex.get(e.id);
      if (s) byEvent.add(this.live(s));
      // Stories with the same kind of event between the same two actors: the same development, or another of the same thread.
      if (e.source && e.target) for (const id of this.kindIndex.get(eventKey(e)) ?? []) byEvent.add(this.live(id));
    }
    // Each story found under a looked-up term collects that term's weight; the best are scored.
    const hits = new Map<Story, number>();
    let scanned = 0;
    vec.ids.slice(0, o.queryTerms).forEach((term, ti) => {
      const list = this.postings.get(term);
      if (!list) return;
      const local = new Set<Story>();
      for (let i = list.length - 1; i >= 0 && local.size < o.postingDepth; i--) {
        scanned++;
        const s = this.liveStory(list[i]!);
        if (local.has(s)) continue;
        local.add(s);
        hits.set(s, (hits.get(s) ?? 0) + vec.weights[ti]!);
      }
    });
    const ranked = [...hits].filter(([s]) => !byEvent.has(s));
    // Stable: equal weights keep the order found (the term's most recent users first).
    ranked.sort((a, b) => b[1] - a[1]);
    return { ids: [...byEvent, ...ranked.slice(0, o.maxCandidates).map(([s]) => s)], scanned };
  }

  private scoreStory(s: Story, vec: Vec, day: number | null, actors: ReadonlySet<string>, events: readonly EventRef[]): Scored | null {
    const o = this.options;
    let gap = 0;
    if (day !== null && s.first !== null && s.last !== null) gap = day < s.first ? s.first - day : day > s.last ? day - s.last : 0;
    if (gap > o.threadWindowDays) return null;
    const dot = dotPacked(s.centroid, vec.query);
    const text = dot > 0 ? dot / this.norm(s) : 0;
    const actor = actorSimilarity(actors, s);
    let sameEvent = 0;
    let sameKind = 0;
    let conflict = false;
    for (const e of events) {
      if (s.event_ids.has(e.id)) {
        sameEvent = 1;
        continue;
      }
      const tally = s.events.get(eventKey(e));
      if (!tally) continue;
      // "An attack on the United States" is too common to tie two stories; "Putin phoned Pezeshkian" is not.
      if (e.source && e.target) sameKind = Math.max(sameKind, 0.5);
      const d = e.date ? dayNumber(e.date) : null;
      if (d === null) continue;
      const days = Object.keys(tally.days).map(dayNumber).filter((x): x is number => x !== null);
      if (days.includes(d)) sameEvent = Math.max(sameEvent, 0.6);
      else if (days.length) conflict = true;
    }
    if (sameEvent) conflict = false;
    const base = text + o.actorWeight * actor;
    const storyScore = gap > o.windowDays ? 0 : (base + o.eventWeight * sameEvent) * Math.exp(-gap / o.timeScaleDays) * (conflict ? o.conflictFactor : 1);
    const threadScore = (base + o.eventWeight * Math.max(sameEvent, sameKind)) * Math.exp(-gap / o.threadTimeScaleDays);
    return { story: s, score: storyScore, thread: threadScore };
  }

  /** Two stories holding the same kind of event between the same actors on different days. */
  private conflicting(a: Story, b: Story): boolean {
    for (const [k, ta] of a.events) {
      const tb = b.events.get(k);
      if (!tb) continue;
      const da = Object.keys(ta.days).filter(Boolean);
      const db = Object.keys(tb.days).filter(Boolean);
      if (da.length && db.length && !da.some((d) => db.includes(d))) return true;
    }
    return false;
  }

  /**
   * Drift: when a story's articles report different occurrences of the same kind of event between
   * the same two actors (a call on Friday, another call on Tuesday) and some of them report only the
   * later one, those leave for a new story in the same thread. Only the story's latest articles can
   * move (the ones it remembers); the split is recorded.
   */
  private maybeSplit(s: Story, at: string): SplitRecord[] {
    const byKind = new Map<string, Map<string, Set<string>>>();
    for (const r of s.recent) {
      for (const e of r.events) {
        if (!e.source || !e.target) continue;
        const days = byKind.get(e.key) ?? new Map<string, Set<string>>();
        days.set(e.day, (days.get(e.day) ?? new Set<string>()).add(r.id));
        byKind.set(e.key, days);
      }
    }
    for (const [kind, days] of byKind) {
      if (days.size < 2) continue;
      // The occurrence the story was first about stays; articles reporting only another one leave.
      const firstDay = [...days.entries()].sort((a, b) => s.articles.findIndex((x) => a[1].has(x.id)) - s.articles.findIndex((x) => b[1].has(x.id)) || a[0].localeCompare(b[0]))[0]![0];
      const staying = days.get(firstDay)!;
      const moving = s.recent.filter((r) => !staying.has(r.id) && r.events.some((e) => e.key === kind && e.day !== firstDay));
      if (!moving.length || moving.length >= s.articles.length) continue;
      const into = this.newStory(moving[0]!.id, this.liveThread(s.thread_id).id);
      const ids = new Set(moving.map((r) => r.id));
      let moved = EMPTY;
      for (const r of moving) moved = addPacked(moved, r.vec);
      s.centroid = subtractPacked(s.centroid, moved);
      into.centroid = moved;
      s.norm = NO_NORM;
      into.articles = s.articles.filter((a) => ids.has(a.id));
      s.articles = s.articles.filter((a) => !ids.has(a.id));
      into.recent = moving;
      s.recent = s.recent.filter((r) => !ids.has(r.id));
      // The new story's span is its articles'; the old one keeps its span (its older days are not remembered).
      const movedDays = moving.map((r) => r.day).filter((d): d is number => d !== null);
      into.first = movedDays.length ? Math.min(...movedDays) : null;
      into.last = movedDays.length ? Math.max(...movedDays) : null;
      for (const r of moving) {
        this.docStory.set(r.id, into.id);
        for (const a of actorFeatures(r.actors)) {
          into.actors.set(a, (into.actors.get(a) ?? 0) + 1);
          const left = (s.actors.get(a) ?? 0) - 1;
          if (left > 0) s.actors.set(a, left);
          else s.actors.delete(a);
        }
        for (const e of r.events) {
          into.event_ids.add(e.id);
          this.eventIndex.set(e.id, s.recent.some((x) => x.events.some((y) => y.id === e.id)) ? s.id : into.id);
          this.dirty.events.add(e.id);
          const t = into.events.get(e.key) ?? { cameo: e.cameo, source: e.source, target: e.target, count: 0, days: {} };
          t.count++;
          t.days[e.day] = (t.days[e.day] ?? 0) + 1;
          into.events.set(e.key, t);
          const old = s.events.get(e.key);
          if (old) {
            old.count--;
            if (old.days[e.day] !== undefined && --old.days[e.day]! <= 0) delete old.days[e.day];
            if (old.count <= 0) s.events.delete(e.key);
          }
          if (!s.recent.some((x) => x.events.some((y) => y.id === e.id))) s.event_ids.delete(e.id);
        }
        const kinds = new Set(r.events.map((e) => e.key));
        for (const k of kinds) {
          this.kindIndex.set(k, [...(this.kindIndex.get(k) ?? []).filter((x) => x !== into.id), into.id].slice(-KIND_DEPTH));
          this.dirty.kinds.add(k);
        }
      }
      // The moved articles' terms now point at the new story too.
      for (const t of moved.ids) {
        const list = this.postings.get(t);
        if (list) {
          list.push(into);
          this.dirty.terms.add(t);
        }
      }
      this.dirty.stories.add(s.id);
      const rec: SplitRecord = { from: s.id, into: into.id, at, articles: [...ids], reason: kind };
      this.splitLog.push(rec);
      return [rec];
    }
    return [];
  }

  private newStory(articleId: string, threadId: string | null): Story {
    const story: Story = {
      id: `s-${articleId}`, thread_id: threadId ?? `t-${articleId}`, created: this.seq++, merged_into: null, articles: [], first: null, last: null,
      centroid: EMPTY, norm: NO_NORM, actors: new Map(), event_ids: new Set(), events: new Map(), recent: [],
    };
    this.stories.set(story.id, story);
    if (threadId) this.threadMap.get(threadId)!.stories.push(story.id);
    else this.threadMap.set(story.thread_id, { id: story.thread_id, created: story.created, merged_into: null, stories: [story.id] });
    this.dirty.stories.add(story.id);
    this.dirty.threads.add(story.thread_id);
    return story;
  }

  private absorb(s: Story, doc: StoryDoc, vec: Vec, day: number | null, all: readonly EventRef[]): void {
    const o = this.options;
    const events = mainEvents(all);
    s.articles.push({ id: doc.id, title: doc.title, published: doc.published, outlet: doc.outlet });
    s.recent.push({
      id: doc.id, day, vec: packPairs(vec.ids.map((t, i) => [t, vec.tf[i]!] as const)), actors: [...doc.actors],
      events: events.filter((e) => e.date && dayNumber(e.date) !== null).map((e) => ({ key: eventKey(e), day: e.date!.slice(0, 10), id: e.id, cameo: e.cameo, source: e.source ?? null, target: e.target ?? null })),
    });
    if (s.recent.length > RECENT) s.recent.shift();
    this.docStory.set(doc.id, s.id);
    this.dirty.stories.add(s.id);
    if (day !== null) {
      s.first = s.first === null ? day : Math.min(s.first, day);
      s.last = s.last === null ? day : Math.max(s.last, day);
    }
    s.centroid = addPacked(s.centroid, packPairs(vec.ids.map((t, i) => [t, vec.tf[i]!] as const)));
    if (s.centroid.ids.length > 2 * o.centroidTerms) s.centroid = this.prune(s.centroid);
    s.norm = NO_NORM;
    for (const a of actorFeatures(doc.actors)) s.actors.set(a, (s.actors.get(a) ?? 0) + 1);
    for (const e of events) {
      s.event_ids.add(e.id);
      if (!this.eventIndex.has(e.id)) {
        this.eventIndex.set(e.id, s.id);
        this.dirty.events.add(e.id);
      }
      const k = eventKey(e);
      this.dirty.kinds.add(k);
      const kinds = (this.kindIndex.get(k) ?? []).filter((id) => id !== s.id);
      kinds.push(s.id);
      this.kindIndex.set(k, kinds.slice(-KIND_DEPTH));
      let tally = s.events.get(k);
      if (!tally) {
        tally = { cameo: e.cameo, source: e.source ?? null, target: e.target ?? null, count: 0, days: {} };
        s.events.set(k, tally);
      }
      tally.count++;
      const d = e.date && dayNumber(e.date) !== null ? e.date.slice(0, 10) : '';
      tally.days[d] = (tally.days[d] ?? 0) + 1;
    }
    for (const t of vec.ids.slice(0, o.indexTerms)) {
      let list = this.postings.get(t);
      if (!list) {
        list = [];
        this.postings.set(t, list);
      }
      list.push(s);
      this.dirty.terms.add(t);
      if (list.length > 4 * o.postingDepth) this.postings.set(t, this.compact(list));
    }
  }

  /** Keeps the last `postingDepth` distinct live stories of a posting list, in order: what a lookup reads. */
  private compact(list: readonly Story[]): Story[] {
    const keep: Story[] = [];
    const seen = new Set<Story>();
    for (let i = list.length - 1; i >= 0 && keep.length < this.options.postingDepth; i--) {
      const s = this.liveStory(list[i]!);
      if (seen.has(s)) continue;
      seen.add(s);
      keep.push(s);
    }
    return keep.reverse();
  }

  private mergeStories(from: Story, into: Story, rec: MergeRecord): MergeRecord[] {
    const o = this.options;
    into.articles.push(...from.articles);
    for (const a of from.articles) this.docStory.set(a.id, into.id);
    if (from.first !== null) into.first = into.first === null ? from.first : Math.min(into.first, from.first);
    if (from.last !== null) into.last = into.last === null ? from.last : Math.max(into.last, from.last);
    into.centroid = addPacked(into.centroid, from.centroid);
    if (into.centroid.ids.length > 2 * o.centroidTerms) into.centroid = this.prune(into.centroid);
    into.norm = NO_NORM;
    for (const [a, n] of from.actors) into.actors.set(a, (into.actors.get(a) ?? 0) + n);
    for (const e of from.event_ids) into.event_ids.add(e);
    for (const [k, t] of from.events) {
      const mine = into.events.get(k);
      if (!mine) into.events.set(k, { ...t, days: { ...t.days } });
      else {
        mine.count += t.count;
        for (const [d, n] of Object.entries(t.days)) mine.days[d] = (mine.days[d] ?? 0) + n;
      }
    }
    from.merged_into = into.id;
    this.dirty.stories.add(from.id).add(into.id);
    from.articles = [];
    from.centroid = EMPTY;
    from.norm = NO_NORM;
    from.actors = new Map();
    from.event_ids = new Set();
    from.events = new Map();
    this.mergeLog.push(rec);
    const ft = this.liveThread(from.thread_id);
    const it = this.liveThread(into.thread_id);
    ft.stories = ft.stories.filter((x) => x !== from.id);
    this.dirty.threads.add(ft.id);
    if (ft.id === it.id) return [];
    return [this.mergeThreads(ft, it, rec.at, rec.score)];
  }

  /** Merges the younger thread into the older one. */
  private mergeThreads(a: Thread, b: Thread, at: string, score: number): MergeRecord {
    const [from, into] = a.created < b.created ? [b, a] : [a, b];
    for (const sid of from.stories) {
      this.stories.get(sid)!.thread_id = into.id;
      this.dirty.stories.add(sid);
    }
    this.dirty.threads.add(from.id).add(into.id);
    into.stories.push(...from.stories);
    from.stories = [];
    from.merged_into = into.id;
    const rec = { from: from.id, into: into.id, at, score: round(score) };
    this.threadMergeLog.push(rec);
    return rec;
  }

  private idfOf(term: number): number {
    return idf(this.df[term]!, this.n);
  }

  /** The centroid's tf-idf length: sum of (c (L - ln df))^2 = L^2 a - 2 L b + c with L = ln(n + 1). */
  private norm(s: Story): number {
    if (!s.norm.n || this.n > 2 * s.norm.n) {
      let a = 0;
      let b = 0;
      let c = 0;
      const { ids, tf } = s.centroid;
      for (let i = 0; i < ids.length; i++) {
        const l = Math.log(this.df[ids[i]!]!);
        const x2 = tf[i]! * tf[i]!;
        a += x2;
        b += x2 * l;
        c += x2 * l * l;
      }
      s.norm = { a, b, c, n: this.n };
      this.dirty.stories.add(s.id);
    }
    const L = Math.log(this.n + 1);
    return Math.sqrt(Math.max(L * L * s.norm.a - 2 * L * s.norm.b + s.norm.c, 1e-12));
  }

  /** Keeps the centroid's `centroidTerms` heaviest terms by tf x current idf. */
  private prune(c: Packed): Packed {
    return prunePacked(c, this.options.centroidTerms, (t, x) => x * this.idfOf(t), (t) => this.termText[t]!);
  }

  private live(id: string): Story {
    return this.liveStory(this.stories.get(id)!);
  }

  private liveStory(story: Story): Story {
    let s = story;
    while (s.merged_into) s = this.stories.get(s.merged_into)!;
    return s;
  }

  private liveThread(id: string): Thread {
    let t = this.threadMap.get(id)!;
    while (t.merged_into) t = this.threadMap.get(t.merged_into)!;
    return t;
  }

  private storyState(s: Story): StoryState {
    return {
      id: s.id, thread_id: s.merged_into ? s.thread_id : this.liveThread(s.thread_id).id, created: s.created, merged_into: s.merged_into, articles: s.articles.map((a) => ({ ...a })), first: s.first, last: s.last,
      centroid: Array.from(s.centroid.ids, (t, i): [string, number] => [this.termText[t]!, s.centroid.tf[i]!]), norm: { ...s.norm }, actors: [...s.actors], event_ids: [...s.event_ids], events: [...s.events].map(([k, e]) => [k, { ...e, days: { ...e.days } }]),
      recent: s.recent.map((r) => ({ id: r.id, day: r.day, terms: Array.from(r.vec.ids, (t, i): [string, number] => [this.termText[t]!, r.vec.tf[i]!]), actors: [...r.actors], events: r.events.map((e) => ({ ...e })) })),
    };
  }
}

/** Average work per `add` so far: stories scored and inverted-index entries read per article. */
export function costPerArticle(stats: ClusterStats): { candidates: number; scanned: number } {
  const n = Math.max(stats.articles, 1);
  return { candidates: stats.candidates / n, scanned: stats.scanned / n };
}

/**
 * The events an article reports as news: of each kind of event between the same actors, those on
 * the latest day it gives. Earlier ones are background ("after last week's call, ...") and say
 * which story the article is not in only weakly, so they are left out of the comparison.
 */
export function mainEvents(events: readonly EventRef[]): EventRef[] {
  const latest = new Map<string, number>();
  for (const e of events) {
    const d = dayNumber(e.date);
    if (d === null) continue;
    const k = eventKey(e);
    latest.set(k, Math.max(latest.get(k) ?? d, d));
  }
  return events.filter((e) => {
    const l = latest.get(eventKey(e));
    return l === undefined || dayNumber(e.date) === l;
  });
}

/** Set cosine between an article's actor features and those named by at least a fifth of the story's articles. */
function actorSimilarity(doc: ReadonlySet<string>, s: Story): number {
  if (!doc.size || !s.actors.size) return 0;
  const min = Math.max(1, 0.2 * s.articles.length);
  let size = 0;
  let shared = 0;
  for (const [a, n] of s.actors) {
    if (n < min) continue;
    size++;
    if (doc.has(a)) shared++;
  }
  return size ? shared / Math.sqrt(size * doc.size) : 0;
}


const round = (x: number) => Math.round(x * 1e4) / 1e4;
