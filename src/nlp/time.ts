/**
 * Time expressions in a news article, resolved against its publication date.
 *
 * chrono-node (en casual, run once over the whole text) proposes candidates; this module then
 * trims and filters them and computes the values itself, because chrono's defaults suit a calendar
 * app, not news: a bare weekday is read as the most recent such day (news reports the past), weeks
 * are ISO weeks (Monday), bare years ("in 2025"), decades and quarters are added, and the usual
 * false positives in news prose ("may", "a protest march", "The Sun", "John 3:16", "24/7") are dropped.
 *
 * Mention spans exclude a leading preposition ("on Sunday" → "Sunday", "in 2025" → "2025") but
 * keep modifiers ("late Friday", "earlier this week", "mid-2025").
 */
import * as chrono from 'chrono-node';
import type { ParsedComponents, ParsedResult } from 'chrono-node';

export type TimePrecision = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year' | 'decade';

export interface TimeMention {
  readonly text: string;
  /** Offsets into the input text, end-exclusive: `text.slice(start, end) === mention.text`. */
  readonly start: number;
  readonly end: number;
  /**
   * `YYYY-MM-DD` (day; week = the ISO week's Monday), `YYYY-MM` (month), `YYYY-Qn` (quarter),
   * `YYYY` (year), `1990s` (decade), `YYYY-MM-DDTHH:MM` (hour/minute, with `Z`/`±HH:MM` only when
   * the text gives a zone). Null when vague or when it needs a publication date that is missing.
   */
  readonly value: string | null;
  readonly precision: TimePrecision | null;
  /** True when the value depended (or would depend) on the publication date. */
  readonly relative: boolean;
  /** For ranges ("March 3 to March 5, 2026", "from 2019 to 2021"): the end, same format as `value`. */
  readonly end_value?: string | null;
}

export interface TimeOptions {
  /** ISO date or timestamp; its calendar date (as written) is the reference day. */
  readonly published: string | null;
}

// ---------------------------------------------------------------------------------------------
// Calendar helpers (pure UTC arithmetic on calendar dates; no local time zone involved)

interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');
const fmtDay = (x: Ymd): string => `${pad4(x.y)}-${pad2(x.m)}-${pad2(x.d)}`;
const fmtMonth = (y: number, m: number): string => `${pad4(y)}-${pad2(m)}`;

function toUtc(x: Ymd): Date {
  return new Date(Date.UTC(x.y, x.m - 1, x.d));
}
function fromUtc(d: Date): Ymd {
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}
function addDays(x: Ymd, n: number): Ymd {
  const d = toUtc(x);
  d.setUTCDate(d.getUTCDate() + n);
  return fromUtc(d);
}
/** 0 = Sunday … 6 = Saturday. */
function weekdayOf(x: Ymd): number {
  return toUtc(x).getUTCDay();
}
/** Monday of the ISO week containing x. */
function mondayOf(x: Ymd): Ymd {
  return addDays(x, -((weekdayOf(x) + 6) % 7));
}
function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const idx = y * 12 + (m - 1) + n;
  return { y: Math.floor(idx / 12), m: (idx % 12) + 1 };
}
function dayDiff(a: Ymd, b: Ymd): number {
  return Math.round((toUtc(a).getTime() - toUtc(b).getTime()) / 86_400_000);
}
function validDay(y: number, m: number, d: number): boolean {
  const x = fromUtc(toUtc({ y, m, d }));
  return x.y === y && x.m === m && x.d === d;
}

function parsePublished(p: string | null): Ymd | null {
  if (p === null) return null;
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(p);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return validDay(y, mo, d) ? { y, m: mo, d } : null;
}

// ---------------------------------------------------------------------------------------------
// Lexical cues

const MONTH_WORD =
  /\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/gi;
