import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotateArticle, defaultResources, type Annotations } from '../src/annotate/annotate.js';
import { normKey } from '../src/nlp/lexicon.js';
import type { Article } from '../src/types/article.js';
import { loadGoldArticle } from './events-gold.js';
import { formatPrf, locate, overlap } from './metrics.js';

/** One gold claim: see eval/gold/annotations/README.md. */
export interface ClaimGold { text: string; occurrence?: number; speaker: string | null; anonymous?: boolean; chain: string[]; negated?: boolean; hedged?: boolean }

/** One gold file: see eval/gold/annotations/README.md. Texts are located in the stored body. */
export interface Gold {
  source: string;
  locator?: string | null;
  language?: string;
  skip?: boolean;
  entities?: { text: string; occurrence?: number; type: string; canonical?: string }[];
  actors?: { name: string; country: string | null; role: string | null }[];
  times?: { text: string; occurrence?: number; value: string | null; precision: string | null }[];
  quotes?: { text: string; occurrence?: number; speaker: string | null }[];
  claims?: ClaimGold[];
}

/** The gold files of a folder, by file name. */
export function loadAnnotationGold(dir: string): { file: string; gold: Gold }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((file) => ({ file, gold: JSON.parse(readFileSync(join(dir, file), 'utf8')) as Gold }));
}

type Counter = [number, number, number, number];
const counter = (): Counter => [0, 0, 0, 0];


function add(c: Counter, tpPred: number, pred: number, tpGold: number, gold: number): void {
  c[0] += tpPred;
  c[1] += pred;
  c[2] += tpGold;
  c[3] += gold;
}

export interface AnnotationEval {
  lines: string[];
}

