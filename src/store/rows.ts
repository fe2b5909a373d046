/**
 * What both store backends share: the article row and its mapping, the search terms of user text,
 * and an event's stored row computed from its mentions (the merge policy decides; the backend only
 * writes). Backend-neutral, so SQLite and PostgreSQL cannot drift apart.
 */
import { rootOf } from '../events/ontology.js';
import { mentionPeople, type EventSummary, type Interval, type MergePolicy, type SummaryState } from '../events/merge.js';
import type { CodedMention, EventMention, EventRecord } from '../events/types.js';
import type { Article } from '../types/article.js';

export interface ArticleRow {
  id: string;
  url: string | null;
  outlet: string | null;
  title: string | null;
  published: string | null;
  published_precision: string | null;
  language: string;
  byline: string | null;
  body: string;
  paragraphs: string;
  captions: string;
  warnings: string;
  format: string;
  source_path: string;
  source_locator: string | null;
  duplicate_of: string | null;
  duplicate_similarity: number | null;
  ingested_at: string;
}

export const ARTICLE_FIELDS = [
  'id', 'url', 'outlet', 'title', 'published', 'published_precision', 'language', 'byline', 'body', 'paragraphs',
  'captions', 'warnings', 'format', 'source_path', 'source_locator', 'duplicate_of', 'duplicate_similarity', 'ingested_at',
] as const;

export function rowToArticle(r: ArticleRow): Article {
  return {
    id: r.id,
    url: r.url,
    outlet: r.outlet,
    title: r.title,
    published: r.published,
    published_precision: r.published_precision as Article['published_precision'],
    language: r.language,
    byline: r.byline,
    body: r.body,
    paragraphs: JSON.parse(r.paragraphs) as Article['paragraphs'],
    captions: JSON.parse(r.captions) as Article['captions'],
    warnings: JSON.parse(r.warnings) as string[],
    format: r.format as Article['format'],
    source_path: r.source_path,
    source_locator: r.source_locator,
    duplicate_of: r.duplicate_of,
    duplicate_similarity: r.duplicate_similarity,
    ingested_at: r.ingested_at,
  };
}

/** An article's values in ARTICLE_FIELDS order, its lists as JSON. */
export function articleValues(a: Article): unknown[] {
  const row = { ...a, paragraphs: JSON.stringify(a.paragraphs), captions: JSON.stringify(a.captions), warnings: JSON.stringify(a.warnings) } as Record<string, unknown>;
  return ARTICLE_FIELDS.map((f) => row[f] ?? null);
}

/**
 * User search text as phrases of words: `"a b" c` is the phrase "a b" and the word c, every other
 * character is a separator. The query can only ever mean "these words", never query syntax.
 */
export function searchPhrases(input: string): string[][] {
  const out: string[][] = [];
  const re = /"([^"]*)"|([^\s"]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input))) {
    const terms = (m[1] ?? m[2] ?? '').match(/[\p{L}\p{N}]+/gu);
    if (terms) out.push(terms);
  }
  return out;
}

