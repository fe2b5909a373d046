/**
 * One event, many mentions: when two coded mentions describe the same real-world event, and what
 * the merged event record says. Pure functions; the store calls them inside its transaction.
 *
 * Two mentions are the same event when they have the same root code and compatible full codes
 * (equal, or one the generic "not specified below" form or an ancestor of the other), the same
 * actors at country level (either way round for symmetric codes such as 041 "Discuss by
 * telephone"), the same negation, and overlapping dates. A mention with no date of its own
 * ("reported") covers only its publication day and the day before: a report published days after
 * a dated event is more likely a new occurrence than the old one, unless it is a late relay (a
 * report carried through a chain naming the same two people: see lateRelay), which reaches back a
 * week to the event it relays. Ongoing states ("is providing intelligence") span two weeks either side.
 */
import { createHash } from 'node:crypto';
import { rootOf, type Ontology } from './ontology.js';
import type { CodedMention, DatePrecision, EventActor, EventLocation, EventMention, EventRecord } from './types.js';

/** Days an undated report may trail the event it reports. */
export const REPORTED_WINDOW_DAYS = 1;
/** Days either side an ongoing state stays the same event. */
export const ONGOING_WINDOW_DAYS = 14;
/** Days a relayed report with no date of its own may trail the earlier event of the same two people it relays. */
export const LATE_RELAY_WINDOW_DAYS = 7;

/**
 * A late relay: a mention with no date of its own ("reported"), carried through a chain (speaker →
 * relay → publisher: "the Kremlin said, according to TASS, that Putin held a call with Pezeshkian"),
 * naming two people. Published days after an event between those two people, it is more likely a
 * report of that event than a new one; a lead that no chain carries (the outlet's own news) is not.
 */
export function lateRelay(m: Pick<CodedMention, 'date' | 'date_precision' | 'ongoing'> & Partial<Pick<CodedMention, 'chain' | 'source' | 'target'>>): boolean {
  return m.date_precision === 'reported' && !m.ongoing && !!m.date && (m.chain?.length ?? 0) >= 3 && mentionPeople(m).length >= 2;
}

const actorKey = (a: EventActor | null) => (a ? (a.country ?? a.code) : '-');

/** Country-level dyad key, order-free for symmetric codes: "RUS>IRN", "IRN~RUS". */
export function dyadKey(m: Pick<CodedMention, 'cameo' | 'source' | 'target' | 'location'>, ont: Ontology): string {
  // With no actor named, only the place ties two reports together ("a projectile struck a compound in Al-Kharj").
  if (!m.source && !m.target) return `@${m.location?.country ?? '?'}`;
  const s = actorKey(m.source);
  const t = actorKey(m.target);
  if (ont.symmetric.has(m.cameo) || ont.symmetric.has(rootOf(m.cameo) + '0')) return [s, t].sort().join('~');
  return `${s}>${t}`;
}

/** A calendar day (YYYY-MM-DD) n days later (earlier when n < 0). */
export const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

export interface Interval {
  readonly lo: string;
  readonly hi: string;
}

export function mentionInterval(m: Pick<CodedMention, 'date' | 'date_end' | 'date_precision' | 'ongoing'> & Partial<Pick<CodedMention, 'chain' | 'source' | 'target'>>): Interval | null {
  if (!m.date) return null;
  let lo = m.date;
  let hi = m.date_end ?? m.date;
  if (m.date_precision === 'reported') lo = addDays(lo, lateRelay(m) ? -LATE_RELAY_WINDOW_DAYS : -REPORTED_WINDOW_DAYS);
  if (m.ongoing) {
    lo = addDays(lo, -ONGOING_WINDOW_DAYS);
    hi = addDays(hi, ONGOING_WINDOW_DAYS);
  }
  return { lo, hi };
}

/** Is one code the other, an ancestor of it, or its root's generic "not specified" code? */
export function compatibleCodes(a: string, b: string): boolean {
  if (a === b) return true;
  if (rootOf(a) !== rootOf(b)) return false;
  const generic = (c: string) => c.length === 2 || (c.length === 3 && c.endsWith('0'));
  if (generic(a) || generic(b)) return true;
  return a.startsWith(b) || b.startsWith(a);
}

/**
 * What the store keeps of an event to decide whether a new mention belongs to it: a few fields,
 * the same size however many mentions the event has (so merging does not slow down as events grow).
 */
export interface EventSummary {
  readonly id: string;
  /** People named as its source or target ("person:vladimir-putin"). */
  readonly people: readonly string[];
  readonly cameo: string;
  readonly negated: boolean;
  /**
   * The intersection of its mentions' date intervals (intervalBounds); null when none is dated. A
   * new interval overlaps every one of them exactly when it overlaps this: "every x: x.lo <= b and
   * a <= x.hi" is "max lo <= b and a <= min hi".
   */
  readonly bounds: Interval | null;
  /** The one article that reports it; null when several do. */
  readonly onlyArticle: string | null;
  readonly mentions: number;
}

