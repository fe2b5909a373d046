import type { StoryState, ThreadState } from './cluster.js';
import { isoDay, termCounts } from './text.js';

/**
 * What a person sees of a story: a generated title, its outlets, date span and key actors.
 * Names come from the caller (the actor dictionary, the CAMEO codebook); without them codes are
 * shown as they are.
 */
export interface StoryNames {
  /** "RUSGOV" -> "Russia"; null when unknown. */
  readonly actor?: (code: string) => string | null;
  /** "042" -> "Make a visit"; null when unknown. */
  readonly event?: (cameo: string) => string | null;
}

export interface StorySummary {
  readonly id: string;
  readonly thread_id: string;
  readonly title: string;
  readonly size: number;
  readonly articles: string[];
  /** Outlets, most articles first. */
  readonly outlets: string[];
  readonly first: string | null;
  readonly last: string | null;
  readonly key_actors: string[];
}

export interface ThreadSummary {
  readonly id: string;
  readonly title: string;
  readonly stories: string[];
  readonly size: number;
  readonly first: string | null;
  readonly last: string | null;
  readonly key_actors: string[];
}

const byCountThenKey = (a: readonly [string, number], b: readonly [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Actor codes named by the story's articles, most often first; a country prefix implied by a fuller code is left out. */
export function keyActors(actors: readonly [string, number][], limit = 5): string[] {
  const counts = new Map(actors);
  const out = [...counts]
    .filter(([code, n]) => !(code.length === 3 && [...counts].some(([c, m]) => c.length > 3 && c.startsWith(code) && m >= n)))
    .sort(byCountThenKey)
    .map(([c]) => c);
  return out.slice(0, limit);
}

/**
 * The story's central event as "Source – Target: Event name (date)": the kind of event most of
 * its articles report, on the day most of them give. Without events, the headline closest to the
 * story centroid; without headlines, the centroid's strongest words.
 */
export function storyTitle(story: StoryState, names: StoryNames = {}): string {
  // Most reported first; on a tie, the first reported (the lead: events arrive in text order).
  const central = [...story.events].sort((a, b) => b[1].count - a[1].count)[0]?.[1];
  if (central) {
    const actor = (c: string | null) => (c ? (names.actor?.(c) ?? c) : null);
    const who = [actor(central.source), actor(central.target)].filter((x): x is string => !!x);
    const what = names.event?.(central.cameo) ?? central.cameo;
    const day = Object.entries(central.days).filter(([d]) => d).sort(byCountThenKey)[0]?.[0];
    return `${who.length ? `${who.join(' – ')}: ` : ''}${what}${day ? ` (${day})` : ''}`;
  }
  return centralHeadline(story) ?? topWords(story);
}

/** The headline whose words weigh most in the story centroid (per word, so long headlines do not win by length). */
export function centralHeadline(story: StoryState): string | null {
  const centroid = new Map(story.centroid);
  let best: string | null = null;
  let bestScore = -1;
  for (const a of story.articles) {
    if (!a.title) continue;
    const terms = [...termCounts(a.title).keys()];
    if (!terms.length) continue;
    const score = terms.reduce((s, t) => s + (centroid.get(t) ?? 0), 0) / Math.sqrt(terms.length);
    if (score > bestScore) {
      best = a.title;
      bestScore = score;
    }
  }
  return best;
}

function topWords(story: StoryState): string {
  const words = story.centroid.filter(([t]) => !t.startsWith('@')).sort(byCountThenKey).slice(0, 5).map(([t]) => t);
  return words.length ? words.join(', ') : story.id;
}

export function summarizeStory(story: StoryState, names: StoryNames = {}): StorySummary {
  const outlets = new Map<string, number>();
  for (const a of story.articles) if (a.outlet) outlets.set(a.outlet, (outlets.get(a.outlet) ?? 0) + 1);
  return {
    id: story.id,
    thread_id: story.thread_id,
    title: storyTitle(story, names),
    size: story.articles.length,
    articles: story.articles.map((a) => a.id),
    outlets: [...outlets].sort(byCountThenKey).map(([o]) => o),
    first: story.first === null ? null : isoDay(story.first),
    last: story.last === null ? null : isoDay(story.last),
    key_actors: keyActors(story.actors),
  };
}

/** A thread: its key actors, the span of its stories, and the title of its largest story with the actors in front. */
export function summarizeThread(thread: ThreadState, story: (id: string) => StoryState | null, names: StoryNames = {}): ThreadSummary {
  const stories = thread.stories.map(story).filter((s): s is StoryState => !!s);
  const actors = new Map<string, number>();
  let first: number | null = null;
  let last: number | null = null;
  for (const s of stories) {
    for (const [a, n] of s.actors) actors.set(a, (actors.get(a) ?? 0) + n);
    if (s.first !== null) first = first === null ? s.first : Math.min(first, s.first);
    if (s.last !== null) last = last === null ? s.last : Math.max(last, s.last);
  }
  const key = keyActors([...actors], 3);
  const largest = [...stories].sort((a, b) => b.articles.length - a.articles.length || a.created - b.created)[0];
  const lead = largest ? (centralHeadline(largest) ?? storyTitle(largest, names)) : thread.id;
  // The title names the three most named actors that have a name: an unknown actor ("UNK") or a bare
  // role ("GOV", a government body of no known country) is no title word, and one name is said once.
  const nameOf = names.actor ?? ((c: string) => c);
  const who = [...new Set(keyActors([...actors], actors.size).map(nameOf).filter((n): n is string => !!n))].slice(0, 3);
  return {
    id: thread.id,
    title: who.length ? `${who.join(' – ')}: ${lead}` : lead,
    stories: stories.map((s) => s.id),
    size: stories.reduce((n, s) => n + s.articles.length, 0),
    first: first === null ? null : isoDay(first),
    last: last === null ? null : isoDay(last),
    key_actors: key,
  };
}
