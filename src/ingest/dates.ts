import * as chrono from 'chrono-node';
import type { DatePrecision } from '../types/article.js';

export interface ParsedDate {
  readonly value: string;
  readonly precision: DatePrecision;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ISO = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

function plausible(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

function fromInstant(ms: number, precision: DatePrecision): ParsedDate | null {
  if (!Number.isFinite(ms)) return null;
  const iso = new Date(ms).toISOString();
  const y = Number(iso.slice(0, 4));
  if (y < 1900 || y > 2100) return null;
  return { value: iso.replace(/\.\d{3}Z$/, 'Z'), precision };
}

/**
 * Parse a publication date as pages, feeds and bylines write it. Returns null rather than
 * guessing: a missing date is reported, never replaced by today's date.
 */
export function parseDate(input: string | null | undefined): ParsedDate | null {
  if (!input) return null;
  const s = input.trim().replace(/\s+/g, ' ');
  if (!s) return null;
  const iso = ISO.exec(s);
  if (iso) {
    const [, ys, ms, ds, hh, mm, ss, tz] = iso;
    const y = Number(ys), m = Number(ms), d = Number(ds ?? '1');
    if (!plausible(y, m, d)) return null;
    if (!ds) return { value: `${ys}-${ms}`, precision: 'month' };
    if (!hh) return { value: `${ys}-${ms}-${ds}`, precision: 'day' };
    const precision: DatePrecision = ss ? 'second' : 'minute';
    if (tz) {
      const offset = tz.toUpperCase() === 'Z' ? 'Z' : `${tz.slice(0, 3)}:${tz.slice(-2)}`;
      return fromInstant(Date.parse(`${ys}-${ms}-${ds}T${hh}:${mm}:${ss ?? '00'}${offset}`), precision);
    }
    // No zone given: keep the wall-clock time the source wrote, without inventing one.
    return { value: `${ys}-${ms}-${ds}T${hh}:${mm}:${ss ?? '00'}`, precision };
  }
  if (/^\d{4}$/.test(s)) {
    const y = Number(s);
    return y >= 1900 && y <= 2100 ? { value: s, precision: 'year' } : null;
  }
  // RFC 822 / 1123 (feeds): "Wed, 03 Jan 2018 14:11:52 GMT", "Tue, 10 Jun 2003 04:00:00 +0000".
  if (/^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3,9}\s+\d{4}\s+\d{1,2}:\d{2}/.test(s)) {
    const parsed = fromInstant(Date.parse(s.replace(/\b(UT|Z)$/, 'GMT')), 'second');
    if (parsed) return parsed;
  }
  const results = chrono.parse(s, { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 'UTC' }, { forwardDate: false });
  const first = results[0];
  if (!first) return null;
  const c = first.start;
  if (!c.isCertain('year') || !c.isCertain('month')) return null;
  const y = c.get('year')!, m = c.get('month')!;
  if (!c.isCertain('day')) return plausible(y, m, 1) ? { value: `${y}-${pad(m)}`, precision: 'month' } : null;
  const d = c.get('day')!;
  if (!plausible(y, m, d)) return null;
  if (c.isCertain('hour') && c.get('timezoneOffset') !== null && c.isCertain('timezoneOffset')) {
    return fromInstant(c.date().getTime(), c.isCertain('second') ? 'second' : 'minute');
  }
  return { value: `${y}-${pad(m)}-${pad(d)}`, precision: 'day' };
}

/** A date line standing alone in a text: "March 07, 2026", "7 March 2026", "2026-03-07". */
export function parseDateLine(line: string): ParsedDate | null {
  const t = line.trim();
  if (t.length < 6 || t.length > 60) return null;
  if (!/\d{4}/.test(t)) return null;
  // Mostly a date: few words beyond the date itself.
  if (t.split(/\s+/).length > 8) return null;
  return parseDate(t.replace(/^(published|updated|posted)\s*:?\s*/i, ''));
}
