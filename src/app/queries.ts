/**
 * The application layer every face calls (CLI, HTTP API, workers): parameter checks, the reads a
 * report is built from, and export assembly. Faces keep only their own parsing and rendering;
 * mistakes in parameters are USAGE errors and unknown ids NOT_FOUND errors from the one catalog
 * (src/errors.ts), which each face maps once (exit codes 2 and 1, HTTP 400 and 404).
 */
import { notFound, usageError } from '../errors.js';
import type { EventRecord } from '../events/types.js';
import { eventsCsv, eventsGdelt, eventsGeojson, eventsJsonl, eventsParquet, mentionsGdelt } from '../export/events.js';
import type { EventFilter, SearchHit, Store } from '../store/store.js';
import type { Article } from '../types/article.js';
import { buildStoryReport, buildThreadReport, type ReportArticle, type ReportCoverage, type StoryReport, type ThreadReport } from '../stories/report.js';
import type { StoryRecord } from '../types/stories.js';

/** How a face names a parameter in its messages: `--since` on the command line, `since` in a query string. */
export type ParamName = (name: string) => string;
export const cliParam: ParamName = (name) => `--${name}`;
export const httpParam: ParamName = (name) => name;

/** A date parameter: YYYY-MM-DD, or YYYY-MM / YYYY as a shorthand for the start (since) or end (until). */
export function parseDateOption(value: string, edge: 'start' | 'end', name = 'date'): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value.trim()); // DAY_PATTERN, with its parts
  if (!m) throw usageError(`invalid ${name} "${value}": use YYYY-MM-DD`);
  const [, y, mo, d] = m;
  if ((mo && (Number(mo) < 1 || Number(mo) > 12)) || (d && (Number(d) < 1 || Number(d) > 31))) throw usageError(`invalid ${name} "${value}": no such month or day`);
  if (d) return `${y}-${mo}-${d}`;
  if (mo) return edge === 'start' ? `${y}-${mo}-01` : `${y}-${mo}-31`;
  return edge === 'start' ? `${y}-01-01` : `${y}-12-31`;
}

/** A count parameter (a limit): a positive whole number, or undefined when not given. */
export function parseCount(value: string | undefined, name: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw usageError(`invalid ${name} "${value}": a whole number from 1${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`);
  return Number(value);
}

/** The event filters `wirescope events`, `export` and the API's /api/events share, as the user typed them. */
export interface EventQuery {
  readonly actor?: string;
  readonly dyad?: string;
  readonly cameo?: string;
  readonly plover?: string;
  readonly since?: string;
  readonly until?: string;
  readonly outlet?: string;
  readonly limit?: string;
}

/** The forms of the event filters, shared with the HTTP API's zod schemas (src/server/schemas.ts). */
export const DAY_PATTERN = /^\d{4}(-\d{2}(-\d{2})?)?$/;
export const DYAD_PATTERN = /^[A-Za-z]{3,}[-~>][A-Za-z]{3,}$/;
export const CAMEO_PATTERN = /^\d{2,4}$/;
export const ACTOR_PATTERN = /^[A-Za-z]{1,20}$/;

export function eventFilter(q: EventQuery, param: ParamName = cliParam): EventFilter {
  if (q.dyad && !DYAD_PATTERN.test(q.dyad)) throw usageError(`invalid ${param('dyad')} "${q.dyad}": use SOURCE-TARGET country codes, e.g. RUS-IRN`);
  if (q.cameo && !CAMEO_PATTERN.test(q.cameo)) throw usageError(`invalid ${param('cameo')} "${q.cameo}": use a CAMEO code or its start, e.g. 04 or 041`);
  if (q.actor !== undefined && !ACTOR_PATTERN.test(q.actor)) throw usageError(`invalid ${param('actor')} "${q.actor}": use an actor code or its start, e.g. RUS or RUSGOV`);
  return {
    actor: q.actor,
    dyad: q.dyad,
    cameo: q.cameo,
    plover: q.plover,
    since: q.since ? parseDateOption(q.since, 'start', param('since')) : undefined,
    until: q.until ? parseDateOption(q.until, 'end', param('until')) : undefined,
    outlet: q.outlet,
    limit: parseCount(q.limit, param('limit')),
  };
}

