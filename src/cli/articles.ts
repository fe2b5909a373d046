import type { Article } from '../types/article.js';
import { openStore } from '../app/store.js';
import { articleSummary, parseCount, parseDateOption } from '../app/queries.js';
import { type CommandContext } from './context.js';
import { json, table } from './output.js';

export interface ArticlesOptions {
  readonly outlet?: string;
  readonly since?: string;
  readonly until?: string;
  readonly limit?: string;
  readonly json?: boolean;
  readonly originals?: boolean;
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
  const since = opts.since ? parseDateOption(opts.since, 'start', '--since') : undefined;
  const until = opts.until ? parseDateOption(opts.until, 'end', '--until') : undefined;
  const limit = parseCount(opts.limit, '--limit');
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
