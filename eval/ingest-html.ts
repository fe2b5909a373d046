import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { WirescopeError } from '../src/errors.js';
import { defaultCreditRules } from '../src/ingest/captions.js';
import { decodeBytes } from '../src/ingest/decode.js';
import { readHtml } from '../src/ingest/html.js';
import { defaultOutletTable, normaliseName } from '../src/ingest/outlets.js';
import type { ArticleDraft } from '../src/types/article.js';

interface Expected {
  title?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  lang?: string | null;
  byline?: string | null;
}

export interface HtmlEvalResult {
  pages: number;
  title: { matched: number; total: number };
  outlet: { matched: number; total: number };
  dateFound: { found: number; total: number };
  dateMatches: { matched: number; total: number };
  language: { matched: number; total: number };
  failures: { page: string; field: string; expected: string | null; got: string | null }[];
}

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

const DAY_MS = 86_400_000;

/** UTC calendar day of a timestamp that carries an offset; otherwise its own first ten characters. */
export function utcDay(s: string): string {
  const t = s.trim().replace(' ', 'T');
  if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(t) && /T\d{2}:\d{2}/.test(t)) {
    const ms = Date.parse(t.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (Number.isFinite(ms)) return new Date(ms).toISOString().slice(0, 10);
  }
  return t.slice(0, 10);
}

/** Same calendar day, allowing one day either way for time-zone shifts. */
export function sameDay(expected: string, got: string): boolean {
  const a = Date.parse(`${utcDay(expected)}T00:00:00Z`);
  const b = Date.parse(`${utcDay(got)}T00:00:00Z`);
  return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= DAY_MS;
}

/** Outlet names agree when their normalised forms are equal or one contains the other. */
export function sameOutlet(expected: string, got: string | null): boolean {
  const e = normaliseName(expected);
  const g = normaliseName(got ?? '');
  return Boolean(e && g && (e === g || e.includes(g) || g.includes(e)));
}

/** Read one saved page as `wirescope ingest` would: decode its bytes, then the HTML reader. */
function readPage(path: string): ArticleDraft | null {
  const decoded = decodeBytes(readFileSync(path));
  if (decoded instanceof WirescopeError) return null;
  const ctx = { path, outlets: defaultOutletTable(), credits: defaultCreditRules() };
  return readHtml(decoded.text, ctx).drafts[0] ?? null;
}

/**
 * Score HTML ingestion on Mozilla Readability's test pages (folders of source.html +
 * expected-metadata.json): titles, outlets, publication dates and declared language.
 */
export function evalReadabilityNews(dir: string): HtmlEvalResult {
  const r: HtmlEvalResult = {
    pages: 0,
    title: { matched: 0, total: 0 },
    outlet: { matched: 0, total: 0 },
    dateFound: { found: 0, total: 0 },
    dateMatches: { matched: 0, total: 0 },
    language: { matched: 0, total: 0 },
    failures: [],
  };
  for (const page of readdirSync(dir).sort()) {
    const src = join(dir, page, 'source.html');
    const meta = join(dir, page, 'expected-metadata.json');
    if (!existsSync(src) || !existsSync(meta)) continue;
    const expected = JSON.parse(readFileSync(meta, 'utf8')) as Expected;
    const a = readPage(src);
    r.pages++;
    const fail = (field: string, exp: string | null | undefined, got: string | null | undefined) =>
      r.failures.push({ page, field, expected: exp ?? null, got: got ?? null });

    if (expected.title) {
      r.title.total++;
      if (squash(expected.title) === squash(a?.title)) r.title.matched++;
      else fail('title', expected.title, a?.title);
    }
    if (expected.siteName && !/^https?:/i.test(expected.siteName.trim())) {
      r.outlet.total++;
      if (sameOutlet(expected.siteName, a?.outlet ?? null)) r.outlet.matched++;
      else fail('outlet', expected.siteName, a?.outlet);
    }
    r.dateFound.total++;
    if (a?.published) r.dateFound.found++;
    else if (!expected.publishedTime) fail('date found', null, null);
    if (expected.publishedTime) {
      r.dateMatches.total++;
      if (a?.published && sameDay(expected.publishedTime, a.published)) r.dateMatches.matched++;
      else fail('date', expected.publishedTime, a?.published);
    }
    if (expected.lang) {
      r.language.total++;
      const want = expected.lang.trim().toLowerCase().slice(0, 2);
      if (a?.declaredLanguage && a.declaredLanguage.slice(0, 2) === want) r.language.matched++;
      else fail('language', expected.lang, a?.declaredLanguage);
    }
  }
  return r;
}