/** Full ids for ids or unique prefixes a user gave; NOT_FOUND naming the first unknown one. */
export async function resolveArticleIds(store: Store, ids: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of ids) {
    const a = await store.getArticle(id);
    if (!a) throw notFound(`article "${id}"`);
    out.push(a.id);
  }
  return out;
}

/** The articles (with annotations) and events a story or thread report is built from. */
export async function gather(store: Store, articleIds: readonly string[]): Promise<{ articles: ReportArticle[]; events: EventRecord[] }> {
  const articles: ReportArticle[] = [];
  const events = new Map<string, EventRecord>();
  for (const id of articleIds) {
    const article = await store.getArticle(id);
    if (!article) continue;
    articles.push({ article, annotations: await store.getAnnotations(id) });
    // Only these articles' mentions: an event many outlets reported can have thousands.
    for (const e of await store.listEvents({ article: id, mentions: 'article' })) {
      const seen = events.get(e.id);
      events.set(e.id, seen ? { ...seen, mentions: [...seen.mentions, ...e.mentions] } : e);
    }
  }
  return { articles, events: [...events.values()] };
}

export async function eventById(store: Store, id: string): Promise<EventRecord> {
  const e = await store.getEvent(id);
  if (!e) throw notFound(`event "${id}"`);
  return e;
}

/**
 * A report compares every claim with every other: on a story of a thousand articles that takes
 * minutes. Reports cover the latest REPORT_MAX_ARTICLES articles placed (stories are filled in
 * publication order) and say so in `coverage`.
 */
export const REPORT_MAX_ARTICLES = 150;

function latest(ids: readonly string[]): { ids: readonly string[]; coverage?: ReportCoverage } {
  return ids.length <= REPORT_MAX_ARTICLES ? { ids } : { ids: ids.slice(-REPORT_MAX_ARTICLES), coverage: { articles: ids.length, reported: REPORT_MAX_ARTICLES } };
}

/** One story's report (the `story --json` contract): timeline, claims across outlets, chains. */
export async function storyReport(store: Store, id: string): Promise<StoryReport> {
  const story = await store.getStory(id);
  if (!story) throw notFound(`story "${id}"`);
  const { ids, coverage } = latest(story.article_ids);
  const { articles, events } = await gather(store, ids);
  const report = buildStoryReport(story, articles, events);
  return coverage ? { ...report, coverage } : report;
}

export async function threadReport(store: Store, id: string): Promise<ThreadReport> {
  const thread = await store.getThread(id);
  if (!thread) throw notFound(`thread "${id}"`);
  const stories = (await Promise.all(thread.story_ids.map((s) => store.getStory(s)))).filter((s): s is StoryRecord => s !== null);
  // Oldest stories first, so that `latest` keeps the most recent stories' articles.
  const { ids, coverage } = latest([...stories].sort((a, b) => (a.end ?? '').localeCompare(b.end ?? '')).flatMap((s) => s.article_ids));
  const { articles, events } = await gather(store, ids);
  const report = buildThreadReport(thread, stories, articles, events);
  return coverage ? { ...report, coverage } : report;
}

