import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultCreditRules } from '../src/ingest/captions.js';
import { defaultOutletTable } from '../src/ingest/outlets.js';
import { readInput } from '../src/ingest/read.js';
import { defaultOntology } from '../src/events/ontology.js';
import type { Article } from '../src/types/article.js';
import { formatPrf, locate, pairCounts, prf, rootRecallLine } from './metrics.js';

/**
 * Scores an event coder against eval/gold/events/*.json (format and rules in
 * eval/gold/events/README.md). The coder is passed in as a callback, so this file knows nothing
 * about how events are coded: it loads each gold article the way eval/annotations.ts does, asks
 * the callback for event mentions, and matches them to the gold mentions.
 */

/** One coded event mention, as the coder under test reports it. Offsets point into `article.body`. */
export interface PredictedMention {
  /** The event this mention was merged into; mentions of one real-world event share it, across articles. */
  readonly event_id: string;
  readonly article_id: string;
  /** The trigger (or whole mention) span. */
  readonly start: number;
  readonly end: number;
  /** The sentence the mention was coded from. */
  readonly sentence_start: number;
  readonly sentence_end: number;
  readonly cameo: string;
  /** ISO alpha-3 country of the source actor, the Phoenix code for an IGO (`IGOUNO`), or null. */
  readonly source_country: string | null;
  readonly target_country: string | null;
  readonly date: string | null;
  /** `day`, `week`, `month`, `year`, `reported` (publication day, the text gives no date), … */
  readonly date_precision: string;
  /** Where the coder placed the event, if anywhere (ISO alpha-3 country and place name). */
  readonly location?: { readonly country: string | null; readonly name: string } | null;
}

export interface GoldActor {
  /** ISO alpha-3, or the Phoenix IGO code (`IGOUNO`, `IGOPGSGCC`); compared with `source_country`/`target_country`. */
  readonly country: string | null;
  readonly code?: string | null;
  readonly name?: string;
}

export type GoldDatePrecision = 'day' | 'week' | 'month' | 'year' | 'reported';

export interface GoldEventMention {
  readonly key: string;
  readonly trigger: { readonly text: string; readonly occurrence?: number };
  readonly source: GoldActor | null;
  readonly target: GoldActor | null;
  readonly cameo: string;
  readonly date: string | null;
  readonly date_precision: GoldDatePrecision;
  readonly location?: { readonly country: string | null; readonly name: string } | null;
  readonly negated?: boolean;
  readonly hedged?: boolean;
  readonly note?: string;
}

export interface EventGoldFile {
  readonly source: string;
  readonly locator?: string | null;
  readonly published?: string;
  readonly note?: string;
  readonly events: readonly GoldEventMention[];
}

/** A gold mention with its trigger located in the article body. */
export interface LocatedGoldMention extends GoldEventMention {
  readonly start: number;
  readonly end: number;
}

/**
 * Base codes whose dyad has no direction: a call, a meeting, a negotiation, an agreement or
 * military cooperation between A and B is the same event as between B and A.
 */
export const SYMMETRIC_CODES: readonly string[] = ['040', '041', '044', '046', '057', '062'];

export interface EventGoldOptions {
  /** Folder of gold files; default `<root>/eval/gold/events`. Tests pass their own. */
  readonly dir?: string;
  /** Base codes (3 digits) scored as unordered dyads; default SYMMETRIC_CODES. */
  readonly symmetric?: readonly string[];
  /** Also list missed gold mentions and unmatched predictions. */
  readonly details?: boolean;
}

export interface EventGoldResult {
  readonly lines: string[];
  readonly scores: Record<string, number>;
}

/** The gold files in `dir`, in file-name order. */
export function loadEventGold(dir: string): { file: string; gold: EventGoldFile }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, gold: JSON.parse(readFileSync(join(dir, file), 'utf8')) as EventGoldFile }));
}

/** The public datasets folder the eval may read (../shared/datasets, or WIRESCOPE_DATASETS), if present. */
export function datasetsDir(root: string): string | null {
  const dir = resolve(process.env.WIRESCOPE_DATASETS ?? join(root, '..', 'shared', 'datasets'));
  return existsSync(dir) ? dir : null;
}

