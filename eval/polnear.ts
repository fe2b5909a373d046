import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotateArticle, defaultResources } from '../src/annotate/annotate.js';
import type { Article, Paragraph } from '../src/types/article.js';
import { formatPrf } from './metrics.js';

interface Span {
  start: number;
  end: number;
}
interface GoldAttribution {
  source: Span | null;
  content: Span;
}

/** brat standoff: T lines (typed spans, possibly discontinuous) and E lines (Attribution events). */
export function parseBrat(ann: string): GoldAttribution[] {
  const spans = new Map<string, Span>();
  const out: GoldAttribution[] = [];
  for (const line of ann.split('\n')) {
    const t = /^(T\d+)\t\S+ ([\d; ]+)\t/.exec(line);
    if (t) {
      const nums = t[2]!.split(/[; ]/).map(Number);
      spans.set(t[1]!, { start: Math.min(...nums), end: Math.max(...nums) });
      continue;
    }
    if (!line.startsWith('E')) continue;
    const args = new Map([...line.matchAll(/(\w+):(T\d+)/g)].map((m) => [m[1]!, m[2]!]));
    const content = spans.get(args.get('Content') ?? '');
    if (!content) continue;
    const src = args.get('Source');
    out.push({ source: src ? spans.get(src) ?? null : null, content });
  }
  return out;
}

/** The text as one article: blank-line paragraphs keep their offsets, so spans compare directly. */
function asArticle(id: string, text: string): Article {
  const paragraphs: Paragraph[] = [];
  const re = /[^\n]+(?:\n(?!\n)[^\n]*)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) paragraphs.push({ start: m.index + lead, end: m.index + lead + trimmed.length, kind: 'text' });
  }
  return {
    id, url: null, outlet: null, title: null, published: null, published_precision: null, language: 'en', byline: null, body: text, paragraphs,
    captions: [], warnings: [], format: 'text', source_path: id, source_locator: null, duplicate_of: null, duplicate_similarity: null, ingested_at: '',
  };
}

/** Trim whitespace, punctuation and quotation marks from both ends: both sides are compared trimmed. */
function trim(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && /[\s"“”‘’'.,;:]/.test(text[start]!)) start++;
  while (end > start && /[\s"“”‘’'.,;:]/.test(text[end - 1]!)) end--;
  return { start, end };
}

const same = (a: Span, b: Span) => a.start === b.start && a.end === b.end;
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * Score source and content spans on PolNeAR (one annotator file per document). Reported on
 * the test split; the attribution rules were written without looking at it.
 */
export function evalPolnear(dir: string, split = 'test'): string[] {
  const textDir = join(dir, split, 'text');
  const annDir = join(dir, split, 'attributions');
  if (!existsSync(textDir)) return [`  PolNeAR ${split} split not found`];
  const anns = readdirSync(annDir).sort();
  const res = defaultResources();
  const c = { contentExact: [0, 0, 0, 0], contentOverlap: [0, 0, 0, 0], sourceExact: [0, 0, 0, 0], sourceOverlap: [0, 0, 0, 0] };
  let docs = 0;
  for (const file of readdirSync(textDir).sort()) {
    const base = file.replace(/\.txt$/, '');
    const ann = anns.find((a) => a.startsWith(`${base}_`));
    if (!ann) continue;
    docs++;
    const text = readFileSync(join(textDir, file), 'utf8');
    const gold = parseBrat(readFileSync(join(annDir, ann), 'utf8')).map((g) => ({ source: g.source ? trim(text, g.source) : null, content: trim(text, g.content) }));
    const claims = annotateArticle(asArticle(base, text), res).claims;
    // A direct quote inside a reported-speech claim is the same attribution: keep the outer one.
    const pred = claims
      .filter((q) => !(q.quote && claims.some((o) => !o.quote && o.start <= q.start && q.end <= o.end)))
      .map((q) => ({ content: trim(text, q), source: q.speaker.start !== null && q.speaker.end !== null ? trim(text, { start: q.speaker.start, end: q.speaker.end }) : null }));
    const tally = (key: keyof typeof c, match: (a: Span, b: Span) => boolean, pick: (x: { source: Span | null; content: Span }) => Span | null) => {
      const g = gold.map(pick).filter((x): x is Span => x !== null);
      const p = pred.map(pick).filter((x): x is Span => x !== null);
      c[key][0]! += p.filter((x) => g.some((y) => match(x, y))).length;
      c[key][1]! += p.length;
      c[key][2]! += g.filter((y) => p.some((x) => match(x, y))).length;
      c[key][3]! += g.length;
    };
    tally('contentExact', same, (x) => x.content);
    tally('contentOverlap', overlaps, (x) => x.content);
    tally('sourceExact', same, (x) => x.source);
    tally('sourceOverlap', overlaps, (x) => x.source);
  }
  const line = (label: string, k: keyof typeof c) => formatPrf(label, c[k][0]!, c[k][1]!, c[k][2]!, c[k][3]!);
  return [
    `  ${docs} documents (${split} split)`,
    line('source span, exact', 'sourceExact'),
    line('source span, overlap', 'sourceOverlap'),
    line('content span, exact', 'contentExact'),
    line('content span, overlap', 'contentOverlap'),
    '  reference (Citron on PARC 3.0): source F1 82.0; content F1 59.3 exact / 83.3 overlap',
  ];
}
