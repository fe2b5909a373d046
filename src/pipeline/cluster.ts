import { randomUUID } from 'node:crypto';
import { defaultLexicon } from '../nlp/lexicon.js';
import { defaultOntology } from '../events/ontology.js';
import type { EventRecord } from '../events/types.js';
import { StoryClusterer, type ClusterDelta, type ClusterState, type EventRef, type StoryState } from '../stories/cluster.js';
import { deltaRows, stateFromRows } from '../stories/state-rows.js';
import { summarizeStory, summarizeThread, type StoryNames } from '../stories/title.js';
import { sameOutletName } from '../ingest/outlets.js';
import type { ClusterActor, Store } from '../store/store.js';
import type { StoredClusterState, StoryChange, StoryRecord, ThreadRecord } from '../types/stories.js';
import { withLease, type LeaseOptions } from './lease.js';

export interface ClusterRunOptions {
  readonly batchSize?: number;
  readonly now?: () => Date;
  readonly onProgress?: (done: number, label: string) => void;
  /** Told when another `cluster` run holds the store and this one waits for it. */
  readonly onWait?: LeaseOptions['onWait'];
  /** The clusterer kept by a long-running process between its runs (see ResidentClusterer). */
  readonly resident?: ResidentClusterer;
}

/**
 * A clusterer kept in memory between the runs of a long-running process (`wirescope worker`,
 * `watch`), so that a run does not read and rebuild the whole saved state (every row: 0.6 s at
 * 10,000 articles, growing with the store) when nothing else wrote it since. Each save writes a
 * new random stamp with the rows; a run reuses the kept clusterer only while the store's stamp is
 * the one it saved, and otherwise (another process clustered meanwhile, an older store) reads the
 * state as usual. A run takes the clusterer out and puts it back only after its save committed, so
 * a failed run never leaves a clusterer that differs from the store.
 */
export class ResidentClusterer {
  held: { readonly stamp: string; readonly updatedAt: string; readonly clusterer: StoryClusterer } | null = null;
  /** Runs that reused the kept clusterer, and runs that read the saved state. */
  readonly counts = { reused: 0, read: 0 };
}

export interface ClusterSummary {
  /** Articles placed in this run. */
  readonly clustered: number;
  readonly joined: number;
  readonly started: number;
  readonly stories: number;
  readonly threads: number;
  /** Stories (and threads) merged in this run because an article showed two to be one, and stories split because they drifted. */
  readonly merges: StoryChange[];
}

/**
 * What the clusterer sees of an article's events: developments, not background. Negated events
 * and ongoing states ("Russia is providing intelligence") are left out: a shared state says two
 * articles share a subject (the thread), not that they report the same development. Dates are
 * given at day precision, or the report date when the text gives none: two reports of one event
 * share its id (the event stage merges them), so a different day on a different event of the same
 * kind is a different occurrence, as with the seeds' two calls.
 */
/** Sentences that make an article's lead: events first reported there are its main development. */
export const LEAD_SENTENCES = 3;

/** People by entity ("person:sergey-lavrov"), so two ministers' calls are not one leaders' call; others by code. */
const actorKey = (a: EventRecord['source']) => (a ? (a.entity_id?.startsWith('person:') ? a.entity_id : a.code) : null);

export function eventRefs(events: readonly EventRecord[]): EventRef[] {
  // The article's main development: events its lead (first sentences) reports; the rest is background.
  const first = Math.min(...events.flatMap((e) => e.mentions.map((m) => m.sentence)));
  return events
    .filter((e) => !e.negated && !e.ongoing && e.mentions.some((m) => m.sentence < Math.max(LEAD_SENTENCES, first + 1)))
    .map((e) => ({ id: e.id, date: e.date_precision === 'day' || e.date_precision === 'reported' ? e.date : null, cameo: e.cameo, source: actorKey(e.source), target: actorKey(e.target) }));
}

