import { openStore } from '../app/store.js';
import { usageError } from '../errors.js';
import { searchHitRecord } from '../app/queries.js';
import { type CommandContext } from './context.js';
import { inert, json, truncate } from './output.js';

export interface SearchOptions {
  readonly json?: boolean;
  readonly limit?: string;
}

export async function runSearch(query: string, opts: SearchOptions, ctx: CommandContext): Promise<number> {
  if (!query.trim()) throw usageError('give a search query');
  const limit = opts.limit ? Number(opts.limit) : 20;
  if (!Number.isInteger(limit) || limit <= 0) throw usageError(`--limit must be a positive integer, got "${opts.limit}"`);
  const store = openStore(ctx.global, 'read');
  try {
    const hits = await store.search(query, limit);
    if (opts.json) {
      ctx.io.out(json(hits.map(searchHitRecord)));
      return 0;
    }
    if (hits.length === 0) {
      ctx.io.out('No matches.\n');
      return 0;
    }
    const lines = hits.map(
      (h) =>
        `${h.article.id.slice(0, 12)}  ${h.article.published?.slice(0, 10) ?? '(no date)'}  ${truncate(h.article.outlet ?? '(unknown)', 24)}  ${truncate(h.article.title ?? '(untitled)', 70)}\n    ${inert(h.snippet).replace(/\s+/g, ' ')}`,
    );
    ctx.io.out(`${lines.join('\n')}\n${hits.length} match${hits.length === 1 ? '' : 'es'}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
