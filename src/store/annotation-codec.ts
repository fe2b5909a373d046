/**
 * Annotations as the stores keep them (issue #13: they were most of the store): what the article's
 * body already holds is left out and numeric columns are written as small differences, so the
 * JSON compresses further. Backend-neutral and lossless: `unpackAnnotations(packAnnotations(a, body),
 * body)` is `a`, key order included, and a document packing could not give back exactly is kept as
 * plain JSON (checked at every write). Documents written before (plain JSON) read as they are.
 *
 * - `text` of any object with numeric `start`/`end` (entities, claims, speakers, cues, times) is
 *   0 when it is `body.slice(start, end)`;
 * - token columns: `start` as the gap after the previous token's end, `end` as the length, `head`
 *   relative to the token (0 for no head, -1 stored; a token is never its own head).
 */
import type { Annotations } from '../annotate/annotate.js';
import type { TokenColumns } from '../types/tokens.js';

/** The key a packed document ends with (plain annotations have no such key). */
const MARK = 'packed';
const FROM_BODY = 0;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function spanText(o: { [k: string]: Json }): [number, number] | null {
  const { start, end } = o;
  return typeof start === 'number' && typeof end === 'number' ? [start, end] : null;
}

function dropBodyText(v: Json, body: string): Json {
  if (Array.isArray(v)) return v.map((x) => dropBodyText(x, body));
  if (v === null || typeof v !== 'object') return v;
  const span = spanText(v);
  const out: { [k: string]: Json } = {};
  for (const [k, x] of Object.entries(v)) out[k] = k === 'text' && span && x === body.slice(span[0], span[1]) ? FROM_BODY : dropBodyText(x, body);
  return out;
}

function restoreBodyText(v: Json, body: string): Json {
  if (Array.isArray(v)) return v.map((x) => restoreBodyText(x, body));
  if (v === null || typeof v !== 'object') return v;
  const span = spanText(v);
  const out: { [k: string]: Json } = {};
  for (const [k, x] of Object.entries(v)) out[k] = k === 'text' && span && x === FROM_BODY ? body.slice(span[0], span[1]) : restoreBodyText(x, body);
  return out;
}

function packTokens(t: TokenColumns): TokenColumns {
  return {
    ...t,
    start: t.start.map((s, i) => s - (i ? t.end[i - 1]! : 0)),
    end: t.end.map((e, i) => e - t.start[i]!),
    head: t.head.map((h, i) => (h < 0 ? 0 : h - i)),
  };
}

function unpackTokens(t: TokenColumns): TokenColumns {
  const start: number[] = [];
  const end: number[] = [];
  t.start.forEach((gap, i) => {
    start.push(gap + (i ? end[i - 1]! : 0));
    end.push(start[i]! + t.end[i]!);
  });
  return { ...t, start, end, head: t.head.map((h, i) => (h === 0 ? -1 : h + i)) };
}

/** The stored form of `a` for an article with this `body` (JSON text). */
export function packAnnotations(a: Annotations, body: string): string {
  const plain = JSON.stringify(a);
  const hasTokens = Array.isArray(a.tokens?.start) && a.tokens.start.length > 0;
  const packed = JSON.stringify({ ...(dropBodyText(JSON.parse(plain) as Json, body) as object), ...(hasTokens ? { tokens: packTokens(a.tokens) } : {}), [MARK]: 1 });
  // Lossless or not at all: a document the packing would change is kept as it is.
  return JSON.stringify(unpackAnnotations(packed, body)) === plain ? packed : plain;
}

/** Annotations from their stored form (packed or plain JSON). */
export function unpackAnnotations(stored: string, body: string): Annotations {
  const doc = JSON.parse(stored) as Annotations & { [MARK]?: number };
  if (doc[MARK] !== 1) return doc;
  const { [MARK]: _mark, ...rest } = restoreBodyText(doc as unknown as Json, body) as unknown as Annotations & { [MARK]?: number };
  return Array.isArray(rest.tokens?.start) && rest.tokens.start.length > 0 ? { ...rest, tokens: unpackTokens(rest.tokens) } : rest;
}