/** Names for generated titles: countries for actor codes, CAMEO titles for event codes. */
export function storyNames(): StoryNames {
  const lex = defaultLexicon();
  const ont = defaultOntology();
  // International bodies by their code ("IGOPGSGCC" -> "Gulf Cooperation Council"): the highest-ranked name carrying it.
  const bodies = new Map<string, { name: string; priority: number }>();
  for (const list of lex.names.values()) {
    for (const e of list) {
      if (!e.igo || e.type !== 'ORG') continue;
      const had = bodies.get(e.igo);
      if (!had || e.priority > had.priority) bodies.set(e.igo, { name: e.canonical, priority: e.priority });
    }
  }
  return {
    actor: (code) => {
      // People are keyed by entity id ("person:vladimir-putin"): show the name.
      if (code.startsWith('person:')) return code.slice(7).split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
      if (/^(IGO|NGO|IMG)/.test(code)) return bodies.get(code)?.name ?? null;
      // An unknown actor ("UNK") is unknown, never a country.
      return code.startsWith('UNK') ? null : (lex.countryNames.get(code.slice(0, 3)) ?? null);
    },
    event: (cameo) => ont.codes.get(cameo)?.title ?? null,
  };
}

/**
 * The listing records of what changed in a clusterer since it was last saved (`c.changes()`): live
 * stories touched and the threads holding them (a thread's span and title follow its stories), and
 * the ids of those merged away. For a new or legacy clusterer, every story and thread.
 */
export function changedRecords(c: StoryClusterer, delta: ClusterDelta, eventsOf: (story: StoryState) => string[], names: StoryNames): { stories: StoryRecord[]; threads: ThreadRecord[]; removed: { stories: string[]; threads: string[] } } {
  const live = delta.stories.filter((s) => !s.merged_into);
  const stories: StoryRecord[] = live.map((s) => {
    const sum = summarizeStory(s, names);
    return { id: s.id, thread_id: c.threadOf(s.id) ?? s.thread_id, title: sum.title, article_ids: sum.articles, outlets: sum.outlets, start: sum.first, end: sum.last, event_ids: eventsOf(s), actors: sum.key_actors };
  });
  const threadIds = new Set([...delta.threads.map((t) => t.id), ...stories.map((s) => s.thread_id)]);
  const threadStates = [...threadIds].map((id) => c.getThread(id)!);
  const threads: ThreadRecord[] = threadStates
    .filter((t) => !t.merged_into)
    .map((t) => {
      const sum = summarizeThread(t, (id) => c.getStory(id), names);
      return { id: t.id, title: sum.title, story_ids: sum.stories, start: sum.first, end: sum.last, actors: sum.key_actors };
    });
  return { stories, threads, removed: { stories: delta.stories.filter((s) => s.merged_into).map((s) => s.id), threads: threadStates.filter((t) => t.merged_into).map((t) => t.id) } };
}

/** The clusterer as saved: rebuilt from its rows (or a store's older single JSON value), or a new one. */
export function restoreClusterer(saved: StoredClusterState | null): StoryClusterer {
  if (!saved) return new StoryClusterer();
  if (!saved.rows.length) return StoryClusterer.fromState(JSON.parse(saved.legacy!) as ClusterState); // all unsaved: the next save writes every row
  const c = StoryClusterer.fromState(stateFromRows(saved.rows));
  c.markSaved();
  return c;
}

/**
 * Place every coded article not yet in a story, oldest first, into the story it best joins (or a
 * new one), then save the clusterer state and the story and thread records in one transaction.
 * Deterministic for the same input order.
 */
export async function clusterStore(store: Store, opts: ClusterRunOptions = {}): Promise<ClusterSummary> {
  // One run at a time per store: a second waits for the first, then finds the work done.
  return withLease(store, 'cluster', { onWait: opts.onWait }, (renew) => clusterUnderLease(store, opts, renew));
}

