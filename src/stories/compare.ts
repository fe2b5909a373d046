import type { Annotations } from '../annotate/annotate.js';
import type { ChainLink, Claim } from '../attribution/claims.js';
import { defaultCues, type Cues } from '../attribution/cues.js';
import { analyse } from '../nlp/analyse.js';
import { defaultLexicon, normKey } from '../nlp/lexicon.js';

/**
 * Claims x outlets for one story: which outlets report the same claim, through which chains,
 * how many independent original sources stand behind it, which outlets of the story leave it
 * out, and which claims contradict it. Pure: articles and their annotations in, rows out.
 *
 * - Same claim: content similarity (idf-weighted cosine of content lemmas, with named actors
 *   replaced by their codes so "Moscow" and "Russia" meet) at or above `same`, compatible
 *   speakers, and at most one report per article in a merged claim.
 * - Independent sources: one per original speaker. Named speakers are one source per actor
 *   code (a government's spokesman, readout and president are one voice), or per name when the
 *   code is unknown or a media code; anonymous sources are told apart by the relay that carries
 *   them, so CNN's and The Washington Post's unnamed sources are two. A speaker with neither a
 *   code nor anonymity (one the annotator could not resolve) counts only when no report of the
 *   claim has a resolved one.
 * - Contradiction: opposite polarity (negated, or a negating cue such as "denied") about the same
 *   participants (the actors in the content, plus the speaker's country: a denial from a party
 *   to the claim), and either the same content (similarity >= `contradiction`) or an article
 *   setting the two side by side with a contrastive connective ("..., even as the Kremlin
 *   states that ...").
 */

export interface CompareArticle {
  readonly id: string;
  readonly outlet: string | null;
  readonly url: string | null;
  readonly body: string;
}

export interface CompareInput {
  readonly article: CompareArticle;
  readonly annotations: Annotations;
  /** The article's event mentions (from the event stage), when coded: claims about different occurrences are kept apart. */
  readonly events?: readonly ClaimEvent[];
}

/** An event mention inside an article: its event id, its kind (the CAMEO base code) and its offsets. */
export interface ClaimEvent {
  readonly id: string;
  readonly kind: string;
  readonly start: number;
  readonly end: number;
}

export interface ClaimReport {
  readonly outlet: string;
  readonly article_id: string;
  /** The claim's id in that article's annotations. */
  readonly claim_id: string;
  readonly chain: ChainLink[];
  readonly start: number;
  readonly end: number;
}

export interface StoryClaim {
  readonly id: string;
  readonly text: string;
  /** The original speaker as the first report names it. */
  readonly speaker: string | null;
  readonly negated: boolean;
  readonly reports: ClaimReport[];
  readonly independent_sources: number;
  /** The keys of those sources ("RUSGOV", "anonymous via CNN"). */
  readonly sources: string[];
  readonly contradicts: string[];
  readonly omitted_by: string[];
}

export interface CompareOptions {
  /** Similarity at or above which two outlets' claims are one claim. */
  readonly same: number;
  /** Similarity at or above which opposite-polarity claims about the same participants contradict without a contrastive link. */
  readonly contradiction: number;
  /** Weight of an actor feature against a content word. */
  readonly actorWeight: number;
  /** Connectives an article uses to set two statements against each other. */
  readonly contrast: readonly string[];
  readonly cues: Cues;
}

export const DEFAULT_COMPARE_OPTIONS: Omit<CompareOptions, 'cues'> = {
  same: 0.2,
  contradiction: 0.3,
  actorWeight: 0.5,
  contrast: ['but', 'however', 'yet', 'even as', 'even though', 'although', 'though', 'whereas', 'while', 'despite', 'nevertheless', 'nonetheless', 'in contrast'],
};

interface Item {
  readonly article: number;
  readonly outlet: string;
  readonly claim: Claim;
  readonly features: Map<string, number>;
  readonly participants: Set<string>;
  readonly speakerCountry: string | null;
  readonly negated: boolean;
  readonly origin: string;
  /** The speaker is anonymous or has an actor code (else the annotator could not say who it is). */
  readonly resolved: boolean;
  /** Speaker identity for compatibility: "anonymous", "?" when unresolved, else code or name. */
  readonly speakerKey: string;
  /** Body range covering the speaker, cue and content. */
  readonly extent: { readonly start: number; readonly end: number };
  /** Kind of event -> ids of the events of that kind the claim's content reports. */
  readonly events: Map<string, Set<string>>;
}

