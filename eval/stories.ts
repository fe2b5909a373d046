import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { defaultCreditRules } from '../src/ingest/captions.js';
import { defaultOutletTable } from '../src/ingest/outlets.js';
import { readInput } from '../src/ingest/read.js';
import { bcubed, type BCubed } from '../src/stories/bcubed.js';
import type { Article } from '../src/types/article.js';
import { formatPrf, locate, pairCounts, prf } from './metrics.js';

/**
 * Scores story clustering and cross-article claim merging against eval/gold/stories/gold.json
 * (format and rules in eval/gold/stories/README.md). The system under test is a callback: it
 * gets every gold article at once and answers with a story and thread per article and the claim
 * reports it merged. This file knows nothing about how either is done.
 *
 * - Clustering: BCubed precision/recall/F1 of the predicted stories against the gold stories,
 *   and of the predicted threads against the gold threads. An article the callback leaves out
 *   counts as a story (and thread) of its own.
 * - Claims: each gold claim mention is matched, one to one, to the predicted claim report in the
 *   same article whose span overlaps it most, if the overlap is at least half of the shorter of
 *   the two spans. Over the matched mentions, pairs in the same predicted claim are scored against
 *   pairs with the same gold key (pairwise P/R/F1), over all pairs and over pairs within one gold
 *   story; coverage is matched / all gold mentions.
 */

/** The story and thread the system put one article in. */
export interface StoryAssignment {
  readonly article_id: string;
  readonly story_id: string;
  readonly thread_id: string;
}

/**
 * One report of a merged claim: reports sharing `claim_id` are one claim, so ids must be unique
 * across the run (a comparison made story by story prefixes them with the story id). Offsets
 * point into the article body.
 */
export interface PredictedClaimReport {
  readonly claim_id: string;
  readonly article_id: string;
  readonly start: number;
  readonly end: number;
}

export interface StoryRunResult {
  readonly assignments: StoryAssignment[];
  readonly claims: PredictedClaimReport[];
}

export interface StoryGoldArticle {
  /** Path relative to the package root. */
  readonly source: string;
  /** Picks one article of a multi-article input ("item 2", "line 1"); null for single-article files. */
  readonly locator?: string | null;
  readonly story: string;
  readonly thread: string;
  readonly note?: string;
}

export interface StoryGoldMention {
  readonly source: string;
  readonly locator?: string | null;
  /** Exact text of the stored body. */
  readonly text: string;
  readonly occurrence?: number;
}

export interface StoryGoldClaim {
  readonly key: string;
  /** What is claimed, in words (documentation only). */
  readonly text: string;
  readonly mentions: readonly StoryGoldMention[];
}

export interface StoryGold {
  readonly articles: readonly StoryGoldArticle[];
  readonly claims: readonly StoryGoldClaim[];
}

export interface StoryEvalOptions {
  /** Folder holding gold.json; default `<root>/eval/gold/stories`. Sources are read relative to `root`. */
  readonly dir?: string;
  /** Also list, per gold claim, which predicted claim each mention landed in. */
  readonly details?: boolean;
}

export interface StoryEvalResult {
  readonly lines: string[];
  readonly scores: Record<string, number>;
}

/** A gold article as loaded: the gold entry, the stored article and a short label for printing. */
export interface LoadedGoldArticle {
  readonly gold: StoryGoldArticle;
  readonly article: Article;
  readonly label: string;
}

const READ_CLOCK = () => new Date('2026-03-31T00:00:00Z');

const refKey = (x: { source: string; locator?: string | null }) => `${x.source}\u0000${x.locator ?? ''}`;

/** `agency-digest line 1`, `moscow-times-putin-pezeshkian`: the file name without extension, plus the locator. */
export function articleLabel(x: { source: string; locator?: string | null }): string {
  const name = basename(x.source, extname(x.source));
  return x.locator ? `${name} ${x.locator}` : name;
}

export function loadStoryGold(dir: string): StoryGold | null {
  const path = join(dir, 'gold.json');
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as StoryGold;
}

/**
 * The gold articles, read from `root` the way every eval reads them (readInput on the file,
 * picked by locator), in a fixed order: by published value (ISO strings, so a date-only value
 * sorts at the start of its day; unknown dates last), then source path, then locator.
 * Entries that cannot be read, or that repeat an article, are returned as problems.
 */