/**
 * The input file a gold `source` names, as bytes and a path whose extension picks the reader.
 * `source` is a path under the repository root, or `polnear:SPLIT/NAME` for a PolNeAR article,
 * which may not be redistributed: it is read from the public datasets folder at eval time and
 * given front matter from PolNeAR's metadata.tsv (publisher, date, title), so the body is the
 * .txt file's text. Undefined when the file is not there.
 */
export function goldInput(root: string, source: string): { bytes: Buffer; path: string } | undefined {
  const pn = /^polnear:(train|dev|test)\/([\w.-]+)$/.exec(source);
  if (pn) {
    const datasets = datasetsDir(root);
    const txt = datasets ? join(datasets, 'polnear', pn[1]!, 'text', `${pn[2]!}.txt`) : '';
    if (!datasets || !existsSync(txt)) return undefined;
    const meta = readFileSync(join(datasets, 'polnear', 'metadata.tsv'), 'utf8').split('\n').map((l) => l.split('\t'));
    const head = meta[0] ?? [];
    const row = meta.find((r) => r[head.indexOf('filename')] === pn[2]);
    const field = (name: string) => (row ? (row[head.indexOf(name)] ?? '') : '').replace(/[\r\n]/g, ' ').trim();
    const outlet = POLNEAR_PUBLISHERS[field('publisher')] ?? field('publisher');
    const fm = `---\ntitle: ${JSON.stringify(field('title'))}\noutlet: ${JSON.stringify(outlet)}\ndate: ${field('publication_date')}\n---\n\n`;
    return { bytes: Buffer.concat([Buffer.from(fm), readFileSync(txt)]), path: `${pn[2]!}.md` };
  }
  const path = join(root, source);
  return existsSync(path) ? { bytes: readFileSync(path), path } : undefined;
}

/** PolNeAR's publisher keys as outlet names. */
const POLNEAR_PUBLISHERS: Record<string, string> = {
  breitbart: 'Breitbart', 'huff-post': 'HuffPost', politico: 'Politico', 'usa-today': 'USA Today', nyt: 'The New York Times',
  'west-journal': 'Western Journalism', 'wash-post': 'The Washington Post',
};

/** The stored article a gold file describes: `source` read as goldInput reads it, picked by `locator`. */
export function loadGoldArticle(root: string, gold: { source: string; locator?: string | null }): Article | undefined {
  const input = goldInput(root, gold.source);
  if (!input) return undefined;
  const ctx = { outlets: defaultOutletTable(), credits: defaultCreditRules(), path: input.path };
  return readInput(input.bytes, ctx, { now: () => new Date() }).articles.find((a) => (gold.locator ?? null) === a.source_locator);
}

export { locate };

/** Monday of the ISO week holding a `YYYY-MM-DD` day. */
function mondayOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return '';
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/**
 * The predicted date agrees with the gold one at the gold's precision: a year compares the first
 * four characters, a month seven, a day ten, a week the ISO week's Monday. A `reported` gold date
 * (the text gives none; it holds the publication day) is met by a `reported` prediction or by
 * the same day. A gold date of null accepts any prediction.
 */
export function dateMatches(gold: { date: string | null; date_precision: string }, pred: { date: string | null; date_precision: string }): boolean {
  if (gold.date === null) return true;
  if (gold.date_precision === 'reported' && pred.date_precision === 'reported') return true;
  if (pred.date === null) return false;
  const p = pred.date;
  switch (gold.date_precision) {
    case 'year':
      return p.slice(0, 4) === gold.date.slice(0, 4);
    case 'month':
      return p.length >= 7 && p.slice(0, 7) === gold.date.slice(0, 7);
    case 'week':
      return p.length >= 10 && mondayOf(p.slice(0, 10)) === mondayOf(gold.date.slice(0, 10));
    default:
      return p.length >= 10 && p.slice(0, 10) === gold.date.slice(0, 10);
  }
}

const countryOf = (a: GoldActor | null): string | null => a?.country ?? null;

/** Same source and target country; for symmetric codes either way round. */
export function dyadMatches(gold: GoldEventMention, pred: PredictedMention, symmetric: ReadonlySet<string>): boolean {
  const gs = countryOf(gold.source);
  const gt = countryOf(gold.target);
  const ps = pred.source_country ?? null;
  const pt = pred.target_country ?? null;
  if (gs === ps && gt === pt) return true;
  return symmetric.has(gold.cameo.slice(0, 3)) && gs === pt && gt === ps;
}