/** Two claims that report events of the same kind, but different events (Friday's call, Tuesday's call), are not one claim. */
function differentOccurrences(a: Item, b: Item): boolean {
  for (const [kind, ids] of a.events) {
    const other = b.events.get(kind);
    if (other && ![...ids].some((id) => other.has(id))) return true;
  }
  return false;
}

const CONTENT_POS = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ', 'NUM']);

/** The claims of one article with nested duplicates dropped: of claims whose spans nest, the one with the longest chain (then reported speech over a quote, then the longer span). */
export function distinctClaims(claims: readonly Claim[]): Claim[] {
  const better = (a: Claim, b: Claim) => b.chain.length - a.chain.length || Number(a.quote) - Number(b.quote) || b.end - b.start - (a.end - a.start) || a.start - b.start;
  const ranked = [...claims].sort(better);
  const kept: Claim[] = [];
  for (const c of ranked) {
    const nests = kept.some((k) => (k.start <= c.start && c.end <= k.end) || (c.start <= k.start && k.end <= c.end));
    if (!nests) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The original source behind a chain: the speaker, or for an anonymous one the named relay (or publisher) that carries it. */
export function originKey(chain: readonly ChainLink[], publisher: string): string {
  const first = chain[0];
  if (!first) return `publisher ${publisher}`;
  if (first.anonymous) {
    const relay = chain.slice(1).find((l) => !l.anonymous && l.kind === 'relay')?.name ?? publisher;
    return `anonymous via ${relay}`;
  }
  if (first.code && !first.code.endsWith('MED')) return first.code;
  return first.name;
}

function featuresOf(claim: Claim, ann: Annotations, actorCode: (id: string) => string | null, actorWeight: number): { features: Map<string, number>; participants: Set<string> } {
  const features = new Map<string, number>();
  const participants = new Set<string>();
  const inClaim = ann.entities.filter((e) => e.start >= claim.start && e.end <= claim.end && e.actor_id);
  // A nationality or country named without an actor of its own ("Azerbaijani troops") is a participant too.
  for (const e of ann.entities) {
    if (e.actor_id || (e.type !== 'NORP' && e.type !== 'GPE') || e.start < claim.start || e.end > claim.end) continue;
    const country = defaultLexicon().names.get(normKey(e.canonical))?.find((x) => x.country && (x.kind === 'country' || x.type === 'NORP'))?.country;
    if (country) participants.add(country);
  }
  for (const e of inClaim) {
    const code = actorCode(e.actor_id!);
    if (!code) continue;
    const country = code.slice(0, 3);
    participants.add(country);
    features.set(`#${country}`, actorWeight);
    features.set(`#${code}`, actorWeight);
  }
  const { tokens } = analyse(claim.text, [{ start: 0, end: claim.text.length, kind: 'text' }]);
  for (const t of tokens) {
    if (!CONTENT_POS.has(t.pos)) continue;
    const at = claim.start + t.start;
    if (inClaim.some((e) => e.start <= at && at < e.end)) continue;
    const lemma = t.lemma.toLowerCase();
    if (!/[\p{L}\p{N}]/u.test(lemma)) continue;
    features.set(lemma, 1);
  }
  return { features, participants };
}

function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>, idf: (t: string) => number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, w] of a) {
    const x = w * idf(t);
    na += x * x;
    const v = b.get(t);
    if (v !== undefined) dot += x * v * idf(t);
  }
  for (const [t, w] of b) nb += (w * idf(t)) ** 2;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * The claim matrix of one story. Articles are read in the order given; merged claims are
 * numbered k1, k2, ... by their first report.
 */