/** Lower case without diacritics (as SQLite's unicode61 tokenizer with remove_diacritics compares words). */
export function foldWord(w: string): string {
  return w.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Candidate events as the merge policy reads them, from their stored columns. */
export interface CandidateRow {
  id: string;
  cameo: string;
  negated: number | boolean;
  lo: string | null;
  hi: string | null;
  people: string;
  only_article: string | null;
  mention_count: number;
  /** The event's SummaryState (JSON); null on events stored before it was kept. */
  summary: string | null;
}

export function candidateSummary(r: CandidateRow): EventSummary {
  return {
    id: r.id, people: JSON.parse(r.people) as string[], cameo: r.cameo, negated: r.negated === 1 || r.negated === true,
    bounds: r.lo !== null && r.hi !== null ? { lo: r.lo, hi: r.hi } : null, onlyArticle: r.only_article, mentions: r.mention_count,
  };
}

/** An event's stored row: its summary by the merge policy and the columns merging and filters read. */
export interface EventRow {
  id: string;
  root: string;
  dyad: string;
  negated: boolean;
  cameo: string;
  date: string | null;
  date_precision: string;
  source_code: string | null;
  source_country: string | null;
  target_code: string | null;
  target_country: string | null;
  plover: string | null;
  mention_count: number;
  /** No longer kept (migration 9: lo/hi and only_article say what merging needs): always "[]". */
  intervals: string;
  lo: string | null;
  hi: string | null;
  people: string;
  /** No longer kept, as `intervals`. */
  articles: string;
  only_article: string | null;
  summary: string;
  doc: string;
}

export const EVENT_FIELDS = ['id', 'root', 'dyad', 'negated', 'cameo', 'date', 'date_precision', 'source_code', 'source_country', 'target_code', 'target_country', 'plover', 'mention_count', 'intervals', 'lo', 'hi', 'people', 'articles', 'only_article', 'summary', 'doc'] as const;

/** Everything an event's row is made from, as a fold over its mentions in stored order: constant size. */
interface EventFold {
  readonly state: SummaryState;
  readonly bounds: Interval | null;
  readonly people: string[];
  readonly onlyArticle: string | null;
  readonly count: number;
}

function addMention(f: EventFold | null, m: CodedMention, policy: MergePolicy): EventFold {
  const iv = policy.interval(m);
  const people = f ? [...f.people] : [];
  for (const p of mentionPeople(m)) if (!people.includes(p)) people.push(p);
  const b = f?.bounds ?? null;
  return {
    state: policy.fold(f?.state ?? null, m),
    // The intersection so far (intervalBounds of the dated intervals, folded).
    bounds: iv ? (b ? { lo: iv.lo > b.lo ? iv.lo : b.lo, hi: iv.hi < b.hi ? iv.hi : b.hi } : iv) : b,
    people,
    onlyArticle: f === null ? m.article_id : f.onlyArticle === m.article_id ? f.onlyArticle : null,
    count: (f?.count ?? 0) + 1,
  };
}

function rowOf(eventId: string, f: EventFold, policy: MergePolicy, dyad: string): EventRow {
  const e = policy.record(eventId, f.state);
  return {
    id: eventId, root: e.cameo_root, dyad, negated: e.negated, cameo: e.cameo, date: e.date, date_precision: e.date_precision,
    source_code: e.source?.code ?? null, source_country: e.source?.country ?? null, target_code: e.target?.code ?? null, target_country: e.target?.country ?? null,
    plover: e.plover.type, mention_count: f.count, intervals: '[]', lo: f.bounds?.lo ?? null, hi: f.bounds?.hi ?? null,
    people: JSON.stringify(f.people), articles: '[]', only_article: f.onlyArticle, summary: JSON.stringify(f.state), doc: JSON.stringify(e),
  };
}

/** An event's row from all its mentions (a new event, or one that lost mentions); the mentions as stored will do. */
export function eventRow(eventId: string, mentions: readonly CodedMention[], policy: MergePolicy, dyad: string): EventRow {
  return rowOf(eventId, mentions.reduce<EventFold | null>((f, m) => addMention(f, m, policy), null)!, policy, dyad);
}

/**
 * A stored event's row after one more mention, from its stored columns alone; null when the row
 * has no stored summary (written by an older wirescope): then it is recomputed from its mentions.
 */
export function eventRowAdding(prev: CandidateRow, m: EventMention, policy: MergePolicy, dyad: string): EventRow | null {
  if (!prev.summary) return null;
  const f: EventFold = {
    state: JSON.parse(prev.summary) as SummaryState, bounds: prev.lo !== null && prev.hi !== null ? { lo: prev.lo, hi: prev.hi } : null,
    people: JSON.parse(prev.people) as string[], onlyArticle: prev.only_article, count: prev.mention_count,
  };
  return rowOf(prev.id, addMention(f, m, policy), policy, dyad);
}

/** The merge key a mention is matched on (root, dyad, negation) and its date window. */
export function candidateKey(m: EventMention, policy: MergePolicy): { root: string; dyad: string; negated: boolean; lo: string | null; hi: string | null } {
  const iv = policy.interval(m);
  return { root: rootOf(m.cameo), dyad: policy.dyad(m), negated: m.negated, lo: iv?.lo ?? null, hi: iv?.hi ?? null };
}

/** An event record from its stored document and mentions. */
export function eventRecord(doc: string, mentions: EventMention[], mentionCount?: number): EventRecord {
  return { ...(JSON.parse(doc) as Omit<EventRecord, 'mentions'>), mentions, mention_count: mentionCount ?? mentions.length };
}

/**
 * A passage of `text` around the words of the query, hits wrapped in « and » (as FTS5's snippet
 * marks them): the window of `words` words holding the most hits, "…" where text was cut.
 */
export function snippet(text: string, phrases: readonly (readonly string[])[], words = 16): string {
  const wanted = new Set(phrases.flat().map(foldWord));
  const tokens = [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length, hit: wanted.has(foldWord(m[0])) }));
  if (!tokens.length) return '';
  // Each window starts at a hit or a couple of words before it (a reader wants its context; the
  // earlier start wins a tie) and is scored as it will be shown.
  let start = 0;
  let bestHits = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]!.hit && i > 0) continue;
    for (const lead of [2, 0]) {
      const from = Math.max(0, Math.min(i - lead, tokens.length - words));
      let hits = 0;
      for (let j = from; j < Math.min(tokens.length, from + words); j++) if (tokens[j]!.hit) hits++;
      if (hits > bestHits) {
        start = from;
        bestHits = hits;
      }
    }
  }
  const end = Math.min(tokens.length, start + words);
  let out = start > 0 ? '…' : '';
  let at = tokens[start]!.start;
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    out += text.slice(at, t.start) + (t.hit ? `«${text.slice(t.start, t.end)}»` : text.slice(t.start, t.end));
    at = t.end;
  }
  return end < tokens.length ? `${out}…` : out + text.slice(at).trimEnd();
}

