import type { Article } from '../types/article.js';
import { openStore, parseDateOption, type CommandContext } from './context.js';
import { json, table } from './output.js';

export interface ArticlesOptions {
  readonly outlet?: string;
  readonly since?: string;
  readonly until?: string;
  readonly limit?: string;
  readonly json?: boolean;
  readonly originals?: boolean;
}

/** The listing record: the Article without its body and offsets (use `show` for those). */
export function articleSummary(a: Article) {
  return {
    id: a.id,
    url: a.url,
    outlet: a.outlet,
    title: a.title,
    published: a.published,
    published_precision: a.published_precision,
    language: a.language,
    byline: a.byline,
    format: a.format,
    source_path: a.source_path,
    source_locator: a.source_locator,
    duplicate_of: a.duplicate_of,
    duplicate_similarity: a.duplicate_similarity,
    chars: a.body.length,
    paragraphs: a.paragraphs.length,
    captions: a.captions.length,
    warnings: a.warnings,
    ingested_at: a.ingested_at,
  };
}

export function articleRows(articles: readonly Article[]): string[][] {
  return articles.map((a) => [
    a.id.slice(0, 12),
    a.published ? a.published.slice(0, 10) : '(no date)',
    a.language,
    a.outlet ?? '(unknown)',
    `${a.duplicate_of ? `[copy of ${a.duplicate_of.slice(0, 8)}] ` : ''}${a.title ?? '(untitled)'}`,
  ]);
}

export async function runArticles(opts: ArticlesOptions, ctx: CommandContext): Promise<number> {
  const since = opts.since ? parseDateOption(opts.since, 'start') : undefined;
  const until = opts.until ? parseDateOption(opts.until, 'end') : undefined;
  const limit = opts.limit ? Number(opts.limit) : undefined;
  const store = openStore(ctx.global, 'read');
  try {
    const list = await store.listArticles({ outlet: opts.outlet, since, until, limit, includeDuplicates: !opts.originals });
    if (opts.json) ctx.io.out(json(list.map(articleSummary)));
    else if (list.length === 0) ctx.io.out('No articles match.\n');
    else ctx.io.out(`${table(articleRows(list), ['ID', 'DATE', 'LANG', 'OUTLET', 'TITLE'])}\n${list.length} article${list.length === 1 ? '' : 's'}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