export function compareClaims(inputs: readonly CompareInput[], options: Partial<CompareOptions> = {}): StoryClaim[] {
  // normKey is costly (Unicode normalisation, five regexes) and the pair loop asks for the same
  // names millions of times on a large story: one memo per call, dropped with it.
  const keys = new Map<string, string>();
  const nk = (x: string): string => {
    let k = keys.get(x);
    if (k === undefined) keys.set(x, (k = normKey(x)));
    return k;
  };
  const o: CompareOptions = { ...DEFAULT_COMPARE_OPTIONS, cues: defaultCues(), ...options };
  const outletOf = (a: CompareArticle) => a.outlet ?? a.id;
  const items: Item[] = [];
  inputs.forEach(({ article, annotations, events = [] }, ai) => {
    const codes = new Map(annotations.actors.map((a) => [a.id, a.code]));
    const publisher = outletOf(article);
    for (const claim of distinctClaims(annotations.claims)) {
      const { features, participants } = featuresOf(claim, annotations, (id) => codes.get(id) ?? null, o.actorWeight);
      const speaker = claim.chain[0];
      const cueWords = claim.cue?.text.toLowerCase().split(/\s+/) ?? [];
      const starts = [claim.start, claim.cue?.start ?? claim.start, claim.speaker.start ?? claim.start];
      const ends = [claim.end, claim.cue?.end ?? claim.end, claim.speaker.end ?? claim.end];
      items.push({
        article: ai,
        outlet: publisher,
        claim,
        features,
        participants,
        speakerCountry: speaker?.code ? speaker.code.slice(0, 3) : null,
        negated: claim.negated !== cueWords.some((w) => o.cues.negation.has(w) || o.cues.denials.has(w)),
        origin: originKey(claim.chain, publisher),
        resolved: !!speaker && (speaker.anonymous === true || !!speaker.code),
        speakerKey: !speaker ? '?' : speaker.anonymous ? 'anonymous' : (speaker.code ?? (claim.speaker.actor_id ? speaker.name : '?')),
        extent: { start: Math.min(...starts), end: Math.max(...ends) },
        events: events
          .filter((e) => e.start >= claim.start && e.start < claim.end)
          .reduce((m, e) => m.set(e.kind, (m.get(e.kind) ?? new Set<string>()).add(e.id)), new Map<string, Set<string>>()),
      });
    }
  });

  const df = new Map<string, number>();
  for (const it of items) for (const t of it.features.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  // The same value for every pair: computed once per term (the pair loop asked for it millions of times).
  const idfs = new Map([...df].map(([t, n]) => [t, Math.log(1 + items.length / n)] as const));
  const unseen = Math.log(1 + items.length);
  const idf = (t: string) => idfs.get(t) ?? unseen;
  // "According to Reuters" and Reuters' own report citing officials: the cited outlet is a link of the other's chain.
  const cites = (a: Item, b: Item) => {
    const first = a.claim.chain[0];
    if (!first || first.anonymous) return false;
    const k = nk(first.name);
    return nk(b.outlet) === k || b.claim.chain.some((l) => l.kind !== 'speaker' && nk(l.name) === k);
  };
  const compatible = (a: Item, b: Item) => a.speakerKey === '?' || b.speakerKey === '?' || a.speakerKey === b.speakerKey || cites(a, b) || cites(b, a);

  // Greedy average-free grouping: strongest pairs first, never two reports from one article in a group.
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]!;
      const b = items[j]!;
      if (a.article === b.article || a.negated !== b.negated || !compatible(a, b) || differentOccurrences(a, b)) continue;
      const s = cosine(a.features, b.features, idf);
      if (s >= o.same) pairs.push([s, i, j]);
    }
  }
  pairs.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
  const group = items.map((_, i) => i);
  const members = items.map((_, i) => [i]);
  for (const [, i, j] of pairs) {
    const gi = group[i]!;
    const gj = group[j]!;
    if (gi === gj) continue;
    const articles = new Set(members[gi]!.map((m) => items[m]!.article));
    if (members[gj]!.some((m) => articles.has(items[m]!.article))) continue;
    // A group never joins reports of two different occurrences, even through a third report that names neither.
    if (members[gi]!.some((x) => members[gj]!.some((y) => differentOccurrences(items[x]!, items[y]!)))) continue;
    const [keep, drop] = gi < gj ? [gi, gj] : [gj, gi];
    for (const m of members[drop]!) group[m] = keep;
    members[keep]!.push(...members[drop]!);
    members[drop] = [];
  }

  const groups = members.filter((m) => m.length).map((m) => m.sort((x, y) => items[x]!.article - items[y]!.article || items[x]!.claim.start - items[y]!.claim.start));
  groups.sort((x, y) => items[x[0]!]!.article - items[y[0]!]!.article || items[x[0]!]!.claim.start - items[y[0]!]!.claim.start);
  const idOf = new Map<number, string>();
  groups.forEach((g, n) => g.forEach((m) => idOf.set(m, `k${n + 1}`)));

  // Contradictions, between items, lifted to their groups.
  const contradicts = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b) return;
    if (!contradicts.has(a)) contradicts.set(a, new Set());
    contradicts.get(a)!.add(b);
  };
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]!;
      const b = items[j]!;
      if (a.negated === b.negated) continue;
      const [neg, pos] = a.negated ? [a, b] : [b, a];
      const parties = new Set(neg.participants);
      if (neg.speakerCountry) parties.add(neg.speakerCountry);
      const shared = [...pos.participants].filter((p) => parties.has(p)).length;
      if (!pos.participants.size || shared < Math.min(2, pos.participants.size)) continue;
      const contrasted = a.article === b.article && Math.abs(a.claim.sentence - b.claim.sentence) <= 1 && setAgainst(inputs[a.article]!.article.body, a, b, items, o.contrast);
      if (!contrasted && cosine(a.features, b.features, idf) < o.contradiction) continue;
      link(idOf.get(i)!, idOf.get(j)!);
      link(idOf.get(j)!, idOf.get(i)!);
    }
  }

  const outlets = [...new Set(inputs.map((x) => outletOf(x.article)))];
  return groups.map((g, n) => {
    const id = `k${n + 1}`;
    const first = items[g[0]!]!;
    const reporting = new Set(g.map((m) => items[m]!.outlet));
    // A speaker the annotator could not resolve is not shown to be a further, independent source.
    const resolved = g.filter((m) => items[m]!.resolved);
    // An outlet cited as the source ("according to Reuters") stands for whatever that outlet's own
    // report of the claim rests on: Reuters' anonymous officials are not a second, independent source.
    const byOutlet = new Map(g.map((m) => [nk(items[m]!.outlet), items[m]!] as const));
    const originOf = (m: number): string => {
      let it = items[m]!;
      for (let hops = 0; hops < 4; hops++) {
        const cited = it.claim.chain[0];
        const key = cited && !cited.anonymous ? nk(cited.name) : null;
        // The outlet's own report in the story, else a report that names it as a relay ("sources told CNN").
        const own = key ? (byOutlet.get(key) ?? g.map((x) => items[x]!).find((x) => x !== it && x.claim.chain.some((l, n) => n > 0 && l.kind === 'relay' && nk(l.name) === key))) : undefined;
        if (!own || own === it) break;
        it = own;
      }
      return it.origin;
    };
    const sources = [...new Set((resolved.length ? resolved : g).map(originOf))].sort();
    return {
      id,
      text: first.claim.text,
      speaker: first.claim.chain[0]?.name ?? null,
      negated: first.negated,
      reports: g.map((m) => {
        const it = items[m]!;
        return { outlet: it.outlet, article_id: inputs[it.article]!.article.id, claim_id: it.claim.id, chain: it.claim.chain, start: it.claim.start, end: it.claim.end };
      }),
      independent_sources: sources.length,
      sources,
      contradicts: [...(contradicts.get(id) ?? [])].sort((x, y) => Number(x.slice(1)) - Number(y.slice(1))),
      omitted_by: outlets.filter((x) => !reporting.has(x)),
    };
  });
}

/** Two neighbouring claims of one article (no other claim between them) with a contrastive connective between. */
function setAgainst(body: string, a: Item, b: Item, items: readonly Item[], contrast: readonly string[]): boolean {
  const [x, y] = a.extent.start <= b.extent.start ? [a, b] : [b, a];
  if (y.extent.start < x.extent.end) return false;
  if (items.some((it) => it.article === a.article && it !== x && it !== y && it.extent.start < y.extent.start && it.extent.end > x.extent.end)) return false;
  const between = ` ${(body.slice(x.extent.end, y.extent.start).toLowerCase().match(/[\p{L}']+/gu) ?? []).join(' ')} `;
  return contrast.some((c) => between.includes(` ${c} `));
}
