/**
 * Inter-annotator agreement: a second annotator's independent gold (eval/agreement/) scored
 * against the first annotator's gold for the same articles (eval/dev/), with the matching the
 * engine is scored by. It says how far two careful people agree on events (actors' countries +
 * CAMEO root + date), on attribution chains and on speakers: the ceiling any coder's score on
 * this gold can be read against. The second annotator saw only the guidelines and the texts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from '../src/nlp/analyse.js';
import { normKey } from '../src/nlp/lexicon.js';
import { loadAnnotationGold, type ClaimGold } from './annotations.js';
import { loadEventGold, loadGoldArticle, scoreEventMentions, type EventGoldFile, type LocatedGoldMention, type PredictedMention } from './events-gold.js';
import { formatPrf, locate, overlap } from './metrics.js';

function locateAll(body: string, gold: EventGoldFile): LocatedGoldMention[] {
  return gold.events.flatMap((e) => {
    const span = locate(body, e.trigger.text, e.trigger.occurrence);
    return span ? [{ ...e, ...span }] : [];
  });
}

/** The second annotator's mentions as predictions: the sentence a trigger lies in bounds it, as for a coder. */
function asPredicted(articleId: string, body: string, mentions: readonly LocatedGoldMention[]): PredictedMention[] {
  const sentences = analyse(body, [{ start: 0, end: body.length, kind: 'text' }]).sentences;
  return mentions
    .filter((m) => !m.negated)
    .map((m) => {
      const s = sentences.find((x) => x.start <= m.start && m.start < x.end) ?? { start: m.start, end: m.end };
      return {
        event_id: m.key, article_id: articleId, start: m.start, end: m.end, sentence_start: s.start, sentence_end: Math.max(s.end, m.end),
        cameo: m.cameo, source_country: m.source?.country ?? null, target_country: m.target?.country ?? null, date: m.date, date_precision: m.date_precision,
      };
    });
}

/** Chains as names, the description standing for an anonymous first link (as the annotation scorer reads gold). */
const chainKey = (c: ClaimGold) => c.chain.map((n) => normKey(n)).join(' > ');

export function evalAgreement(root: string, options: { dir?: string; against?: string } = {}): string[] {
  const dir = options.dir ?? join(root, 'eval', 'agreement');
  const against = options.against ?? join(root, 'eval', 'dev');
  if (!existsSync(dir)) return [`  no second annotation (${dir})`];
  const lines: string[] = [];
  // Events.
  const first = new Map(loadEventGold(join(against, 'events')).map((x) => [x.file, x.gold]));
  const scored: { file: string; gold: LocatedGoldMention[]; predicted: PredictedMention[] }[] = [];
  let skipped = 0;
  for (const { file, gold: second } of loadEventGold(join(dir, 'events'))) {
    const a = first.get(file);
    const article = a ? loadGoldArticle(root, a) : undefined;
    if (!a || !article) {
      skipped++;
      continue;
    }
    scored.push({ file, gold: locateAll(article.body, a), predicted: asPredicted(article.id, article.body, locateAll(article.body, second)) });
  }
  if (scored.length) {
    const s = scoreEventMentions(scored);
    const root = (x: { cameo: string }) => x.cameo.slice(0, 2);
    // Agreement on the act alone: a second-annotator mention of the same root in the same sentence, whatever its actors and date.
    let sameRoot = 0;
    for (const a of scored) for (const g of a.gold.filter((x) => !x.negated)) if (a.predicted.some((p) => p.sentence_start <= g.start && g.end <= p.sentence_end && root(p) === root(g))) sameRoot++;
    lines.push(
      `  ${scored.length} articles; first annotator ${s.gold} mentions, second ${s.predicted}${skipped ? ` (${skipped} files skipped: article or first gold not found)` : ''}`,
      formatPrf('event mentions (root+dyad+date)', s.matched, s.predicted, s.matched, s.gold),
      `  same root in the same sentence         ${s.gold ? ((100 * sameRoot) / s.gold).toFixed(1) : 'n/a'}% of the first annotator's mentions (any actors, any date)`,
    );
  }
  // Claims and chains.
  const firstAnn = new Map(loadAnnotationGold(join(against, 'annotations')).map((x) => [x.file, x.gold]));
  let tpB = 0;
  let nB = 0;
  let tpA = 0;
  let nA = 0;
  let found = 0;
  let sameSpeaker = 0;
  for (const { file, gold: second } of loadAnnotationGold(join(dir, 'annotations'))) {
    const a = firstAnn.get(file);
    const article = a ? loadGoldArticle(root, a) : undefined;
    if (!a || !article) continue;
    const at = (cs: readonly ClaimGold[] | undefined) => (cs ?? []).flatMap((c) => {
      const span = locate(article.body, c.text, c.occurrence);
      return span ? [{ c, span }] : [];
    });
    const ca = at(a.claims);
    const cb = at(second.claims);
    const hit = (x: (typeof ca)[number], y: (typeof cb)[number]) => overlap(x.span, y.span) >= 0.5 && chainKey(x.c) === chainKey(y.c);
    tpB += cb.filter((y) => ca.some((x) => hit(x, y))).length;
    nB += cb.length;
    tpA += ca.filter((x) => cb.some((y) => hit(x, y))).length;
    nA += ca.length;
    for (const x of ca) {
      const y = cb.reduce<(typeof cb)[number] | null>((best, z) => (overlap(x.span, z.span) >= 0.5 && (!best || overlap(x.span, z.span) > overlap(x.span, best.span)) ? z : best), null);
      if (!y) continue;
      found++;
      if (normKey(x.c.chain[0] ?? '') === normKey(y.c.chain[0] ?? '')) sameSpeaker++;
    }
  }
  if (nA || nB) {
    lines.push(
      formatPrf('attribution chains (content + chain)', tpB, nB, tpA, nA),
      `  claim speaker agreement             ${found ? ((100 * sameSpeaker) / found).toFixed(1) : 'n/a'}% of ${found} claims both found (content overlap >= 50%)`,
    );
  }
  return lines.length ? lines : ['  no second annotation could be scored (../shared/datasets not found?)'];
}
