import { openStore } from '../app/store.js';
import { type CommandContext } from './context.js';
import { json, table } from './output.js';

export interface ActorsOptions {
  readonly country?: string;
  readonly role?: string;
  readonly limit?: string;
  readonly json?: boolean;
}

export async function runActors(opts: ActorsOptions, ctx: CommandContext): Promise<number> {
  const store = openStore(ctx.global, 'read');
  try {
    const actors = await store.listActors({ country: opts.country, role: opts.role, limit: opts.limit ? Number(opts.limit) : undefined });
    if (opts.json) ctx.io.out(json(actors));
    else if (actors.length === 0) ctx.io.out('No actors yet: run `wirescope annotate` first.\n');
    else
      ctx.io.out(
        `${table(
          actors.map((a) => [a.code, a.country ?? '-', a.role ?? '-', String(a.mentions), String(a.articles), a.name]),
          ['CODE', 'COUNTRY', 'ROLE', 'MENTIONS', 'ARTICLES', 'NAME'],
        )}\n${actors.length} actor${actors.length === 1 ? '' : 's'}\n`,
      );
    return 0;
  } finally {
    await store.close();
  }
}