const overlaps = (a: Interval, b: Interval) => a.lo <= b.hi && b.lo <= a.hi;

/**
 * The intersection of an event's mention intervals, or null when none is dated. They overlap
 * pairwise (each mention joined only if it overlapped all before it), so in one dimension their
 * intersection is not empty, and a new mention overlaps them all exactly when it overlaps it: the
 * store can narrow candidates with it.
 */
export function intervalBounds(intervals: readonly Interval[]): Interval | null {
  if (!intervals.length) return null;
  return intervals.reduce((m, x) => ({ lo: x.lo > m.lo ? x.lo : m.lo, hi: x.hi < m.hi ? x.hi : m.hi }));
}

/** The people a mention names as source or target. */
export function mentionPeople(m: Partial<Pick<CodedMention, 'source' | 'target'>>): string[] {
  return [m.source?.entity_id, m.target?.entity_id].filter((x): x is string => !!x && x.startsWith('person:'));
}

export function compatible(e: EventSummary, m: CodedMention): boolean {
  if (e.negated !== m.negated || !compatibleCodes(e.cameo, m.cameo)) return false;
  // Same countries but other people: Lavrov's call with Araghchi is not Putin's with Pezeshkian.
  const mine = mentionPeople(m);
  if (mine.length && e.people.length && !mine.every((p) => e.people.includes(p)) && !e.people.every((p) => mine.includes(p))) return false;
  const iv = mentionInterval(m);
  // Nothing dates it (no date in the text, none on the article): only the same article's other mentions can be the same event.
  if (!iv) return e.bounds === null && e.onlyArticle === m.article_id;
  if (!e.bounds) return false;
  if (!overlaps(e.bounds, iv)) return false;
  // A late relay reaches back only to an event of the same two people; otherwise its own day and the day before.
  if (lateRelay(m) && !(e.people.length >= 2 && mine.every((p) => e.people.includes(p)))) {
    const near = { lo: addDays(m.date!, -REPORTED_WINDOW_DAYS), hi: iv.hi };
    return overlaps(e.bounds, near);
  }
  return true;
}

/** The best event for a mention among candidates with its root and dyad: compatible, most mentioned, oldest id on ties. */
export function pickEvent(candidates: readonly EventSummary[], m: CodedMention): EventSummary | null {
  let best: EventSummary | null = null;
  for (const e of candidates) {
    if (!compatible(e, m)) continue;
    if (!best || e.mentions > best.mentions || (e.mentions === best.mentions && e.id < best.id)) best = e;
  }
  return best;
}

/** Deterministic id from the mention that first reported the event. */
export function newEventId(m: CodedMention): string {
  const h = createHash('sha256').update(`${m.article_id}:${m.start}:${m.cameo}:${m.source?.code ?? ''}:${m.target?.code ?? ''}`).digest('hex');
  return `ev${h.slice(0, 14)}`;
}

const PRECISION_RANK: Record<DatePrecision, number> = { day: 5, week: 4, month: 3, year: 2, reported: 1 };
const PLACE_RANK: Record<string, number> = { city: 4, capital: 4, region: 3, country: 1 };

/**
 * What an event's record is computed from, as a fold over its mentions in the order they were
 * stored: adding a mention needs this and the mention, not every mention before it (the store's
 * cost per new mention stays flat as events grow). Removing mentions needs a new fold from the
 * mentions left. Plain JSON, kept with the event.
 */
export interface SummaryState {
  /** Confidence summed per CAMEO code, in the order the codes were first seen. */
  readonly codes: readonly (readonly [string, number])[];
  /** The first mention's date among those of the highest precision. */
  readonly date: { readonly date: string; readonly date_end: string | null; readonly precision: DatePrecision } | null;
  readonly source: ActorPick;
  readonly target: ActorPick;
  /** The first of the most specific places (city over region over country). */
  readonly location: EventLocation | null;
  /** The product of (1 − confidence) over the mentions. */
  readonly doubt: number;
  readonly negated: boolean;
  readonly hedged: boolean;
  readonly ongoing: boolean;
}

/** The first actor named, and the first named with a role (the most specific wins). */
interface ActorPick {
  readonly first: EventActor | null;
  readonly withRole: EventActor | null;
}

const pickActor = (p: ActorPick | undefined, a: EventActor | null): ActorPick => ({
  first: p?.first ?? a,
  withRole: p?.withRole ?? (a?.role ? a : null),
});

/** The summary after one more mention (`state` null: the event's first). */
export function foldSummary(state: SummaryState | null, m: CodedMention): SummaryState {
  const codes = state ? state.codes.map(([c, w]) => [c, c === m.cameo ? w + m.confidence : w] as const) : [];
  if (!codes.some(([c]) => c === m.cameo)) codes.push([m.cameo, m.confidence]);
  const date = m.date && (!state?.date || PRECISION_RANK[m.date_precision] > PRECISION_RANK[state.date.precision]) ? { date: m.date, date_end: m.date_end ?? null, precision: m.date_precision } : (state?.date ?? null);
  const rank = (l: EventLocation) => PLACE_RANK[l.kind] ?? 2;
  const location = m.location && (!state?.location || rank(m.location) > rank(state.location)) ? m.location : (state?.location ?? null);
  return {
    codes,
    date,
    source: pickActor(state?.source, m.source),
    target: pickActor(state?.target, m.target),
    location,
    doubt: (state?.doubt ?? 1) * (1 - m.confidence),
    negated: (state?.negated ?? true) && m.negated,
    hedged: (state?.hedged ?? true) && m.hedged,
    ongoing: (state?.ongoing ?? false) || m.ongoing,
  };
}

