import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { defaultCreditRules } from '../src/ingest/captions.js';
import { readInput } from '../src/ingest/read.js';
import { defaultOutletTable } from '../src/ingest/outlets.js';

/** Files that may hold a feed; LICENSE, SOURCE.txt and the like in a dataset folder are skipped. */
const FEED_EXTENSIONS = new Set(['.rss', '.atom', '.rdf', '.xml']);

export interface FeedEval {
  readonly file: string;
  readonly items: number;
  /** "item 3: no article text found: ..." or a whole-feed reason. */
  readonly problems: string[];
  /** 'rss' | 'rdf' | 'atom' when any item was read, else null. */
  readonly format: string | null;
}

/** Run the ingest reader over every feed file in `dir` (sorted by name). */
export function evalFeeds(dir: string): { feeds: FeedEval[] } {
  const ctx = { outlets: defaultOutletTable(), credits: defaultCreditRules() };
  const files = readdirSync(dir)
    .filter((f) => FEED_EXTENSIONS.has(extname(f).toLowerCase()) && statSync(join(dir, f)).isFile())
    .sort();
  const feeds = files.map((file): FeedEval => {
    const path = join(dir, file);
    // The same path as `wirescope ingest`: decode (declared charset, legacy fallback), detect, read.
    const res = readInput(readFileSync(path), { ...ctx, path }, { now: () => new Date() });
    return {
      file,
      items: res.articles.length,
      problems: res.problems.map((p) => (p.locator ? `${p.locator}: ${p.message}` : p.message)),
      format: res.articles[0]?.format ?? null,
    };
  });
  return { feeds };
}