export function loadStoryArticles(root: string, gold: StoryGold): { articles: LoadedGoldArticle[]; problems: string[] } {
  const ctx = { outlets: defaultOutletTable(), credits: defaultCreditRules() };
  const cache = new Map<string, Article[]>();
  const problems: string[] = [];
  const articles: LoadedGoldArticle[] = [];
  const seen = new Map<string, string>();
  for (const g of gold.articles) {
    const path = join(root, g.source);
    let read = cache.get(path);
    if (!read) {
      read = existsSync(path) ? readInput(readFileSync(path), { ...ctx, path }, { now: READ_CLOCK }).articles : [];
      cache.set(path, read);
    }
    const label = articleLabel(g);
    const article = read.find((a) => (g.locator ?? null) === a.source_locator);
    if (!article) {
      problems.push(`  gold error: ${label}: article not found (${g.source}${g.locator ? `, ${g.locator}` : ''})`);
      continue;
    }
    const twin = seen.get(article.id);
    if (twin !== undefined) {
      problems.push(`  gold error: ${label}: same stored article as ${twin}`);
      continue;
    }
    seen.set(article.id, label);
    articles.push({ gold: g, article, label });
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  articles.sort(
    (x, y) =>
      cmp(x.article.published ?? '\uffff', y.article.published ?? '\uffff') ||
      cmp(x.gold.source, y.gold.source) ||
      cmp(x.gold.locator ?? '', y.gold.locator ?? ''),
  );
  return { articles, problems };
}


/** A gold claim mention located in its article. */
export interface LocatedClaimMention {
  readonly key: string;
  readonly article_id: string;
  readonly start: number;
  readonly end: number;
}

/** Overlap of two spans as a share of the shorter one (0 when they do not overlap). */
export function overlapOfShorter(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (inter <= 0) return 0;
  return inter / Math.max(1, Math.min(a.end - a.start, b.end - b.start));
}

/**
 * One-to-one matching of gold mentions to predicted reports of the same article: pairs whose
 * overlap is at least `minOverlap` of the shorter span are taken greedily, best overlap first
 * (ties: gold order, then report order). Returns the report index per gold mention, or null.
 */
export function matchClaimMentions(gold: readonly LocatedClaimMention[], predicted: readonly PredictedClaimReport[], minOverlap = 0.5): (number | null)[] {
  const pairs: { gi: number; pj: number; o: number }[] = [];
  gold.forEach((g, gi) =>
    predicted.forEach((p, pj) => {
      if (p.article_id !== g.article_id) return;
      const o = overlapOfShorter(g, p);
      if (o > 0 && o >= minOverlap) pairs.push({ gi, pj, o });
    }),
  );
  pairs.sort((a, b) => b.o - a.o || a.gi - b.gi || a.pj - b.pj);
  const predOf: (number | null)[] = gold.map(() => null);
  const used = new Set<number>();
  for (const { gi, pj } of pairs) {
    if (predOf[gi] !== null || used.has(pj)) continue;
    predOf[gi] = pj;
    used.add(pj);
  }
  return predOf;
}

export interface ClaimMergeScores {
  readonly gold: number;
  readonly matched: number;
  /** Pairs of matched mentions in the same predicted claim, with the same gold key, and both. */
  readonly samePredictedPairs: number;
  readonly sameGoldPairs: number;
  readonly sameBothPairs: number;
  /** Predicted claim id per gold mention (null when unmatched), in gold order. */
  readonly predictedOf: (string | null)[];
}

/** Pairwise merge scores over the gold mentions that found a predicted report. */
export function scoreClaimMerge(gold: readonly LocatedClaimMention[], predicted: readonly PredictedClaimReport[], minOverlap = 0.5): ClaimMergeScores {
  const predOf = matchClaimMentions(gold, predicted, minOverlap);
  const predictedOf = predOf.map((j) => (j === null ? null : predicted[j]!.claim_id));
  const matched = gold.map((g, i) => ({ key: g.key, claim: predictedOf[i] })).filter((m): m is { key: string; claim: string } => m.claim !== null);
  const { samePredictedPairs, sameGoldPairs, sameBothPairs } = pairCounts(matched.map((m) => ({ predicted: m.claim, gold: m.key })));
  return { gold: gold.length, matched: matched.length, samePredictedPairs, sameGoldPairs, sameBothPairs, predictedOf };
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');

function formatBCubed(label: string, b: BCubed): string {
  const pc = (x: number) => `${(100 * x).toFixed(1)}`.padStart(5);
  return `  ${label.padEnd(34)} P ${pc(b.p)}  R ${pc(b.r)}  F1 ${pc(b.f)}   (${b.items} articles: ${b.clusters} predicted, ${b.classes} gold)`;
}

/** Score `run` on the story gold under `opts.dir` (default eval/gold/stories). */
export async function evalStories(
  root: string,
  run: (articles: Article[]) => Promise<StoryRunResult>,
  opts: StoryEvalOptions = {},
): Promise<StoryEvalResult> {
  const dir = opts.dir ?? join(root, 'eval', 'gold', 'stories');
  const gold = loadStoryGold(dir);
  if (!gold) return { lines: [`  no story gold (${join(dir, 'gold.json')})`], scores: {} };
  const { articles, problems } = loadStoryArticles(root, gold);
  const byRef = new Map(articles.map((a) => [refKey(a.gold), a]));
  const byId = new Map(articles.map((a) => [a.article.id, a]));

  const result = await run(articles.map((a) => a.article));

  // Clustering. An article left out is a story and thread of its own.
  const storyOf = new Map<string, string>();
  const threadOf = new Map<string, string>();
  let outside = 0;
  let repeated = 0;
  for (const s of result.assignments) {
    if (!byId.has(s.article_id)) {
      outside++;
      continue;
    }
    if (storyOf.has(s.article_id)) {
      repeated++;
      continue;
    }
    storyOf.set(s.article_id, `story ${s.story_id}`);
    threadOf.set(s.article_id, `thread ${s.thread_id}`);
  }
  const unassigned = articles.filter((a) => !storyOf.has(a.article.id));
  for (const a of unassigned) {
    storyOf.set(a.article.id, `unassigned ${a.article.id}`);
    threadOf.set(a.article.id, `unassigned ${a.article.id}`);
  }
  const goldStory = new Map(articles.map((a) => [a.article.id, a.gold.story]));
  const goldThread = new Map(articles.map((a) => [a.article.id, a.gold.thread]));
  const stories = bcubed(storyOf, goldStory);
  const threads = bcubed(threadOf, goldThread);

  // Short names for predicted stories and threads, in the order the gold articles meet them.
  const shortNames = (of: Map<string, string>, prefix: string) => {
    const names = new Map<string, string>();
    for (const a of articles) {
      const id = of.get(a.article.id)!;
      if (id.startsWith('unassigned ')) names.set(id, '-');
      else if (!names.has(id)) names.set(id, `${prefix}${names.size + 1}`);
    }
    return (articleId: string) => names.get(of.get(articleId)!) ?? '?';
  };
  const storyName = shortNames(storyOf, 'S');
  const threadName = shortNames(threadOf, 'T');

  const lines: string[] = [`  ${articles.length} gold articles in ${new Set(articles.map((a) => a.gold.story)).size} stories and ${new Set(articles.map((a) => a.gold.thread)).size} threads`];
  lines.push(formatBCubed('stories (BCubed)', stories));
  lines.push(formatBCubed('threads (BCubed)', threads));
  const nonEnglish = articles.filter((a) => a.article.language !== 'en');
  const scores: Record<string, number> = {
    gold_articles: articles.length,
    story_precision: stories.p,
    story_recall: stories.r,
    story_f1: stories.f,
    predicted_stories: stories.clusters,
    gold_stories: stories.classes,
    thread_precision: threads.p,
    thread_recall: threads.r,
    thread_f1: threads.f,
    predicted_threads: threads.clusters,
    gold_threads: threads.classes,
  };
  if (nonEnglish.length) {
    const en = (m: Map<string, string>) => new Map([...m].filter(([id]) => byId.get(id)!.article.language === 'en'));
    const s = bcubed(en(storyOf), en(goldStory));
    lines.push(formatBCubed('stories, English articles only', s));
    scores.story_en_f1 = s.f;
  }
  if (unassigned.length) lines.push(`  ${unassigned.length} gold articles got no story from the run (each scored as a story of its own)`);
  if (outside || repeated) lines.push(`  ignored: ${outside} assignments to articles outside the gold, ${repeated} repeated assignments`);
  lines.push('  gold story [gold thread]: article -> predicted story/thread');
  const goldStories = [...new Set(articles.map((a) => a.gold.story))];
  for (const story of goldStories) {
    const members = articles.filter((a) => a.gold.story === story);
    const where = members.map((a) => `${a.label}${a.article.language === 'en' ? '' : ` (${a.article.language})`} -> ${storyName(a.article.id)}/${threadName(a.article.id)}`);
    lines.push(`    ${story} [${members[0]!.gold.thread}]: ${where.join('; ')}`);
  }

  // Claims.
  const located: LocatedClaimMention[] = [];
  const storyOfMention: string[] = [];
  const labelOfMention: string[] = [];
  for (const c of gold.claims) {
    for (const m of c.mentions) {
      const a = byRef.get(refKey(m));
      if (!a) {
        problems.push(`  gold error: claim ${c.key}: ${articleLabel(m)} is not a loaded gold article`);
        continue;
      }
      const span = locate(a.article.body, m.text, m.occurrence);
      if (!span) {
        problems.push(`  gold error: claim ${c.key}: text not in ${a.label}: ${JSON.stringify(m.text.slice(0, 60))}`);
        continue;
      }
      located.push({ key: c.key, article_id: a.article.id, ...span });
      storyOfMention.push(a.gold.story);
      labelOfMention.push(a.label);
    }
  }
  const reports = result.claims.filter((r) => byId.has(r.article_id));
  const m = scoreClaimMerge(located, reports);
  let goldPairs = 0;
  let crossStoryPairs = 0;
  for (let i = 0; i < located.length; i++) {
    for (let j = i + 1; j < located.length; j++) {
      if (located[i]!.key !== located[j]!.key) continue;
      goldPairs++;
      if (storyOfMention[i] !== storyOfMention[j]) crossStoryPairs++;
    }
  }
  // The same pairwise score on pairs whose two mentions lie in one gold story.
  let withinBoth = 0;
  let withinPredicted = 0;
  let withinGold = 0;
  for (let i = 0; i < located.length; i++) {
    for (let j = i + 1; j < located.length; j++) {
      const pi = m.predictedOf[i];
      const pj = m.predictedOf[j];
      if (pi === null || pj === null || storyOfMention[i] !== storyOfMention[j]) continue;
      const sp = pi === pj;
      const sg = located[i]!.key === located[j]!.key;
      withinBoth += Number(sp && sg);
      withinPredicted += Number(sp);
      withinGold += Number(sg);
    }
  }
  const claimArticles = new Set(located.map((x) => x.article_id)).size;
  lines.push(`  claims: ${new Set(located.map((x) => x.key)).size} gold claims, ${located.length} mentions in ${claimArticles} articles; ${reports.length} predicted reports of ${new Set(reports.map((r) => r.claim_id)).size} claims`);
  lines.push(`  claim mentions matched (overlap)   ${m.matched}/${m.gold}  ${pct(m.matched, m.gold)}`);
  lines.push(formatPrf('claim merge (pairs of matched)', m.sameBothPairs, m.samePredictedPairs, m.sameBothPairs, m.sameGoldPairs));
  lines.push(formatPrf('claim merge, within a gold story', withinBoth, withinPredicted, withinBoth, withinGold));
  lines.push(`  gold pairs across gold stories     ${crossStoryPairs} of ${goldPairs} (a comparison made story by story cannot join them)`);
  if (opts.details) {
    const keys = [...new Set(located.map((x) => x.key))];
    for (const key of keys) {
      const where = located.flatMap((x, i) => (x.key === key ? [`${labelOfMention[i]} -> ${m.predictedOf[i] ?? '-'}`] : []));
      lines.push(`    ${key}: ${where.join('; ')}`);
    }
  }
  lines.push(...problems);
  const merge = prf(m.sameBothPairs, m.samePredictedPairs, m.sameBothPairs, m.sameGoldPairs);
  const mergeWithin = prf(withinBoth, withinPredicted, withinBoth, withinGold);
  Object.assign(scores, {
    claim_mentions_gold: m.gold,
    claim_mentions_matched: m.matched,
    claim_coverage: m.gold ? m.matched / m.gold : 0,
    claim_merge_precision: merge.p,
    claim_merge_recall: merge.r,
    claim_merge_f1: merge.f,
    claim_merge_within_story_f1: mergeWithin.f,
    gold_errors: problems.length,
  });
  return { lines, scores };
}