/** A prediction can stand for a gold mention: trigger inside its sentence, same root, dyad and date. */
export function mentionMatches(gold: LocatedGoldMention, pred: PredictedMention, symmetric: ReadonlySet<string>): boolean {
  return (
    pred.sentence_start <= gold.start &&
    gold.end <= pred.sentence_end &&
    gold.cameo.slice(0, 2) === pred.cameo.slice(0, 2) &&
    dyadMatches(gold, pred, symmetric) &&
    dateMatches(gold, pred)
  );
}

/**
 * One-to-one matching of gold and predicted mentions with the most pairs. Pairs are first taken
 * greedily in order of preference (same full code, then a predicted span overlapping the
 * trigger), then augmenting paths add what the greedy pass missed. Returns pred index per gold.
 */
function matchMentions(gold: readonly LocatedGoldMention[], pred: readonly PredictedMention[], symmetric: ReadonlySet<string>): (number | null)[] {
  const adj: number[][] = gold.map((g) => pred.map((p, j) => (mentionMatches(g, p, symmetric) ? j : -1)).filter((j) => j >= 0));
  const pref = (gi: number, pj: number) => {
    const g = gold[gi]!;
    const p = pred[pj]!;
    return (g.cameo === p.cameo ? 2 : 0) + (p.start < g.end && g.start < p.end ? 1 : 0);
  };
  const goldOf: (number | null)[] = pred.map(() => null);
  const predOf: (number | null)[] = gold.map(() => null);
  const pairs = adj.flatMap((js, gi) => js.map((pj) => ({ gi, pj, w: pref(gi, pj) }))).sort((a, b) => b.w - a.w || a.gi - b.gi || a.pj - b.pj);
  for (const { gi, pj } of pairs) {
    if (predOf[gi] !== null || goldOf[pj] !== null) continue;
    predOf[gi] = pj;
    goldOf[pj] = gi;
  }
  const augment = (gi: number, seen: Set<number>): boolean => {
    for (const pj of adj[gi]!) {
      if (seen.has(pj)) continue;
      seen.add(pj);
      const owner = goldOf[pj];
      if (owner === null || owner === undefined || augment(owner, seen)) {
        goldOf[pj] = gi;
        predOf[gi] = pj;
        return true;
      }
    }
    return false;
  };
  for (let gi = 0; gi < gold.length; gi++) if (predOf[gi] === null) augment(gi, new Set());
  return predOf;
}

export interface ScoredArticle {
  readonly file: string;
  readonly gold: readonly LocatedGoldMention[];
  readonly predicted: readonly PredictedMention[];
}

export interface EventScores {
  readonly gold: number;
  readonly predicted: number;
  readonly matched: number;
  readonly fullCodeMatches: number;
  /** Pairs of matched mentions in the same predicted event, in the same gold event, in both. */
  readonly samePredictedPairs: number;
  readonly sameGoldPairs: number;
  readonly sameBothPairs: number;
  readonly perArticle: { file: string; gold: number; predicted: number; matched: number }[];
  readonly missed: { file: string; gold: LocatedGoldMention }[];
  readonly spurious: { file: string; predicted: PredictedMention }[];
  /** Per CAMEO root: gold mentions and matched ones. */
  readonly byRoot: ReadonlyMap<string, readonly [number, number]>;
  /** Why each missed gold mention was missed: the first test no prediction in its sentence passed. */
  readonly missedBecause: Readonly<Record<MissReason, number>>;
  /** Predicted mentions that carry a location. */
  readonly locatedPredicted: number;
  /** Matched gold mentions with a gold location, and those whose prediction has its country. */
  readonly goldLocated: number;
  readonly locationRight: number;
}

/** The first of the matching tests that every prediction in the gold mention's sentence fails. */
export type MissReason = 'no prediction in the sentence' | 'root' | 'source and target' | 'date' | 'taken by another gold mention';

export const MISS_REASONS: readonly MissReason[] = ['no prediction in the sentence', 'root', 'source and target', 'date', 'taken by another gold mention'];