export const EXPORT_FORMATS = ['jsonl', 'csv', 'gdelt', 'parquet', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function exportFormat(value: string | undefined, param: ParamName = cliParam): ExportFormat {
  const f = value ?? 'jsonl';
  if (!(EXPORT_FORMATS as readonly string[]).includes(f)) throw usageError(`unknown ${param('format')} "${f}": use ${EXPORT_FORMATS.slice(0, -1).join(', ')} or ${EXPORT_FORMATS.at(-1)}`);
  return f as ExportFormat;
}

/** GDELT 2.0's two files (events and mentions) for these events; mentions need each article's length. */
export async function gdeltFiles(store: Store, events: readonly EventRecord[], header = false): Promise<{ events: string; mentions: string }> {
  const lengths = new Map<string, number>();
  for (const id of new Set(events.flatMap((e) => e.mentions.map((m) => m.article_id)))) {
    const a = await store.getArticle(id);
    if (a) lengths.set(id, a.body.length);
  }
  return { events: eventsGdelt(events, header), mentions: mentionsGdelt(events, (id) => lengths.get(id) ?? null, header) };
}

/** One export as a single document (every format but GDELT's pair of files). */
export async function exportDocument(events: readonly EventRecord[], format: Exclude<ExportFormat, 'gdelt'>): Promise<string | Uint8Array> {
  if (format === 'parquet') return eventsParquet(events);
  return format === 'csv' ? eventsCsv(events) : format === 'geojson' ? eventsGeojson(events) : eventsJsonl(events);
}

/** The listing record: the Article without its body and offsets (use `show` for those). */
export function articleSummary(a: Article) {
  return {
    id: a.id,
    url: a.url,
    outlet: a.outlet,
    title: a.title,
    published: a.published,
    published_precision: a.published_precision,
    language: a.language,
    byline: a.byline,
    format: a.format,
    source_path: a.source_path,
    source_locator: a.source_locator,
    duplicate_of: a.duplicate_of,
    duplicate_similarity: a.duplicate_similarity,
    chars: a.body.length,
    paragraphs: a.paragraphs.length,
    captions: a.captions.length,
    warnings: a.warnings,
    ingested_at: a.ingested_at,
  };
}

/** A search hit as `search --json` and /api/search list it. */
export function searchHitRecord(h: SearchHit) {
  return {
    id: h.article.id,
    title: h.article.title,
    outlet: h.article.outlet,
    published: h.article.published,
    url: h.article.url,
    duplicate_of: h.article.duplicate_of,
    snippet: h.snippet,
    score: Math.round(h.score * 1000) / 1000,
  };
}

/** One article as `show --json [--annotations]` prints it: the article, and its annotations when asked and made. */
export async function articleView(store: Store, id: string, withAnnotations: boolean) {
  const article = await store.getArticle(id);
  if (!article) throw notFound(`article "${id}"`);
  if (!withAnnotations) return { article };
  const annotations = await store.getAnnotations(article.id);
  if (!annotations) return { article, annotated: false as const };
  const { sentences, entities, actors, times, claims, skipped, annotator_version } = annotations;
  return { article, annotated: true as const, sentences, entities, actors, times, claims, skipped, annotator_version };
}

/** A story on the front page: its record and a one-line latest development (its latest, most reported event). */
export interface StoryHeadline extends StoryRecord {
  readonly development: { readonly event_id: string; readonly date: string | null; readonly text: string; readonly quad_class: number } | null;
}

export function developmentLine(e: EventRecord): string {
  const side = (a: EventRecord['source']) => a?.name ?? null;
  const who = side(e.source);
  const whom = side(e.target);
  return `${who ?? 'Someone'} — ${e.cameo_name.toLowerCase()}${whom ? ` — ${whom}` : ''}${e.location ? ` (${e.location.name})` : ''}${e.negated ? ' [denied/negated]' : ''}${e.hedged ? ' [hedged]' : ''}`;
}

/** The latest stories with their latest development, for the UI's Today page. */
export async function storyHeadlines(store: Store, filter: { limit: number; offset?: number; since?: string }): Promise<StoryHeadline[]> {
  const stories = await store.listStories(filter);
  const out: StoryHeadline[] = [];
  for (const story of stories) {
    let best: EventRecord | null = null;
    const count = (e: EventRecord) => e.mention_count ?? e.mentions.length;
    for (const e of await store.listEvents({ ids: story.event_ids, mentions: 0 })) {
      if (e.negated) continue;
      if (!best || (e.date ?? '') > (best.date ?? '') || ((e.date ?? '') === (best.date ?? '') && count(e) > count(best))) best = e;
    }
    out.push({ ...story, development: best ? { event_id: best.id, date: best.date, text: developmentLine(best), quad_class: best.quad_class } : null });
  }
  return out;
}

/** What the event explorer draws, over every matching event (not one page): counts by period and QuadClass, places, dyads. */
export interface EventSummary {
  readonly total: number;
  /** Events with no date, not in `periods`. */
  readonly undated: number;
  /** Days when the dated events span 120 days or less, else months. */
  readonly period: 'day' | 'month';
  readonly periods: { readonly period: string; readonly quad: [number, number, number, number] }[];
  readonly places: { readonly name: string; readonly country: string | null; readonly lat: number; readonly lon: number; readonly events: number; readonly quad_class: number }[];
  /** Country (or actor code) pairs, either way round, most events first. */
  readonly dyads: { readonly a: string; readonly b: string; readonly events: number }[];
}

const DAY_MS = 86_400_000;

/** Every day or month from the first key to the last, so that a time axis has no holes. */
function continuous(keys: readonly string[], period: 'day' | 'month'): string[] {
  const first = keys[0];
  const last = keys.at(-1);
  if (!first || !last) return [];
  const out: string[] = [];
  const d = new Date(`${period === 'month' ? `${first}-01` : first}T00:00:00Z`);
  const end = period === 'month' ? last : last.slice(0, 10);
  for (let k = first; k <= end && out.length < 5000; ) {
    out.push(k);
    if (period === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCDate(d.getUTCDate() + 1);
    k = d.toISOString().slice(0, period === 'month' ? 7 : 10);
  }
  return out;
}

/** Negated events (said not to have happened) are left out of every count. */
export function summarizeEvents(events: readonly EventRecord[], maxDyads = 60): EventSummary {
  const live = events.filter((e) => !e.negated);
  const dated = live.filter((e) => e.date);
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of dated) {
    const t = Date.parse(`${e.date!.slice(0, 10)}T00:00:00Z`);
    if (!Number.isFinite(t)) continue;
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  }
  const period = hi - lo > 120 * DAY_MS ? 'month' : 'day';
  const bins = new Map<string, [number, number, number, number]>();
  for (const e of dated) {
    const k = period === 'month' ? e.date!.slice(0, 7) : e.date!.slice(0, 10);
    const b = bins.get(k) ?? [0, 0, 0, 0];
    b[Math.min(3, Math.max(0, e.quad_class - 1))]! += 1;
    bins.set(k, b);
  }
  const places = new Map<string, { name: string; country: string | null; lat: number; lon: number; events: number; quad_class: number }>();
  for (const e of live) {
    const l = e.location;
    if (!l || l.lat === null || l.lon === null) continue;
    const k = `${l.lat},${l.lon}`;
    const p = places.get(k) ?? { name: l.name, country: l.country, lat: l.lat, lon: l.lon, events: 0, quad_class: e.quad_class };
    p.events++;
    places.set(k, p);
  }
  const dyads = new Map<string, { a: string; b: string; events: number }>();
  const side = (a: EventRecord['source']) => a?.country ?? a?.code ?? null;
  for (const e of live) {
    const x = side(e.source);
    const y = side(e.target);
    if (!x || !y || x === y) continue;
    const [a, b] = x < y ? [x, y] : [y, x];
    const d = dyads.get(`${a}|${b}`) ?? { a, b, events: 0 };
    d.events++;
    dyads.set(`${a}|${b}`, d);
  }
  return {
    total: live.length,
    undated: live.length - dated.length,
    period,
    periods: continuous([...bins.keys()].sort(), period).map((k) => ({ period: k, quad: bins.get(k) ?? [0, 0, 0, 0] })),
    places: [...places.values()].sort((p, q) => q.events - p.events),
    dyads: [...dyads.values()].sort((p, q) => q.events - p.events || p.a.localeCompare(q.a)).slice(0, maxDyads),
  };
}
