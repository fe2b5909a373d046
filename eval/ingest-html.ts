import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCreditRules } from '../src/ingest/captions.js';
import { decodeBytes } from '../src/ingest/decode.js';
import { readHtml } from '../src/ingest/html.js';
import { defaultOutletTable, normaliseName } from '../src/ingest/outlets.js';
import type { ArticleDraft } from '../src/ingest/../types/article.js';

interface Expected {
  title?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  lang?: string | null;
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

/** UTC calendar day of a timestamp, or its own first ten characters when it has no zone. */
function day(s: string): string {
  const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(s) ? Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN;
  return Number.isFinite(withZone) ? new Date(withZone).toISOString().slice(0, 10) : s.slice(0, 10);
}

/**
 * Score HTML ingestion on Mozilla Readability's test pages (folders of source.html +
 * expected-metadata.json), through the same path as `wirescope ingest`.
 */
export function evalReadabilityNews(dir: string): HtmlEvalResult {
  const ctx = { outlets: defaultOutletTable(), credits: defaultCreditRules() };
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
    if (!existsSync(src)) continue;
    const expected = JSON.parse(readFileSync(join(dir, page, 'expected-metadata.json'), 'utf8')) as Expected;
    const res = readInput(readFileSync(src), { ...ctx, path: src }, { now: () => new Date() });
    const a = res.articles[0] ?? null;
    r.pages++;
    const fail = (field: string, exp: string | null | undefined, got: string | null | undefined) =>
      r.failures.push({ page, field, expected: exp ?? null, got: got ?? null });
    if (expected.title) {
      r.title.total++;
      if (squash(expected.title) === squash(a?.title)) r.title.matched++;
      else fail('title', expected.title, a?.title);
    }
    if (expected.siteName && !/^https?:/i.test(expected.siteName)) {
      r.outlet.total++;
      const e = normaliseName(expected.siteName);
      const g = normaliseName(a?.outlet ?? '');
      if (g && (e === g || e.includes(g) || g.includes(e))) r.outlet.matched++;
      else fail('outlet', expected.siteName, a?.outlet);
    }
    r.dateFound.total++;
    if (a?.published) r.dateFound.found++;
    if (expected.publishedTime) {
      r.dateMatches.total++;
      const want = day(expected.publishedTime.replace(' ', 'T'));
      const got = a?.published ? day(a.published) : null;
      const near = got && Math.abs(Date.parse(want) - Date.parse(got)) <= 86_400_000;
      if (near) r.dateMatches.matched++;
      else fail('date', expected.publishedTime, a?.published);
    }
    if (expected.lang) {
      r.language.total++;
      if (a && expected.lang.toLowerCase().split('-')[0] === a.language) r.language.matched++;
      else fail('language', expected.lang, a?.language);
    }
  }
  return r;
}