async function clusterUnderLease(store: Store, opts: ClusterRunOptions, renew: () => Promise<void>): Promise<ClusterSummary> {
  const { batchSize = 500, now = () => new Date(), resident } = opts;
  // Taken before anything is read: an article coded again while this run works is after it, so the next run still finds it (storiesCodedSince).
  const updatedAt = now().toISOString();
  const kept = resident?.held ?? null;
  const current = kept !== null && (await store.getClusterStamp()) === kept.stamp;
  if (resident && kept && !current) resident.held = null; // stale: another process clustered since
  let page = await store.articlesToCluster({ limit: batchSize, offset: 0 });
  if (page.length === 0) {
    // Nothing to place (a worker asks after every batch it codes): the counts, without reading the state.
    if (current) {
      resident!.counts.reused++;
      const { stories, threads } = kept.clusterer.stats();
      return { clustered: 0, joined: 0, started: 0, stories, threads, merges: [] };
    }
    return { clustered: 0, joined: 0, started: 0, ...(await store.countStories()), merges: [] };
  }
  if (resident) resident.held = null; // put back only once this run's save has committed
  let c: StoryClusterer;
  let lastRun: string | null;
  if (current) {
    c = kept.clusterer;
    lastRun = kept.updatedAt;
    resident!.counts.reused++;
  } else {
    const saved = await store.getClusterState();
    c = restoreClusterer(saved);
    const at = saved?.rows.find((r) => r.part === 'meta' && r.key === 'updated_at')?.value;
    lastRun = at ? (JSON.parse(at) as string) : null;
    if (resident) resident.counts.read++;
  }
  let clustered = 0;
  let joined = 0;
  let started = 0;
  const merges: StoryChange[] = [];
  for (let offset = 0; ; offset += batchSize) {
    if (offset > 0) page = await store.articlesToCluster({ limit: batchSize, offset });
    if (page.length === 0) break;
    await renew();
    for (const { article, actors, events } of page) {
      // The publisher naming itself ("(Meridian) —", "told Meridian") is no actor of the story: a Jordanian wire is not a Jordanian angle.
      const own = (a: ClusterActor) => a.role === 'MED' && !!article.outlet && sameOutletName(a.name, article.outlet);
      const codes = [...new Set(actors.filter((x) => !own(x)).map((x) => x.code))];
      const a = c.add({ id: article.id, title: article.title, body: article.body, published: article.published, outlet: article.outlet, actors: codes, events: eventRefs(events) });
      clustered++;
      if (a.action === 'joined') joined++;
      else if (a.action === 'new') started++;
      for (const m of a.merges) merges.push({ level: 'story', ...m });
      for (const m of a.thread_merges) merges.push({ level: 'thread', ...m });
      for (const x of a.splits) merges.push({ level: 'split', from: x.from, into: x.into, at: x.at, score: 0, articles: x.articles });
      opts.onProgress?.(clustered, article.title ?? article.id);
    }
  }
  // Write what changed: the clusterer's changed rows, and the listing records of the stories and threads it touched.
  const delta = c.changes();
  // Stories this run did not touch whose articles were coded again since the last run (`code --force`,
  // a new coder): their listed events are rewritten too.
  const touched = new Set(delta.stories.map((s) => s.id));
  const recoded = delta.full || !lastRun ? [] : (await store.storiesCodedSince(lastRun)).filter((id) => !touched.has(id)).map((id) => c.getStory(id)).filter((s): s is StoryState => !!s && !s.merged_into);
  const written = [...delta.stories, ...recoded];
  const byArticle = await store.eventIdsByArticle(written.filter((s) => !s.merged_into).flatMap((s) => s.articles.map((a) => a.id)));
  const eventsOf = (s: StoryState) => [...new Set(s.articles.flatMap((a) => byArticle.get(a.id) ?? []))].sort();
  const { stories, threads, removed } = changedRecords(c, { ...delta, stories: written }, eventsOf, storyNames());
  const stamp = randomUUID();
  // Still the holder (a run that stalled past its lease must not write over the next holder's state, nor keep a clusterer that differs from it).
  await renew();
  await store.saveClustering({ state: { rows: deltaRows(delta), full: delta.full }, updatedAt, stamp, stories, threads, removed, changes: merges });
  c.markSaved();
  if (resident) resident.held = { stamp, updatedAt, clusterer: c };
  const stats = c.stats();
  return { clustered, joined, started, stories: stats.stories, threads: stats.threads, merges };
}
