import { annotateStore } from '../pipeline/annotate.js';
import { openStore } from '../app/store.js';
import { parseCount, resolveArticleIds } from '../app/queries.js';
import { type CommandContext } from './context.js';
import { json, progressBar, waitNotice } from './output.js';

export interface AnnotateCommandOptions {
  readonly force?: boolean;
  readonly json?: boolean;
  readonly threads?: string;
}

export async function runAnnotate(ids: string[], opts: AnnotateCommandOptions, ctx: CommandContext): Promise<number> {
  const threads = opts.threads === undefined || opts.threads === 'auto' ? 'auto' : parseCount(opts.threads, '--threads', 64)!;
  const store = openStore(ctx.global);
  const bar = progressBar(opts.json ? { ...ctx.io, interactive: false } : ctx.io, 'annotate');
  try {
    const fullIds = await resolveArticleIds(store, ids);
    const total = await store.countArticles();
    const summary = await annotateStore(store, { ids: fullIds.length ? fullIds : undefined, force: opts.force, onProgress: (n, label) => bar.update(n, fullIds.length || total, label), onWait: waitNotice(ctx.io, 'annotate'), threads });
    bar.done();
    if (opts.json) ctx.io.out(json(summary));
    else {
      ctx.io.out(`${summary.annotated} article${summary.annotated === 1 ? '' : 's'} annotated (${summary.entities} entity mentions, ${summary.claims} claims), ${summary.skipped.length} skipped, ${summary.failed.length} failed\n`);
      for (const s of summary.skipped) ctx.io.out(`  skipped ${s.id.slice(0, 12)}: ${s.reason}\n`);
      for (const f of summary.failed) ctx.io.out(`  failed  ${f.id.slice(0, 12)}: ${f.reason}\n`);
      if (summary.annotated === 0 && summary.skipped.length === 0 && summary.failed.length === 0) ctx.io.out('(everything was already annotated; use --force to redo)\n');
    }
    // A run in which any article failed did not do all it was asked: exit 1, as the summary above says.
    return summary.failed.length > 0 ? 1 : 0;
  } finally {
    bar.done();
    await store.close();
  }
}
