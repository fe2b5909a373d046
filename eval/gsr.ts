import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { formatPrf, prf, rootRecallLine } from './metrics.js';

/**
 * The UniversalPetrarch validation file PETR2_GSR_validation.xml (../shared/datasets/
 * universalpetrarch-gsr-validation, MIT): 78 records with 92 <EventCoding> tags, 80 of them
 * event codings and 12 "no event" markers (SOURCE.txt's "93" also counts the `<EventCoding...>`
 * in the file's header comment). Categories AFP and GOLD (28 records, 26 codings) are real news
 * sentences (AFP Gigaword 2008, Reuters/AFP 2015); TEST, VERB, PASSIVE and OTHER (50 records) were
 * written to test PETRARCH's grammar. All 78 are scored, and the real-news subset is reported apart.
 * Actor codes are Phoenix codes (USAGOV, IRQMIL, IGOUNO, ---REB); they are compared by country.
 */

export interface GsrCoding {
  readonly source: string | null;
  readonly target: string | null;
  readonly cameo: string;
}

export interface GsrSentence {
  readonly id: string;
  /** AFP, GOLD, TEST, VERB, PASSIVE or OTHER. */
  readonly category: string;
  /** `YYYY-MM-DD`, or null where the record's date is not eight digits. */
  readonly date: string | null;
  readonly text: string;
  /** Empty for the records marked `noevents="True"`. */
  readonly codings: GsrCoding[];
}

export type GsrCoder = (text: string, date: string | null) => Promise<GsrCoding[]> | GsrCoding[];

export const GSR_FILE = join('universalpetrarch-gsr-validation', 'PETR2_GSR_validation.xml');
/** Categories made of real news sentences. */
export const GSR_REAL_NEWS: readonly string[] = ['AFP', 'GOLD'];

/** Phoenix role and sector codes that may follow an IGO code (IGOUNOMIL → IGOUNO). */
const ROLE_CODES = new Set(
  'GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL LEG HLH REF MOD RAD ELI LAB AGR HRI ENV DEV UAF NGO IMG MUS SEP INS'.split(' '),
);

/**
 * The part of an actor code the scorer compares: the first three letters (the country), or for
 * an IGO the IGO code without trailing role codes. Codes with no country (`---REB`, `---`) and
 * empty codes give null.
 */
export function gsrActorKey(code: string | null | undefined): string | null {
  const c = (code ?? '').trim().toUpperCase();
  if (!c || c.startsWith('---')) return null;
  if (c.startsWith('IGO')) {
    let k = c;
    while (k.length > 6 && ROLE_CODES.has(k.slice(-3))) k = k.slice(0, -3);
    return k;
  }
  return c.slice(0, 3);
}

/** CoNLL-U rows back to text, for the one record whose <Text> is empty. */
function textFromConllu(parse: string): string {
  let out = '';
  for (const line of parse.split('\n')) {
    const cols = line.split('\t');
    if (cols.length < 10 || !/^\d+$/.test(cols[0]!)) continue;
    out += cols[1]! + (cols[9]!.includes('SpaceAfter=No') ? '' : ' ');
  }
  return out.trim();
}

interface RawSentence {
  id?: string;
  category?: string;
  date?: string;
  EventCoding?: { eventcode?: string; sourcecode?: string; targetcode?: string; noevents?: string }[];
  Text?: string;
  Parse?: string;
}

/**
 * Parse the validation file. It is not well-formed XML (`<Sentence …/>` is self-closed and then
 * followed by its children and `</Sentence>`), so self-closed Sentence tags are opened first.
 */
export function parseGsr(xml: string): GsrSentence[] {
  const from = xml.indexOf('<Sentences>');
  const to = xml.lastIndexOf('</Sentences>');
  const part = from >= 0 && to > from ? xml.slice(from, to + '</Sentences>'.length) : xml;
  const fixed = part.replace(/<Sentence\b([^>]*?)\s*\/>/g, '<Sentence$1>');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    isArray: (name) => name === 'Sentence' || name === 'EventCoding',
    stopNodes: ['*.Text', '*.Parse'],
  });
  const doc = parser.parse(fixed) as { Sentences?: { Sentence?: RawSentence[] } };
  return (doc.Sentences?.Sentence ?? []).map((s) => {
    const d = s.date ?? '';
    const text = (s.Text ?? '').replace(/\s+/g, ' ').trim() || textFromConllu(s.Parse ?? '');
    return {
      id: s.id ?? '',
      category: s.category ?? '',
      date: /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : null,
      text,
      codings: (s.EventCoding ?? [])
        .filter((c) => c.eventcode !== undefined && c.noevents === undefined)
        .map((c) => ({ source: c.sourcecode || null, target: c.targetcode || null, cameo: c.eventcode! })),
    };
  });
}

/** The GSR sentences from the datasets folder, or null when the file is absent. */
export function loadGsr(datasetsDir: string): GsrSentence[] | null {
  const path = join(datasetsDir, GSR_FILE);
  return existsSync(path) ? parseGsr(readFileSync(path, 'utf8')) : null;
}