/** The words of a text as the search index keeps them: folded, one space apart. */
export function searchWords(text: string | null): string {
  return (text ?? '').match(/[\p{L}\p{N}]+/gu)?.map(foldWord).join(' ') ?? '';
}

/** Whether a process of this host is running (a lease held by a dead one is free). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a stored lease keeps `holder` out: held by another, not run out, its process not known dead. */
export function leaseBlocks(row: { holder: string; pid: number; host: string; expires_at: number } | undefined, holder: { holder: string; host: string }, now: number): boolean {
  return !!row && row.holder !== holder.holder && row.expires_at > now && !(row.host === holder.host && !processAlive(row.pid));
}

/**
 * A WHERE clause built from conditions written with `?` placeholders, and its parameters in
 * order: SQLite keeps the `?`, PostgreSQL numbers them $1, $2… Both stores build their filters
 * with it, so a filter reads the same in both.
 */
export class Where {
  readonly params: unknown[] = [];
  private readonly conds: string[] = [];

  constructor(private readonly style: 'sqlite' | 'postgres') {}

  add(cond: string, ...values: unknown[]): void {
    this.conds.push(cond.replace(/\?/g, () => this.param(values.shift())));
  }

  param(value: unknown): string {
    this.params.push(value);
    return this.style === 'postgres' ? `$${this.params.length}` : '?';
  }

  sql(): string {
    return this.conds.length ? `WHERE ${this.conds.join(' AND ')}` : '';
  }
}


/** The parts of an article a stored mention is completed from. */
export interface MentionArticle {
  readonly outlet: string | null;
  readonly url: string | null;
  readonly published: string | null;
  readonly body: string;
}

/**
 * What the store keeps of a mention (issue #13): everything but what its article already holds,
 * the outlet, URL and date and the sentence's text (offsets `sentence_start`/`sentence_end` say where).
 */
export function storedMention(m: EventMention): CodedMention {
  const { outlet: _o, url: _u, published: _p, text: _t, ...kept } = m;
  return kept;
}

/** A stored mention completed from its article. Rows written before mentions were stored so carry these fields themselves: the article's values are the same. */
export function fullMention(stored: CodedMention, a: MentionArticle): EventMention {
  return { ...stored, outlet: a.outlet, url: a.url, published: a.published, text: a.body.slice(stored.sentence_start, stored.sentence_end) };
}

/** Completes stored mentions (in order) from their articles (`articles`: every article they name). */
export function completeMentions<R extends { article_id: string; doc: string }>(rows: readonly R[], articles: ReadonlyMap<string, MentionArticle>): { row: R; mention: EventMention }[] {
  return rows.map((row) => {
    const a = articles.get(row.article_id);
    if (!a) throw new Error(`event mention of article ${row.article_id}, which the store does not hold`);
    return { row, mention: fullMention(JSON.parse(row.doc) as CodedMention, a) };
  });
}