const MONTH_NAME = new RegExp(`^${MONTH_WORD.source}$`, 'i');
const FULL_WEEKDAY = /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/i;
/** Words that, right before a lone month name, make it a date ("in March", "early May", "end of March"). */
const MONTH_LEAD = /\b(?:in|since|by|until|till|from|during|of|through|throughout|early|late|mid|last|this|next|before|after|to|between|and|or|around|for)[\s-]+$/i;
/** "Good Friday", "Black Friday", "Super Tuesday": named days, not "the most recent Friday". */
const NAMED_DAY_LEAD = /\b(?:good|black|bloody|cyber|ash|palm|easter|holy|maundy|super|fat|shrove|whit|giving|orthodox)\s+$/i;
/** Modifiers folded into the mention ("late Friday", "earlier today", "mid-March"). */
const MODIFIER_LEAD = /\b(late|early|earlier|later|mid)(?:\s+|-)$/i;
/** Future-tense cues in the 40 chars before a weekday or lone month. */
const FUTURE_CUE =
  /\b(?:will|shall|won['’]t|scheduled|slated|upcoming|coming|set\s+to|(?:is|are)\s+(?:due|to|expected)|expected\s+to|plans?\s+to|planning\s+to|going\s+to|intends?\s+to)\b|['’]ll\b/i;
/** Time-of-day cue before a bare "14:30". */
const TIME_CUE = /\b(?:at|by|around|about|until|till|from|before|after|since|shortly|approximately|roughly|to)\s+$/i;
const VAGUE =
  /^(?:the\s+)?(?:(?:recent|coming|past|last|next|previous)\s+(?:few|several|couple\s+of)\s+|recent\s+|coming\s+|(?:past|last|next)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty-four)\s+)?(?:minutes?|hours?|days?|weeks?|months?|years?|decades?)$/i;
/** Anaphoric expressions: relative to the narrated event, not the publication date. */
const ANAPHORIC =
  /(?:\b(?:later|earlier|before|after|afterwards|prior|previously)$)|^(?:the\s+)?(?:(?:next|following|previous|prior)\s+(?:day|morning|afternoon|evening|night)|(?:following|previous|prior)\s+(?:week|month|year))$/i;

/** Context before `start`, cut at the last sentence boundary, at most 40 chars. */
function leftContext(text: string, start: number): string {
  const ctx = text.slice(Math.max(0, start - 40), start);
  const cut = Math.max(ctx.lastIndexOf('. '), ctx.lastIndexOf('! '), ctx.lastIndexOf('? '), ctx.lastIndexOf('\n'));
  return cut >= 0 ? ctx.slice(cut + 1) : ctx;
}