/** The event record a summary stands for (without its mentions). */
export function summaryRecord(id: string, s: SummaryState, ont: Ontology): Omit<EventRecord, 'mentions'> {
  // Code: the most specific code the mentions support, weighted by confidence.
  const generic = (c: string) => c.length === 3 && c.endsWith('0');
  const score = ([c, w]: readonly [string, number]) => w + c.length * 0.3 - (generic(c) ? 0.4 : 0);
  const cameo = [...s.codes].sort((a, b) => score(b) - score(a) || a[0].localeCompare(b[0]))[0]![0];
  const code = ont.codes.get(cameo);
  const plover = ont.plover.get(cameo);
  const actor = (p: ActorPick) => {
    const a = p.withRole ?? p.first;
    return a ? { name: a.name, code: a.code, country: a.country, role: a.role, entity_id: a.entity_id ?? null } : null;
  };
  return {
    id,
    date: s.date?.date ?? null,
    date_end: s.date?.date_end ?? null,
    date_precision: s.date?.precision ?? 'reported',
    source: actor(s.source),
    target: actor(s.target),
    cameo,
    cameo_root: rootOf(cameo),
    cameo_name: code?.title ?? cameo,
    plover: { type: plover?.plover ?? null, mode: plover?.mode ?? null },
    quad_class: code?.quad_class ?? 0,
    goldstein: code?.goldstein ?? 0,
    location: s.location,
    negated: s.negated,
    hedged: s.hedged,
    ongoing: s.ongoing,
    confidence: Math.round(Math.min(0.99, 1 - s.doubt) * 100) / 100,
  };
}

/** The event record its mentions add up to (mentions in the order they were stored). */
export function summarise(id: string, mentions: readonly EventMention[], ont: Ontology): EventRecord {
  if (!mentions.length) throw new Error(`event ${id} has no mentions`);
  return { ...summaryRecord(id, mentions.reduce<SummaryState | null>(foldSummary, null)!, ont), mentions: [...mentions] };
}

/** What the store needs from the event stage to merge mentions: pure functions, bound to an ontology. */
export interface MergePolicy {
  readonly dyad: (m: CodedMention) => string;
  readonly pick: (candidates: readonly EventSummary[], m: CodedMention) => EventSummary | null;
  readonly newId: (m: CodedMention) => string;
  readonly summarise: (id: string, mentions: readonly EventMention[]) => EventRecord;
  /** The summary after one more mention, and the record a summary stands for (see SummaryState). */
  readonly fold: (state: SummaryState | null, m: CodedMention) => SummaryState;
  readonly record: (id: string, state: SummaryState) => Omit<EventRecord, 'mentions'>;
  readonly interval: (m: CodedMention) => Interval | null;
}

export function mergePolicy(ont: Ontology): MergePolicy {
  return {
    dyad: (m) => dyadKey(m, ont),
    pick: pickEvent,
    newId: newEventId,
    summarise: (id, ms) => summarise(id, ms, ont),
    fold: foldSummary,
    record: (id, state) => summaryRecord(id, state, ont),
    interval: mentionInterval,
  };
}

/** Merge mentions in memory, in order (what the store does incrementally): for tests, eval and bench. */
export function mergeInMemory(mentions: readonly EventMention[], ont: Ontology): EventRecord[] {
  const policy = mergePolicy(ont);
  const events = new Map<string, { key: string; cameo: string; negated: boolean; ms: EventMention[] }>();
  for (const m of mentions) {
    const key = `${rootOf(m.cameo)}|${policy.dyad(m)}|${m.negated}`;
    const candidates: EventSummary[] = [];
    for (const [id, e] of events) {
      if (e.key !== key) continue;
      const rec = policy.summarise(id, e.ms);
      const articles = new Set(e.ms.map((x) => x.article_id));
      candidates.push({ id, people: [...new Set(e.ms.flatMap(mentionPeople))], onlyArticle: articles.size === 1 ? [...articles][0]! : null, cameo: rec.cameo, negated: e.negated, bounds: intervalBounds(e.ms.map(policy.interval).filter((x): x is Interval => x !== null)), mentions: e.ms.length });
    }
    const hit = policy.pick(candidates, m);
    if (hit) events.get(hit.id)!.ms.push(m);
    else events.set(policy.newId(m), { key, cameo: m.cameo, negated: m.negated, ms: [m] });
  }
  return [...events.entries()].map(([id, e]) => policy.summarise(id, e.ms));
}