/** Why no prediction stands for `gold`: how far the nearest prediction in its sentence got. */
export function missReason(gold: LocatedGoldMention, preds: readonly PredictedMention[], symmetric: ReadonlySet<string>): MissReason {
  const inSentence = preds.filter((p) => p.sentence_start <= gold.start && gold.end <= p.sentence_end);
  if (!inSentence.length) return 'no prediction in the sentence';
  const rooted = inSentence.filter((p) => p.cameo.slice(0, 2) === gold.cameo.slice(0, 2));
  if (!rooted.length) return 'root';
  const dyad = rooted.filter((p) => dyadMatches(gold, p, symmetric));
  if (!dyad.length) return 'source and target';
  return dyad.some((p) => dateMatches(gold, p)) ? 'taken by another gold mention' : 'date';
}

/**
 * Pure scoring over located gold and predictions. Gold mentions marked `negated` are not
 * expected: they are left out of the gold, so a prediction that lands on one is a false positive.
 */
export function scoreEventMentions(articles: readonly ScoredArticle[], symmetric: readonly string[] = SYMMETRIC_CODES): EventScores {
  const sym = new Set(symmetric);
  let gold = 0;
  let predicted = 0;
  let fullCodeMatches = 0;
  const matchedPairs: { eventId: string; key: string }[] = [];
  const perArticle: EventScores['perArticle'] = [];
  const missed: EventScores['missed'] = [];
  const spurious: EventScores['spurious'] = [];
  const byRoot = new Map<string, [number, number]>();
  const missedBecause = Object.fromEntries(MISS_REASONS.map((r) => [r, 0])) as Record<MissReason, number>;
  let locatedPredicted = 0;
  let goldLocated = 0;
  let locationRight = 0;
  for (const a of articles) {
    locatedPredicted += a.predicted.filter((p) => p.location).length;
    const g = a.gold.filter((x) => !x.negated);
    const predOf = matchMentions(g, a.predicted, sym);
    const used = new Set<number>();
    let matched = 0;
    g.forEach((gm, gi) => {
      const pj = predOf[gi];
      const r = byRoot.get(gm.cameo.slice(0, 2)) ?? [0, 0];
      byRoot.set(gm.cameo.slice(0, 2), r);
      r[0]++;
      if (pj !== null && pj !== undefined) r[1]++;
      if (pj === null || pj === undefined) {
        missed.push({ file: a.file, gold: gm });
        missedBecause[missReason(gm, a.predicted, sym)]++;
        return;
      }
      const p = a.predicted[pj]!;
      used.add(pj);
      matched++;
      if (p.cameo === gm.cameo) fullCodeMatches++;
      if (gm.location?.country) {
        goldLocated++;
        if (p.location?.country === gm.location.country) locationRight++;
      }
      matchedPairs.push({ eventId: p.event_id, key: gm.key });
    });
    a.predicted.forEach((p, j) => {
      if (!used.has(j)) spurious.push({ file: a.file, predicted: p });
    });
    gold += g.length;
    predicted += a.predicted.length;
    perArticle.push({ file: a.file, gold: g.length, predicted: a.predicted.length, matched });
  }
  const { samePredictedPairs, sameGoldPairs, sameBothPairs } = pairCounts(matchedPairs.map((m) => ({ predicted: m.eventId, gold: m.key })));
  return { gold, predicted, matched: matchedPairs.length, fullCodeMatches, samePredictedPairs, sameGoldPairs, sameBothPairs, perArticle, missed, spurious, byRoot, missedBecause, locatedPredicted, goldLocated, locationRight };
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');

const describeGold = (g: LocatedGoldMention) =>
  `${g.cameo} ${countryOf(g.source) ?? '-'}>${countryOf(g.target) ?? '-'} ${g.date ?? '?'}/${g.date_precision} ${JSON.stringify(g.trigger.text.slice(0, 50))}`;

/** Score `code` on the gold event files under `options.dir` (default eval/gold/events). */
/**
 * PLOVER type (through CAMEO2PLOVER) of the prediction that covers each gold trigger, whatever its
 * actors and date: how often the coder names the right kind of event where it finds one.
 */
export function ploverAtTriggers(articles: readonly ScoredArticle[]): { gold: number; found: number; right: number } {
  const ont = defaultOntology();
  const type = (cameo: string) => ont.plover.get(cameo)?.plover ?? null;
  let gold = 0;
  let found = 0;
  let right = 0;
  for (const a of articles) {
    for (const g of a.gold) {
      if (g.negated) continue;
      gold++;
      const p = a.predicted.filter((x) => x.start < g.end && g.start < x.end);
      if (!p.length) continue;
      found++;
      if (p.some((x) => type(x.cameo) !== null && type(x.cameo) === type(g.cameo))) right++;
    }
  }
  return { gold, found, right };
}

export async function evalEventGold(
  root: string,
  code: (article: Article) => Promise<PredictedMention[]> | PredictedMention[],
  options: EventGoldOptions = {},
): Promise<EventGoldResult> {
  const dir = options.dir ?? join(root, 'eval', 'gold', 'events');
  const files = loadEventGold(dir);
  if (files.length === 0) return { lines: [`  no gold events (${dir})`], scores: {} };
  const problems: string[] = [];
  const articles: ScoredArticle[] = [];
  let unavailable = 0;
  for (const { file, gold } of files) {
    const article = loadGoldArticle(root, gold);
    if (!article) {
      if (gold.source.startsWith('polnear:')) unavailable++;
      else problems.push(`  ${file}: source article not found`);
      continue;
    }
    const located: LocatedGoldMention[] = [];
    for (const e of gold.events) {
      const span = locate(article.body, e.trigger.text, e.trigger.occurrence);
      if (span) located.push({ ...e, ...span });
      else problems.push(`  ${file}: gold trigger not in body: ${JSON.stringify(e.trigger.text.slice(0, 60))}`);
    }
    articles.push({ file, gold: located, predicted: await code(article) });
  }
  const s = scoreEventMentions(articles, options.symmetric ?? SYMMETRIC_CODES);
  const plover = ploverAtTriggers(articles);
  const events = prf(s.matched, s.predicted, s.matched, s.gold);
  const merge = prf(s.sameBothPairs, s.samePredictedPairs, s.sameBothPairs, s.sameGoldPairs);
  const lines = [
    `  ${articles.length} gold articles, ${s.gold} gold mentions of ${new Set(articles.flatMap((a) => a.gold.map((g) => g.key))).size} events${unavailable ? ` (${unavailable} PolNeAR articles skipped: ../shared/datasets not found)` : ''}`,
    formatPrf('event mentions (root+dyad+date)', s.matched, s.predicted, s.matched, s.gold),
    `  full-code accuracy (matched)        ${pct(s.fullCodeMatches, s.matched)} of ${s.matched} matched mentions`,
    formatPrf('merge (pairs of matched mentions)', s.sameBothPairs, s.samePredictedPairs, s.sameBothPairs, s.sameGoldPairs),
    rootRecallLine(s.byRoot),
    `  missed gold mentions, by the first test the nearest prediction fails: ${MISS_REASONS.map((r) => `${r} ${s.missedBecause[r]}`).join(', ')}`,
    `  locations: ${pct(s.locatedPredicted, s.predicted)} of predicted mentions carry one; of ${s.goldLocated} matched gold mentions with a gold location, ${pct(s.locationRight, s.goldLocated)} have its country`,
    `  PLOVER type at the gold trigger       ${pct(plover.right, plover.found)} of ${plover.found} gold mentions with a prediction on their trigger (of ${plover.gold}; any actors, any date)`,
    ...s.perArticle.map((a) => `    ${a.file.padEnd(40)} gold ${String(a.gold).padStart(3)}  predicted ${String(a.predicted).padStart(3)}  matched ${String(a.matched).padStart(3)}`),
    ...problems,
  ];
  if (options.details) {
    for (const m of s.missed) lines.push(`    missed   ${m.file}: ${describeGold(m.gold)}`);
    for (const p of s.spurious) {
      const x = p.predicted;
      lines.push(`    spurious ${p.file}: ${x.cameo} ${x.source_country ?? '-'}>${x.target_country ?? '-'} ${x.date ?? '?'}/${x.date_precision} [${x.start},${x.end})`);
    }
  }
  return {
    lines,
    scores: {
      gold_mentions: s.gold,
      predicted_mentions: s.predicted,
      matched_mentions: s.matched,
      events_precision: events.p,
      events_recall: events.r,
      events_f1: events.f,
      full_code_accuracy: s.matched ? s.fullCodeMatches / s.matched : 0,
      plover_type_accuracy: plover.found ? plover.right / plover.found : 0,
      merge_precision: merge.p,
      merge_recall: merge.r,
      merge_f1: merge.f,
    },
  };
}
