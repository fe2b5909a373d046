import { clusterStore } from '../pipeline/cluster.js';
import type { StoryRecord } from '../types/stories.js';
import { renderStory, renderThread } from '../stories/report.js';
import { openStore } from '../app/store.js';
import { parseCount, parseDateOption, storyReport, threadReport } from '../app/queries.js';
import { usageError } from '../errors.js';
import { type CommandContext } from './context.js';
import { inert, json, progressBar, table, waitNotice } from './output.js';

export async function runCluster(opts: { json?: boolean }, ctx: CommandContext): Promise<number> {
  const store = openStore(ctx.global);
  const bar = progressBar(opts.json ? { ...ctx.io, interactive: false } : ctx.io, 'cluster');
  try {
    const total = await store.countArticles();
    const s = await clusterStore(store, { onProgress: (n, label) => bar.update(n, total, label), onWait: waitNotice(ctx.io, 'cluster') });
    bar.done();
    if (opts.json) ctx.io.out(json(s));
    else {
      ctx.io.out(`${s.clustered} article${s.clustered === 1 ? '' : 's'} placed: ${s.joined} joined a story, ${s.started} started one; ${s.stories} stories in ${s.threads} threads\n`);
      for (const m of s.merges) {
        if (m.level === 'split') ctx.io.out(`  split story ${m.from}: ${m.articles?.length ?? 0} article(s) reporting another occurrence moved to ${m.into} (article ${m.at.slice(0, 12)})\n`);
        else ctx.io.out(`  merged ${m.level} ${m.from} into ${m.into} (article ${m.at.slice(0, 12)}, score ${m.score})\n`);
      }
      if (s.clustered === 0) ctx.io.out('(nothing new to place: run `code` first)\n');
    }
    return 0;
  } finally {
    bar.done();
    await store.close();
  }
}

export function storyRows(stories: readonly StoryRecord[]): string[][] {
  return stories.map((s) => [s.id.slice(0, 14), s.start === s.end ? (s.start ?? '?') : `${s.start} – ${s.end}`, String(s.article_ids.length), s.outlets.join(', '), s.title]);
}

export async function runStories(opts: { since?: string; actor?: string; limit?: string; json?: boolean }, ctx: CommandContext): Promise<number> {
  const limit = parseCount(opts.limit, '--limit');
  const since = opts.since ? parseDateOption(opts.since, 'start', '--since') : undefined;
  const store = openStore(ctx.global, 'read');
  try {
    const list = await store.listStories({ since, actor: opts.actor, limit });
    if (opts.json) ctx.io.out(json(list));
    else if (!list.length) ctx.io.out('No stories (run `wirescope cluster` after `code`).\n');
    else ctx.io.out(`${table(storyRows(list), ['ID', 'SPAN', 'ART', 'OUTLETS', 'TITLE'], 130)}\n${list.length} stor${list.length === 1 ? 'y' : 'ies'}, most recent first\n`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function runThreads(opts: { json?: boolean }, ctx: CommandContext): Promise<number> {
  const store = openStore(ctx.global, 'read');
  try {
    const list = await store.listThreads();
    if (opts.json) ctx.io.out(json(list));
    else if (!list.length) ctx.io.out('No threads (run `wirescope cluster` after `code`).\n');
    else ctx.io.out(`${table(list.map((t) => [t.id.slice(0, 14), `${t.start ?? '?'} – ${t.end ?? '?'}`, String(t.story_ids.length), t.title]), ['ID', 'SPAN', 'STORIES', 'TITLE'], 130)}\n${list.length} thread${list.length === 1 ? '' : 's'}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

function format(opts: { json?: boolean; format?: string }): 'json' | 'text' | 'md' {
  const f = opts.json ? 'json' : (opts.format ?? 'text');
  if (f !== 'json' && f !== 'text' && f !== 'md') throw usageError(`unknown --format "${f}": use text, md or json`);
  return f;
}

export async function runStory(id: string, opts: { json?: boolean; format?: string }, ctx: CommandContext): Promise<number> {
  const f = format(opts);
  const store = openStore(ctx.global, 'read');
  try {
    const report = await storyReport(store, id);
    ctx.io.out(f === 'json' ? json(report) : f === 'md' ? renderStory(report, 'md') : inert(renderStory(report, 'text')));
    return 0;
  } finally {
    await store.close();
  }
}

export async function runThread(id: string, opts: { json?: boolean; format?: string }, ctx: CommandContext): Promise<number> {
  const f = format(opts);
  const store = openStore(ctx.global, 'read');
  try {
    const report = await threadReport(store, id);
    ctx.io.out(f === 'json' ? json(report) : f === 'md' ? renderThread(report, 'md') : inert(renderThread(report, 'text')));
    return 0;
  } finally {
    await store.close();
  }
}