function inUrl(text: string, start: number, end: number): boolean {
  const stop = /[\s<>()[\]"'`]/;
  let a = start;
  while (a > 0 && !stop.test(text[a - 1]!)) a--;
  let b = end;
  while (b < text.length && !stop.test(text[b]!)) b++;
  return /https?:\/\/|www\.|\.(?:com|org|net|ng|ru|uk)\//i.test(text.slice(a, b));
}

// ---------------------------------------------------------------------------------------------
// Resolution of chrono candidates

interface Resolved {
  readonly value: string | null;
  readonly precision: TimePrecision | null;
  readonly relative: boolean;
}

const VAGUE_RESULT: Resolved = { value: null, precision: null, relative: true };

interface Ctx {
  readonly pub: Ymd | null;
  /** The reference day used for chrono and for computations (the publication date, or a stand-in). */
  readonly ref: Ymd;
  readonly future: boolean;
}

/** A day-level anchor, before the time of day is attached. */
interface DayLevel {
  readonly day: Ymd;
  readonly relative: boolean;
}

function weekdayRule(target: number, core: string, c: Ctx): Ymd {
  const dow = weekdayOf(c.ref);
  const back = (dow - target + 7) % 7;
  const fwd = (target - dow + 7) % 7;
  if (/\b(?:last|past|previous)\s+\w+day\b/i.test(core)) return addDays(c.ref, -(back || 7));
  if (/\bnext\s+\w+day\b/i.test(core)) return addDays(c.ref, fwd || 7);
  if (/\bthis\s+\w+day\b/i.test(core)) return addDays(mondayOf(c.ref), (target + 6) % 7);
  return c.future ? addDays(c.ref, fwd) : addDays(c.ref, -back);
}

function monthRule(month: number, lead: string, c: Ctx): number {
  const { y, m } = c.ref;
  if (/\blast\s+$/i.test(lead)) return month < m ? y : y - 1;
  if (/\bnext\s+$/i.test(lead)) return month > m ? y : y + 1;
  if (/\bthis\s+$/i.test(lead)) return y;
  if (c.future) return month >= m ? y : y + 1;
  return month <= m ? y : y - 1;
}

/** The year nearest the reference for a month/day given without year (ties go to the past). */
function nearestYear(month: number, day: number, c: Ctx): number {
  let best = c.ref.y;
  let bestDist = Infinity;
  for (const y of [c.ref.y - 1, c.ref.y, c.ref.y + 1]) {
    if (!validDay(y, month, day)) continue;
    const diff = dayDiff({ y, m: month, d: day }, c.ref);
    const dist = Math.abs(diff) + (diff > 0 ? 0.5 : 0);
    if (dist < bestDist) {
      bestDist = dist;
      best = y;
    }
  }
  return best;
}

function tzSuffix(comp: ParsedComponents, core: string): string {
  if (!comp.isCertain('timezoneOffset')) return '';
  if (!/\b(?:GMT|UTC|[A-Z]{2,4}T)\b|\dZ$|[+-]\d{2}:?\d{2}\b/.test(core)) return '';
  const off = comp.get('timezoneOffset') ?? 0;
  if (off === 0) return 'Z';
  const a = Math.abs(off);
  return `${off < 0 ? '-' : '+'}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
}

/** Whether the parsed time of day is trustworthy (not "at 10" = a count, not "John 3:16"). */
function strongTime(comp: ParsedComponents, core: string, lead: string, tags: Set<string>): boolean {
  if (!comp.isCertain('hour')) return false;
  if (comp.isCertain('meridiem') && /\d\s*[ap]\.?\s?m\b/i.test(core)) return true;
  if (tzSuffix(comp, core) !== '') return true;
  if ([...tags].some((t) => t.startsWith('casualReference/')) && /\b(?:noon|midnight|midday)\b/i.test(core)) return true;
  if (/o['’]clock/i.test(core)) return true;
  if (/\d:\d{2}/.test(core) && (/^(?:at|by|around|about|until|from)\s/i.test(core) || TIME_CUE.test(lead))) return true;
  return false;
}

function timeValue(day: Ymd, comp: ParsedComponents, core: string): { value: string; precision: TimePrecision } {
  const h = comp.get('hour') ?? 0;
  const mi = comp.isCertain('minute') ? (comp.get('minute') ?? 0) : 0;
  const precision: TimePrecision = /\d[:.]\d{2}/.test(core) || mi !== 0 ? 'minute' : 'hour';
  return { value: `${fmtDay(day)}T${pad2(h)}:${pad2(mi)}${tzSuffix(comp, core)}`, precision };
}

function isCasual(tags: Set<string>): boolean {
  for (const t of tags) if (t.startsWith('casualReference/') || t === 'parser/ENCasualDateParser') return true;
  return false;
}

/**
 * Resolve one chrono component. `core` is the mention text without modifiers; `lead` the text
 * just before the mention; `yearHint` a year borrowed from the other end of a range.
 */
function resolveComponent(
  comp: ParsedComponents,
  tags: Set<string>,
  core: string,
  lead: string,
  c: Ctx,
  yearHint: number | null,
): Resolved | null {
  const lower = core.toLowerCase();
  const noPub = (r: Resolved): Resolved => (r.relative && c.pub === null ? VAGUE_RESULT : r);

  // "this week", "last month", "next year", "this weekend": computed, chrono's values are off.
  const rel = /^(this|last|next)\s+(week|weekend|month|year)$/.exec(lower);
  if (rel) {
    const [, which, unit] = rel;
    const step = which === 'last' ? -1 : which === 'next' ? 1 : 0;
    if (unit === 'week' || unit === 'weekend') {
      return noPub({ value: fmtDay(addDays(mondayOf(c.ref), 7 * step)), precision: 'week', relative: true });
    }
    if (unit === 'month') {
      const x = addMonths(c.ref.y, c.ref.m, step);
      return noPub({ value: fmtMonth(x.y, x.m), precision: 'month', relative: true });
    }
    return noPub({ value: pad4(c.ref.y + step), precision: 'year', relative: true });
  }
  if (/^(?:the\s+)?weekend$/.test(lower)) {
    const sat = c.future ? weekdayRule(6, '', c) : addDays(c.ref, -((weekdayOf(c.ref) - 6 + 7) % 7));
    return noPub({ value: fmtDay(mondayOf(sat)), precision: 'week', relative: true });
  }

  // "3 weeks ago", "two days ago", "in 5 days": precision from the unit named.
  if (tags.has('result/relativeDate')) {
    const y = comp.get('year');
    const m = comp.get('month');
    const d = comp.get('day');
    if (y === null || m === null || d === null) return null;
    const day = { y, m, d };
    const units = [...core.matchAll(/\b(minute|hour|day|week|fortnight|month|quarter|year|decade)s?\b/gi)];
    const unit = units.at(-1)?.[1]?.toLowerCase();
    if (unit === 'week' || unit === 'fortnight') return noPub({ value: fmtDay(mondayOf(day)), precision: 'week', relative: true });
    if (unit === 'month' || unit === 'quarter') return noPub({ value: fmtMonth(y, m), precision: 'month', relative: true });
    if (unit === 'year' || unit === 'decade') return noPub({ value: pad4(y), precision: 'year', relative: true });
    return noPub({ value: fmtDay(day), precision: 'day', relative: true });
  }

  let anchor: DayLevel;
  if (comp.isCertain('day') && comp.isCertain('month')) {
    const m = comp.get('month')!;
    const d = comp.get('day')!;
    if (isCasual(tags)) {
      // today / yesterday / tonight / last night: chrono computed it from the reference day.
      anchor = { day: { y: comp.get('year') ?? c.ref.y, m, d }, relative: true };
    } else if (comp.isCertain('year')) {
      anchor = { day: { y: comp.get('year')!, m, d }, relative: false };
    } else if (yearHint !== null) {
      anchor = { day: { y: yearHint, m, d }, relative: false };
    } else {
      anchor = { day: { y: nearestYear(m, d, c), m, d }, relative: true };
    }
    if (!validDay(anchor.day.y, anchor.day.m, anchor.day.d)) return null;
  } else if (comp.isCertain('weekday')) {
    anchor = { day: weekdayRule(comp.get('weekday')!, core, c), relative: true };
  } else if (comp.isCertain('month')) {
    const m = comp.get('month')!;
    if (comp.isCertain('year')) return { value: fmtMonth(comp.get('year')!, m), precision: 'month', relative: false };
    if (yearHint !== null) return { value: fmtMonth(yearHint, m), precision: 'month', relative: false };
    return noPub({ value: fmtMonth(monthRule(m, lead, c), m), precision: 'month', relative: true });
  } else if (comp.isCertain('year')) {
    return { value: pad4(comp.get('year')!), precision: 'year', relative: false };
  } else if (comp.isCertain('hour')) {
    anchor = { day: c.ref, relative: true };
  } else if (isCasual(tags)) {
    anchor = { day: { y: comp.get('year') ?? c.ref.y, m: comp.get('month') ?? c.ref.m, d: comp.get('day') ?? c.ref.d }, relative: true };
  } else {
    return null;
  }

  if (strongTime(comp, core, lead, tags)) {
    const t = timeValue(anchor.day, comp, core);
    return noPub({ value: t.value, precision: t.precision, relative: anchor.relative });
  }
  if (!comp.isCertain('day') && !comp.isCertain('weekday') && !isCasual(tags)) return null; // weak time only
  return noPub({ value: fmtDay(anchor.day), precision: 'day', relative: anchor.relative });
}

interface Candidate extends Resolved {
  readonly start: number;
  readonly end: number;
  readonly end_value?: string | null;
  /** Lower wins on equal spans. */
  readonly rank: number;
}

function monthTokensLowercase(core: string): boolean {
  for (const m of core.matchAll(MONTH_WORD)) {
    const ch = m[0][0]!;
    if (ch !== ch.toUpperCase()) return true;
  }
  return false;
}

function fromChrono(text: string, r: ParsedResult, c0: Omit<Ctx, 'future'>): Candidate | null {
  let start = r.index;
  let end = r.index + r.text.length;
  // Trailing punctuation chrono swallows ("Friday,"); keep the dot of "p.m." and "Jan.".
  for (;;) {
    const s = text.slice(start, end);
    if (/[\s,;:!?)\]]$/.test(s)) end--;
    else if (/\.$/.test(s) && !/(?:\b[ap]\.m|\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun))\.$/i.test(s)) end--;
    else break;
  }
  const leadPrep = /^(?:on|at)\s+/i.exec(text.slice(start, end));
  if (leadPrep) start += leadPrep[0].length;
  // "20 March-2": chrono reads "-2" as a zone offset.
  if (r.start.isCertain('timezoneOffset') && !r.start.isCertain('hour')) {
    const tail = /\s*[-–+]\d{1,4}$/.exec(text.slice(start, end));
    if (tail) end -= tail[0].length;
  }
  if (end <= start) return null;
  let core = text.slice(start, end);
  if (inUrl(text, start, end)) return null;
  const tags = r.tags();
  const comp = r.start;
  const lead = text.slice(Math.max(0, start - 40), start);

  // Durations, not points in time ("for 2 years", "within two weeks").
  if (/^(?:for|within|over)\s/i.test(core)) return null;
  // Numeric slash dates without a year: fractions, "24/7", scores. "9/11" is the attacks.
  if (tags.has('parser/SlashDateFormatParser') && !comp.isCertain('year')) {
    if (core === '9/11') return { start, end, value: '2001-09-11', precision: 'day', relative: false, rank: 0 };
    return null;
  }
  if (monthTokensLowercase(core)) return null; // "may be", "a protest march"
  const hasDay = comp.isCertain('day');
  if (comp.isCertain('month') && !hasDay && !comp.isCertain('year') && !tags.has('result/relativeDate')) {
    if (!MONTH_LEAD.test(lead)) return null; // "The March on Washington", "May God"
  }
  if (comp.isCertain('weekday') && !hasDay) {
    if (!FULL_WEEKDAY.test(core) && !/weekend/i.test(core)) return null; // "Sat on", "The Sun"
    if (NAMED_DAY_LEAD.test(lead)) return null;
    const next = /^ +([A-Z][a-z]+)/.exec(text.slice(end))?.[1];
    if (/\bthe\s+$/i.test(lead) && /^\w+day$/i.test(core) && next !== undefined && !MONTH_NAME.test(next)) return null; // "the Sunday Times"
  }
  if (/^[\d\s:.,/-]+$/.test(core) && !comp.isCertain('year') && !strongTime(comp, core, lead, tags)) return null;
  if (/^\s*(?:%|percent|per\s+cent)/i.test(text.slice(end))) return null;

  // Modifiers in front ("late Friday", "earlier this week", "mid-March").
  const mod = MODIFIER_LEAD.exec(text.slice(Math.max(0, start - 12), start));
  if (mod && !/^(?:last|this|next|past)\b/i.test(core)) start -= mod[0].length;
  else if (mod && /^this\s+(?:week|month|year)/i.test(core)) start -= mod[0].length;
  const monthOnly = comp.isCertain('month') && !hasDay && !comp.isCertain('year');
  const which = /\b(?:last|next|this)\s+$/i.exec(text.slice(Math.max(0, start - 6), start));
  if (monthOnly && !mod && which) start -= which[0].length; // "last March"
  core = core.replace(/^(?:this\s+)?past\s+(?=\w+day\b)/i, 'last ');

  const ctx: Ctx = { ...c0, future: FUTURE_CUE.test(leftContext(text, start)) || /^(?:next|coming)\b/i.test(core) };
  if (VAGUE.test(core) || ANAPHORIC.test(core) || /^past\s+(?:week|month|year)$/i.test(core)) {
    return { start, end, ...VAGUE_RESULT, rank: 0 };
  }

  const endComp = r.end;
  let startHint: number | null = null;
  let endHint: number | null = null;
  if (endComp) {
    if (!comp.isCertain('year') && endComp.isCertain('year')) startHint = endComp.get('year');
    if (comp.isCertain('year') && !endComp.isCertain('year')) endHint = comp.get('year');
  }
  const res = resolveComponent(comp, tags, core, lead, ctx, startHint);
  if (res === null) return null;
  if (!endComp) return { start, end, ...res, rank: 0 };
  const endRes = resolveComponent(endComp, endComp.tags(), core, lead, ctx, endHint);
  return { start, end, ...res, end_value: endRes?.value ?? null, rank: 0 };
}

// ---------------------------------------------------------------------------------------------
// Expressions chrono does not parse: bare years, decades, quarters, vague spans

const YEAR = String.raw`(?:19\d\d|20\d\d|2100)`;
/** "in 2025", "since 2014", "by 2030", "the 2025 agreement", "mid-2025", "from 2019 to 2021", "in 2019-21". */
const YEAR_RE = new RegExp(
  String.raw`\b(?:(?<prep>in|since|by|from|until|till|of|during|before|after|through|throughout|circa|between|the|to)\s+)?` +
    String.raw`(?<mod>(?:early|late|mid)(?:\s+|-))?` +
    String.raw`(?<y1>${YEAR})(?:(?<sep>\s*[-–]\s*|\s+(?:to|and|until|through)\s+)(?<y2>${YEAR}|\d\d)\b)?` +
    String.raw`(?![\d%]|[.,:/-]\d|s\b)`,
  'gid',
);
/** Plural nouns after a year that still make it a year ("the 2022 elections"). */
const EVENT_PLURALS = new Set(
  'elections talks games olympics protests negotiations sanctions attacks floods polls midterms riots accords agreements strikes clashes hostilities playoffs finals championships budgets figures results levels earthquakes wildfires primaries hearings sessions summits ceasefires reforms rankings'.split(' '),
);
/** Count nouns that make a 4-digit number a quantity ("2025 people", "of 2000 troops"). */
const COUNT_WORDS = new Set(
  'people persons person others members troops soldiers civilians residents families children men women workers votes units cases deaths dead killed injured wounded homes houses pages km kilometres kilometers miles metres meters feet tons tonnes barrels dollars euros pounds rubles roubles naira rupees yuan yen hours hrs h gmt utc bst est pst cet msk local kg times'.split(' '),
);

function yearCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(YEAR_RE)) {
    const g = m.groups ?? {};
    const idx = m.indices?.groups;
    if (!idx) continue;
    const prep = g.prep?.toLowerCase();
    if (prep === undefined && g.mod === undefined) continue;
    // Not part of an amount or a code: "$2,025", "No. 2025", "#2025".
    const before = text.slice(Math.max(0, m.index - 2), m.index);
    if (/[$€£#\d]\s?$/.test(before)) continue;
    const y1 = Number(g.y1);
    let y2: number | null = null;
    if (g.y2 !== undefined) {
      y2 = g.y2.length === 2 ? Math.floor(y1 / 100) * 100 + Number(g.y2) : Number(g.y2);
      if (y2 <= y1) y2 = null;
    }
    const rangeByWord = g.sep !== undefined && /[a-z]/i.test(g.sep);
    if (rangeByWord && y2 === null) continue; // "between 2019 and 20 …": leave it
    if ((prep === 'between' || prep === 'to') && y2 === null) continue;
    const start = (g.mod !== undefined ? idx.mod : idx.y1)![0];
    const end = y2 !== null ? idx.y2![1] : idx.y1![1];
    const after = text.slice(end);
    const next = /^\s+([A-Za-z][\w'’-]*)/.exec(after)?.[1] ?? '';
    const nextLower = next.toLowerCase();
    if (COUNT_WORDS.has(nextLower)) continue;
    if (/^[a-z]+s$/.test(next) && !EVENT_PLURALS.has(nextLower)) continue; // "of 2000 soldiers"
    if (prep === 'the' && (next === '' || /^\s*[,.;:)]/.test(after))) continue; // "the 2025 ." — not a modifier
    out.push({
      start,
      end,
      value: pad4(y1),
      precision: 'year',
      relative: false,
      ...(y2 !== null ? { end_value: pad4(y2) } : {}),
      rank: 1,
    });
  }
  return out;
}

const DECADE_RE = /(?<![\w$€£'’])(?:(?:early|late|mid)(?:\s+|-))?(?:(18|19|20)(\d)0|['’](\d)0)['’]?s\b/gi;
function decadeCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(DECADE_RE)) {
    if (/[$€£\d]$/.test(text.slice(Math.max(0, m.index - 1), m.index))) continue;
    const value = m[1] !== undefined ? `${m[1]}${m[2]}0s` : `19${m[3]}0s`;
    out.push({ start: m.index, end: m.index + m[0].length, value, precision: 'decade', relative: false, rank: 1 });
  }
  return out;
}

const ORD: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, final: 4, last: 4 };
const QUARTER_RE = new RegExp(
  String.raw`\b(?:(first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+quarter\s+of\s+(${YEAR})|Q([1-4])\s*[-/]?\s*(${YEAR}))\b`,
  'gi',
);
function quarterCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(QUARTER_RE)) {
    const q = m[1] !== undefined ? ORD[m[1].toLowerCase()] : Number(m[3]);
    const y = m[2] ?? m[4];
    if (q === undefined || y === undefined) continue;
    out.push({ start: m.index, end: m.index + m[0].length, value: `${y}-Q${q}`, precision: 'quarter', relative: false, rank: 1 });
  }
  return out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Lone month names chrono misses ("early May", "since May"); chrono's own parse wins on overlap. */
const LONE_MONTH_RE = new RegExp(
  String.raw`\b(?<lead>(?:in|since|by|until|till|from|during|of|through|throughout|before|after|between|and|or|for|last|next|this)\s+)?` +
    String.raw`(?<mod>(?:early|late|mid)(?:\s+|-))?(?<mon>${MONTHS.join('|')})\b(?![\s,]*\d)`,
  'gd',
);
function loneMonthCandidates(text: string, pub: Ymd | null, ref: Ymd): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(LONE_MONTH_RE)) {
    const g = m.groups ?? {};
    const idx = m.indices?.groups;
    if (!idx || (g.lead === undefined && g.mod === undefined)) continue;
    const which = /^(?:last|next|this)\s+$/i.test(g.lead ?? '');
    const start = which ? idx.lead![0] : (g.mod !== undefined ? idx.mod! : idx.mon!)[0];
    const end = idx.mon![1];
    const lead = text.slice(Math.max(0, idx.mon![0] - 40), idx.mon![0]);
    const c: Ctx = { pub, ref, future: FUTURE_CUE.test(leftContext(text, start)) };
    const month = MONTHS.indexOf(g.mon ?? '') + 1;
    const res: Resolved = pub === null ? VAGUE_RESULT : { value: fmtMonth(monthRule(month, lead, c), month), precision: 'month', relative: true };
    out.push({ start, end, ...res, rank: 1 });
  }
  return out;
}

const VAGUE_RE =
  /\b(?:recent|coming|(?:past|last|next)\s+(?:few|several|couple\s+of))\s+(?:days|weeks|months|years|hours|decades)\b/gi;
function vagueCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(VAGUE_RE)) {
    out.push({ start: m.index, end: m.index + m[0].length, ...VAGUE_RESULT, rank: 2 });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** A stand-in reference day when there is no publication date; only absolute values survive. */
const NO_PUB_REF: Ymd = { y: 2000, m: 1, d: 3 };

/**
 * Find and resolve every time expression in `text`. Mentions are sorted by offset and never overlap.
 */
export function resolveTimes(text: string, opts: TimeOptions): TimeMention[] {
  const pub = parsePublished(opts.published);
  const ref = pub ?? NO_PUB_REF;
  // Local noon of the reference day: chrono computes in local time, and we read its components back.
  const refDate = new Date(ref.y, ref.m - 1, ref.d, 12, 0, 0, 0);
  const results = chrono.en.casual.parse(text, refDate, { forwardDate: false });

  const cands: Candidate[] = [];
  for (const r of results) {
    const cand = fromChrono(text, r, { pub, ref });
    if (cand) cands.push(cand);
  }
  cands.push(...yearCandidates(text), ...loneMonthCandidates(text, pub, ref), ...decadeCandidates(text), ...quarterCandidates(text), ...vagueCandidates(text));

  cands.sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank);
  const out: TimeMention[] = [];
  let lastEnd = -1;
  for (const c of cands) {
    if (c.start < lastEnd) continue;
    const mention: TimeMention = {
      text: text.slice(c.start, c.end),
      start: c.start,
      end: c.end,
      value: c.value,
      precision: c.precision,
      relative: c.relative,
      ...(c.end_value !== undefined ? { end_value: c.end_value } : {}),
    };
    out.push(mention);
    lastEnd = c.end;
  }
  return out;
}
