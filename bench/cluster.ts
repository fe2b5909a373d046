import { bcubed } from '../src/stories/bcubed.js';
import { StoryClusterer, type StoryDoc } from '../src/stories/cluster.js';
import { isoDay } from '../src/stories/text.js';
import { rng } from './corpus.js';

/**
 * Story clustering throughput as the number of clustered articles grows: articles/s, ms per
 * article, candidate stories scored and index entries read per article, at checkpoints, with
 * peak memory. The articles are generated: topical stories (each with its own rare words and
 * actors) over a Zipf background vocabulary, new stories arriving all the time, about 1,000
 * articles a day. The generated story of each article is kept, so BCubed against it is printed
 * as a sanity check (not a quality figure: real news is harder).
 */

export interface ClusterCheckpoint {
  readonly articles: number;
  readonly seconds: number;
  /** Over the articles since the previous checkpoint. */
  readonly articles_per_s: number;
  readonly ms_per_article: number;
  readonly candidates_per_article: number;
  readonly scanned_per_article: number;
  readonly stories: number;
  readonly threads: number;
  readonly peak_rss_mb: number;
}

export interface ClusterBenchRun {
  readonly size: number;
  readonly checkpoints: ClusterCheckpoint[];
  readonly bcubed: { readonly p: number; readonly r: number; readonly f: number };
  readonly state_mb: number;
  readonly state_seconds: number;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'da', 'fe', 'gu', 'ho', 'ji', 'pa', 'qu', 'ri', 'so', 'tu', 'wa', 'xe', 'yo', 'bri', 'cha', 'dro', 'fla', 'gre', 'kin', 'lom', 'mar', 'nor', 'pel', 'ros', 'sten', 'tor', 'vin'];
const COUNTRIES = ['RUS', 'IRN', 'USA', 'ISR', 'UKR', 'TUR', 'SAU', 'QAT', 'NGA', 'KWT', 'CHN', 'IND', 'FRA', 'DEU', 'GBR', 'EGY', 'IRQ', 'LBN', 'SYR', 'JOR'];
const ROLES = ['', 'GOV', 'MIL', 'MED', 'OPP', 'REB'];
const OUTLETS = ['Reuters', 'Al Jazeera', 'BBC News', 'TASS', 'Legit.ng', 'The Moscow Times', 'CNN', 'The Washington Post'];

interface GenStory {
  readonly id: number;
  readonly words: string[];
  readonly actors: string[];
  readonly day: number;
}

/** A deterministic stream of topical articles with their generated story. */
export function* topicalArticles(count: number, seed = 7, perDay = 1000): Generator<{ doc: StoryDoc; story: number }> {
  const r = rng(seed);
  const word = () => Array.from({ length: 2 + Math.floor(r() * 3) }, () => SYLLABLES[Math.floor(r() * SYLLABLES.length)]!).join('');
  const background = Array.from({ length: 3000 }, word);
  // Zipf-like: the k-th background word with probability ~ 1/k.
  const zipf = () => background[Math.min(background.length - 1, Math.floor(Math.exp(r() * Math.log(background.length + 1))) - 1)]!;
  const active: GenStory[] = [];
  let stories = 0;
  const start = 20_500;
  for (let i = 0; i < count; i++) {
    const day = start + Math.floor(i / perDay);
    let story: GenStory;
    if (!active.length || r() < 0.15) {
      story = {
        id: stories++,
        words: Array.from({ length: 25 }, word),
        actors: Array.from({ length: 2 }, () => COUNTRIES[Math.floor(r() * COUNTRIES.length)]! + ROLES[Math.floor(r() * ROLES.length)]!),
        day,
      };
      active.push(story);
      if (active.length > 400) active.shift();
    } else {
      // Recent stories get most of the new articles.
      story = active[active.length - 1 - Math.floor(active.length * r() * r())]!;
    }
    const length = 120 + Math.floor(r() * 200);
    const tokens: string[] = [];
    for (let k = 0; k < length; k++) tokens.push(r() < 0.25 ? story.words[Math.floor(r() * r() * story.words.length)]! : zipf());
    const title = Array.from({ length: 6 }, (_, k) => (k % 2 ? zipf() : story.words[Math.floor(r() * 6)]!)).join(' ');
    yield {
      doc: {
        id: `g${i}`, title, body: tokens.join(' '), published: isoDay(Math.max(story.day, day - Math.floor(r() * 2))), outlet: OUTLETS[Math.floor(r() * OUTLETS.length)]!,
        actors: story.actors.filter(() => r() < 0.8), events: [],
      },
      story: story.id,
    };
  }
}

export async function benchCluster(sizes: readonly number[] = [10000, 100000]): Promise<ClusterBenchRun[]> {
  const runs: ClusterBenchRun[] = [];
  for (const size of sizes) {
    const marks = [...new Set([1000, 10000, 50000, 100000, size].filter((m) => m <= size))].sort((a, b) => a - b);
    const c = new StoryClusterer();
    const gold = new Map<string, string>();
    const checkpoints: ClusterCheckpoint[] = [];
    let ms = 0;
    let lastMs = 0;
    let last = { n: 0, candidates: 0, scanned: 0 };
    let n = 0;
    for (const { doc, story } of topicalArticles(size)) {
      gold.set(doc.id, String(story));
      const t = performance.now();
      c.add(doc);
      ms += performance.now() - t;
      n++;
      if (n !== marks[checkpoints.length]) continue;
      const st = c.stats();
      const k = n - last.n;
      checkpoints.push({
        articles: n,
        seconds: ms / 1000,
        articles_per_s: k / ((ms - lastMs) / 1000),
        ms_per_article: (ms - lastMs) / k,
        candidates_per_article: (st.candidates - last.candidates) / k,
        scanned_per_article: (st.scanned - last.scanned) / k,
        stories: st.stories,
        threads: st.threads,
        peak_rss_mb: process.resourceUsage().maxRSS / 1024,
      });
      last = { n, candidates: st.candidates, scanned: st.scanned };
      lastMs = ms;
    }
    const predicted = new Map<string, string>();
    for (const id of gold.keys()) predicted.set(id, c.storyOf(id)!);
    const b = bcubed(predicted, gold);
    const t = performance.now();
    const json = JSON.stringify(c.toState());
    const stateSeconds = (performance.now() - t) / 1000;
    runs.push({ size, checkpoints, bcubed: { p: b.p, r: b.r, f: b.f }, state_mb: Buffer.byteLength(json) / 1e6, state_seconds: stateSeconds });
  }
  console.log(`story clustering (generated topical articles), node ${process.version}`);
  console.log(['run', 'articles', 'seconds', 'articles/s', 'ms/article', 'candidates/article', 'index reads/article', 'stories', 'threads', 'peak RSS MB'].join('\t'));
  for (const run of runs) {
    for (const p of run.checkpoints) {
      console.log([run.size, p.articles, p.seconds.toFixed(1), p.articles_per_s.toFixed(0), p.ms_per_article.toFixed(3), p.candidates_per_article.toFixed(1), p.scanned_per_article.toFixed(1), p.stories, p.threads, p.peak_rss_mb.toFixed(0)].join('\t'));
    }
    console.log(`  ${run.size}: BCubed vs generated stories P ${(100 * run.bcubed.p).toFixed(1)} R ${(100 * run.bcubed.r).toFixed(1)} F1 ${(100 * run.bcubed.f).toFixed(1)}; state as JSON ${run.state_mb.toFixed(1)} MB in ${run.state_seconds.toFixed(1)} s`);
  }
  console.log('(rates are per interval since the previous checkpoint; peak RSS is the process high-water mark so far)');
  return runs;
}
