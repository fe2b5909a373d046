import { words } from '../dedupe/minhash.js';

/**
 * Text features for story clustering: word terms with a light suffix stripper, weighted
 * (1 + ln tf) x idf against document frequencies the caller keeps, pruned to the strongest
 * terms. Function words need no list: their idf is near zero once a few hundred articles are in.
 */

/** A sparse vector: terms in descending weight order (ties by term), unit length. */
export interface TermVector {
  readonly terms: readonly string[];
  readonly weights: readonly number[];
  /** The sublinear term frequency (1 + ln count) of each term, before idf. */
  readonly tf: readonly number[];
}

/**
 * Plural and inflection endings folded so "checks", "checked" and "checking" meet. Deliberately
 * weak (an S-stemmer plus -ed/-ing on longer words): a wrong merge costs more than a missed one.
 */
export function stem(w: string): string {
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('es') && /(ch|sh|x|z)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  return w;
}

/** Term counts for a text: lower-cased words of two or more characters, stemmed. */
export function termCounts(text: string, into = new Map<string, number>(), weight = 1): Map<string, number> {
  for (const w of words(text)) {
    if (w.length < 2) continue;
    const t = stem(w);
    into.set(t, (into.get(t) ?? 0) + weight);
  }
  return into;
}

/**
 * Inverse document frequency, ln((n + 1) / df): near zero for a word in every article (so no
 * stop-word list is needed), and positive from the first article on.
 */
export function idf(df: number, n: number): number {
  return Math.log((n + 1) / Math.max(df, 1));
}

/**
 * The tf-idf vector of one document, keeping the `keep` heaviest terms and normalising them to
 * unit length. `df(term)` must already count this document.
 */
export function tfidfVector(counts: ReadonlyMap<string, number>, df: (term: string) => number, n: number, keep: number): TermVector {
  const scored: [string, number, number][] = [];
  for (const [t, c] of counts) {
    const tf = 1 + Math.log(c);
    scored.push([t, tf * idf(df(t), n), tf]);
  }
  scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const top = scored.slice(0, keep);
  const norm = Math.sqrt(top.reduce((s, [, w]) => s + w * w, 0)) || 1;
  return { terms: top.map(([t]) => t), weights: top.map(([, w]) => w / norm), tf: top.map(([, , tf]) => tf) };
}

/** Whole days since 1970-01-01 for an ISO date or timestamp; null when there is no day in it. */
export function dayNumber(iso: string | null | undefined): number | null {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return null;
  const t = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(t) ? null : Math.round(t / 86_400_000);
}

export function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