/** Score the annotation stage on eval/gold/annotations/*.json. */
export function evalAnnotations(root: string, options: { dir?: string; details?: boolean } = {}): AnnotationEval {
  const dir = options.dir ?? join(root, 'eval', 'gold', 'annotations');
  if (!existsSync(dir)) return { lines: [`  no gold annotations (${dir})`] };
  const res = defaultResources();
  const c = { entities: counter(), actors: counter(), times: counter(), timeValues: counter(), quotes: counter(), quoteSpeakers: counter(), chains: counter(), claimSpeakers: counter(), flags: counter(), language: counter() };
  const problems: string[] = [];
  let scored = 0;
  let unavailable = 0;
  for (const { file: f, gold } of loadAnnotationGold(dir)) {
    const article: Article | undefined = loadGoldArticle(root, gold);
    if (!article) {
      if (gold.source.startsWith('polnear:')) unavailable++;
      else problems.push(`  ${f}: source article not found`);
      continue;
    }
    scored++;
    if (gold.language) add(c.language, Number(article.language === gold.language), 1, Number(article.language === gold.language), 1);
    const ann: Annotations = annotateArticle(article, res);
    if (gold.skip) {
      if (!ann.skipped) problems.push(`  ${f}: expected the article to be skipped (language ${article.language})`);
      continue;
    }
    const body = article.body;
    const find = (x: { text: string; occurrence?: number }) => {
      const s = locate(body, x.text, x.occurrence);
      if (!s) problems.push(`  ${f}: gold text not in body: ${JSON.stringify(x.text.slice(0, 60))}`);
      return s;
    };
    // Entities: exact span and type; only written names (descriptions are not in the gold).
    // A gold file scores only the lists it has (the blind files in eval/blind/ hold claims and quotes alone).
    const ge = (gold.entities ?? []).map((e) => ({ ...e, span: find(e) })).filter((e) => e.span);
    // The gold marks names (PERSON, ORG, GPE, NORP); dates are scored as times, numbers not at all.
    const pe = ann.entities.filter((e) => e.mention === 'name' && e.type !== 'DATE' && e.type !== 'NUMBER');
    const hitE = (p: (typeof pe)[number], g: (typeof ge)[number]) => p.start === g.span!.start && p.end === g.span!.end && p.type === g.type;
    if (gold.entities) add(c.entities, pe.filter((p) => ge.some((g) => hitE(p, g))).length, pe.length, ge.filter((g) => pe.some((p) => hitE(p, g))).length, ge.length);
    // Actors: same name (normalised) with the same country and role.
    const ga = gold.actors ?? [];
    // Gold names are written as in the text ("Sergei Lavrov"); known names compare by their dictionary form.
    const canon = (name: string) => normKey(res.lexicon.names.get(normKey(name))?.find((x) => x.type === 'PERSON' || x.type === 'ORG')?.canonical ?? name);
    const hitA = (p: Annotations['actors'][number], g: (typeof ga)[number]) => canon(p.name) === canon(g.name) && (p.country ?? null) === (g.country ?? null) && (p.role ?? null) === (g.role ?? null);
    if (gold.actors) add(c.actors, ann.actors.filter((p) => ga.some((g) => hitA(p, g))).length, ann.actors.length, ga.filter((g) => ann.actors.some((p) => hitA(p, g))).length, ga.length);
    // Times: a predicted mention overlapping the gold one; value and precision must agree to count as resolved.
    const gt = (gold.times ?? []).map((t) => ({ ...t, span: find(t) })).filter((t) => t.span);
    const near = (p: Annotations['times'][number], g: (typeof gt)[number]) => overlap(p, g.span!) > 0;
    if (gold.times) add(c.times, ann.times.filter((p) => gt.some((g) => near(p, g))).length, ann.times.length, gt.filter((g) => ann.times.some((p) => near(p, g))).length, gt.length);
    const resolved = (p: Annotations['times'][number], g: (typeof gt)[number]) => near(p, g) && p.value === g.value && (p.precision ?? null) === (g.precision ?? null);
    if (gold.times) add(c.timeValues, ann.times.filter((p) => gt.some((g) => resolved(p, g))).length, ann.times.length, gt.filter((g) => ann.times.some((p) => resolved(p, g))).length, gt.length);
    // Quotes: exact span; then the speaker on matched spans.
    const gq = (gold.quotes ?? []).map((q) => ({ ...q, span: find(q) })).filter((q) => q.span);
    const pq = ann.claims.filter((x) => x.quote);
    const sameSpan = (p: { start: number; end: number }, g: { start: number; end: number }) => overlap(p, g) >= 0.9;
    if (gold.quotes) add(c.quotes, pq.filter((p) => gq.some((g) => sameSpan(p, g.span!))).length, pq.length, gq.filter((g) => pq.some((p) => sameSpan(p, g.span!))).length, gq.length);
    for (const g of gq) {
      const p = pq.find((x) => sameSpan(x, g.span!));
      if (!p) continue;
      const ok = normKey(p.speaker.name ?? '') === normKey(g.speaker ?? '') ? 1 : 0;
      add(c.quoteSpeakers, ok, 1, ok, 1);
      if (options.details && !ok) problems.push(`    quote    ${f}: gold ${JSON.stringify(g.speaker)}, predicted ${JSON.stringify(p.speaker.name)}: ${JSON.stringify(g.text.slice(0, 60))}`);
    }
    // Attribution chains: a predicted claim whose content overlaps the gold content by half or more,
    // with the same chain of names; flags are scored on matched claims.
    const gc = (gold.claims ?? []).map((x) => ({ ...x, span: find(x) })).filter((x) => x.span);
    const chainOf = (names: readonly string[]) => names.map((n) => normKey(n)).join(' > ');
    const pc = ann.claims.filter((x) => !x.quote);
    const hitC = (p: (typeof pc)[number], g: (typeof gc)[number]) => overlap(p, g.span!) >= 0.5 && chainOf(p.chain.map((l) => (l.anonymous ? (g.anonymous ? g.chain[0]! : l.name) : l.name))) === chainOf(g.chain);
    if (gold.claims) add(c.chains, pc.filter((p) => gc.some((g) => hitC(p, g))).length, pc.length, gc.filter((g) => pc.some((p) => hitC(p, g))).length, gc.length);
    if (options.details) {
      for (const g of gc) if (!pc.some((p) => hitC(p, g))) problems.push(`    missed   ${f}: ${g.chain.join(' > ')}: ${JSON.stringify(g.text.slice(0, 60))}${pc.some((p) => overlap(p, g.span!) >= 0.5) ? ` (found as ${pc.find((p) => overlap(p, g.span!) >= 0.5)!.chain.map((l) => l.name).join(' > ')})` : ''}`);
      for (const p of pc) if (!gc.some((g) => hitC(p, g))) problems.push(`    spurious ${f}: ${p.chain.map((l) => l.name).join(' > ')}: ${JSON.stringify(p.text.slice(0, 60))}`);
    }
    for (const g of gc) {
      const p = pc.find((x) => overlap(x, g.span!) >= 0.5);
      if (!p) continue;
      const ok = p.negated === Boolean(g.negated) && p.hedged === Boolean(g.hedged) ? 1 : 0;
      add(c.flags, ok, 1, ok, 1);
      // The speaker: the chain's first link, the gold's description standing for an anonymous one.
      const first = p.chain[0];
      const said = first ? (first.anonymous ? (g.anonymous ? g.chain[0]! : first.name) : first.name) : '';
      const sp = normKey(said) === normKey(g.chain[0] ?? '') ? 1 : 0;
      add(c.claimSpeakers, sp, 1, sp, 1);
      if (options.details && !sp) problems.push(`    speaker  ${f}: gold ${JSON.stringify(g.chain[0] ?? null)}, predicted ${JSON.stringify(said)}: ${JSON.stringify(g.text.slice(0, 60))}`);
    }
  }
  const l = (label: string, x: Counter) => (x[1] || x[3] ? [formatPrf(label, x[0], x[1], x[2], x[3])] : []);
  const acc = (label: string, x: Counter, of: string) => (x[3] ? [`  ${label.padEnd(34)}  ${((100 * x[0]) / x[3]).toFixed(1)}% of ${x[3]} ${of}`] : []);
  return {
    lines: [
      `  ${scored} gold articles${unavailable ? ` (${unavailable} PolNeAR articles skipped: ../shared/datasets not found)` : ''}`,
      ...l('entity mentions (span + type)', c.entities),
      ...l('actor codes (name + country + role)', c.actors),
      ...l('time expressions (span overlap)', c.times),
      ...l('time resolution (value + precision)', c.timeValues),
      ...l('direct quotes (span)', c.quotes),
      ...acc('quote speaker accuracy', c.quoteSpeakers, 'matched quotes'),
      ...l('attribution chains (content + chain)', c.chains),
      ...acc('claim speaker accuracy', c.claimSpeakers, 'claims found (content overlap >= 50%)'),
      ...acc('negation/hedging flags', c.flags, 'matched claims'),
      ...(c.language[3] ? [`  language detected                   ${c.language[0]}/${c.language[3]}`] : []),
      ...problems,
    ],
  };
}