interface GsrCounts {
  sentences: number;
  gold: number;
  predicted: number;
  tripleHits: number;
  paired: number;
  root: number;
  full: number;
  source: number;
  target: number;
  noEventSentences: number;
  noEventWithPredictions: number;
  /** Per CAMEO root: gold codings and those whose triple was found. */
  byRoot: Map<string, [number, number]>;
}

const zero = (): GsrCounts => ({ sentences: 0, gold: 0, predicted: 0, tripleHits: 0, paired: 0, root: 0, full: 0, source: 0, target: 0, noEventSentences: 0, noEventWithPredictions: 0, byRoot: new Map() });

/** Score one sentence into `c`. */
function scoreSentence(c: GsrCounts, gold: readonly GsrCoding[], pred: readonly GsrCoding[]): void {
  c.sentences++;
  c.gold += gold.length;
  c.predicted += pred.length;
  if (gold.length === 0) {
    c.noEventSentences++;
    if (pred.length) c.noEventWithPredictions++;
  }
  // (source country, target country, root) triples, one-to-one.
  const triple = (x: GsrCoding) => `${gsrActorKey(x.source)}|${gsrActorKey(x.target)}|${x.cameo.slice(0, 2)}`;
  const left = new Map<string, number>();
  for (const p of pred) left.set(triple(p), (left.get(triple(p)) ?? 0) + 1);
  for (const g of gold) {
    const n = left.get(triple(g)) ?? 0;
    const r = c.byRoot.get(g.cameo.slice(0, 2)) ?? [0, 0];
    c.byRoot.set(g.cameo.slice(0, 2), r);
    r[0]++;
    if (n > 0) {
      c.tripleHits++;
      r[1]++;
      left.set(triple(g), n - 1);
    }
  }
  // Each gold coding paired with its closest prediction (one-to-one): root, then actors, then full code.
  const cands = gold.flatMap((g, gi) =>
    pred.map((p, pj) => {
      const root = g.cameo.slice(0, 2) === p.cameo.slice(0, 2);
      const src = gsrActorKey(g.source) === gsrActorKey(p.source);
      const tgt = gsrActorKey(g.target) === gsrActorKey(p.target);
      const full = g.cameo === p.cameo;
      return { gi, pj, root, src, tgt, full, w: 4 * +root + 2 * +src + 2 * +tgt + +full };
    }),
  );
  cands.sort((a, b) => b.w - a.w || a.gi - b.gi || a.pj - b.pj);
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  for (const x of cands) {
    if (usedG.has(x.gi) || usedP.has(x.pj)) continue;
    usedG.add(x.gi);
    usedP.add(x.pj);
    c.paired++;
    c.root += +x.root;
    c.full += +x.full;
    c.source += +x.src;
    c.target += +x.tgt;
  }
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');

function report(label: string, c: GsrCounts): string[] {
  return [
    `  ${label}: ${c.sentences} sentences, ${c.gold} gold codings (${c.noEventSentences} sentences with none), ${c.predicted} predicted`,
    formatPrf('(source, target, root) triples', c.tripleHits, c.predicted, c.tripleHits, c.gold),
    `  gold codings paired with a prediction ${c.paired}/${c.gold}`,
    `    root code agrees                   ${pct(c.root, c.paired)}   full code ${pct(c.full, c.paired)}`,
    `    source country agrees              ${pct(c.source, c.paired)}   target country ${pct(c.target, c.paired)}`,
    `  no-event sentences given an event     ${c.noEventWithPredictions}/${c.noEventSentences}`,
    rootRecallLine(c.byRoot),
  ];
}

function scoresOf(prefix: string, c: GsrCounts): Record<string, number> {
  const t = prf(c.tripleHits, c.predicted, c.tripleHits, c.gold);
  const r = (n: number) => (c.paired ? n / c.paired : 0);
  return {
    [`${prefix}sentences`]: c.sentences,
    [`${prefix}gold_codings`]: c.gold,
    [`${prefix}predicted_codings`]: c.predicted,
    [`${prefix}triple_precision`]: t.p,
    [`${prefix}triple_recall`]: t.r,
    [`${prefix}triple_f1`]: t.f,
    [`${prefix}paired`]: c.paired,
    [`${prefix}root_accuracy`]: r(c.root),
    [`${prefix}full_code_accuracy`]: r(c.full),
    [`${prefix}source_agreement`]: r(c.source),
    [`${prefix}target_agreement`]: r(c.target),
  };
}

/**
 * Score `code` on GSR sentences. Triples are matched one-to-one within a sentence. For code and
 * actor agreement every gold coding is paired with the closest remaining prediction of its
 * sentence (same root first, then same actors, then same full code); agreement rates are over
 * those pairs, so a gold coding whose sentence got no prediction counts only in recall.
 */
export async function evalGsr(sentences: readonly GsrSentence[], code: GsrCoder): Promise<{ lines: string[]; scores: Record<string, number> }> {
  const all = zero();
  const real = zero();
  for (const s of sentences) {
    const pred = await code(s.text, s.date);
    scoreSentence(all, s.codings, pred);
    if (GSR_REAL_NEWS.includes(s.category)) scoreSentence(real, s.codings, pred);
  }
  return {
    lines: [...report('all records', all), ...report(`real news (${GSR_REAL_NEWS.join(', ')})`, real)],
    scores: { ...scoresOf('', all), ...scoresOf('real_', real) },
  };
}
