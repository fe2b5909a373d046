import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EventRecord, EventMention } from '../events/types.js';
import { codeStore } from '../pipeline/code.js';
import { dbPath, openStore } from '../app/store.js';
import { eventById, eventFilter, exportDocument, exportFormat, gdeltFiles, parseCount, resolveArticleIds, type EventQuery } from '../app/queries.js';
import { usageError } from '../errors.js';
import { type CommandContext } from './context.js';
import { inert, json, progressBar, table, truncate, waitNotice } from './output.js';
import { checkTarget, safeWriteFile } from './safe-write.js';

export interface CodeCommandOptions {
  readonly force?: boolean;
  readonly json?: boolean;
  readonly threads?: string;
}

export async function runCode(ids: string[], opts: CodeCommandOptions, ctx: CommandContext): Promise<number> {
  const threads = opts.threads === undefined || opts.threads === 'auto' ? 'auto' : parseCount(opts.threads, '--threads', 64)!;
  const store = openStore(ctx.global);
  const bar = progressBar(opts.json ? { ...ctx.io, interactive: false } : ctx.io, 'code');
  try {
    const fullIds = await resolveArticleIds(store, ids);
    const total = await store.countArticles();
    const s = await codeStore(store, { ids: fullIds.length ? fullIds : undefined, force: opts.force, onProgress: (n, label) => bar.update(n, fullIds.length || total, label), onWait: waitNotice(ctx.io, 'code'), threads });
    bar.done();
    if (opts.json) ctx.io.out(json(s));
    else {
      ctx.io.out(`${s.coded} article${s.coded === 1 ? '' : 's'} coded: ${s.mentions} event mention${s.mentions === 1 ? '' : 's'}, ${s.merged} merged into events already reported; ${s.events} event${s.events === 1 ? '' : 's'} in the store, ${s.failed.length} failed\n`);
      for (const f of s.failed) ctx.io.out(`  failed  ${f.id.slice(0, 12)}: ${inert(f.reason)}\n`);
      if (s.outdated.length) {
        const n = s.outdated.length;
        ctx.io.out(`${n} article${n === 1 ? '' : 's'} not coded: ${n === 1 ? 'its annotations are' : 'their annotations are'} out of date (made before tokens were stored); run \`wirescope annotate\`, then \`wirescope code\` again\n`);
        for (const f of s.outdated.slice(0, 10)) ctx.io.out(`  outdated ${f.id.slice(0, 12)}\n`);
        if (n > 10) ctx.io.out(`  ... and ${n - 10} more\n`);
      }
      if (s.coded === 0 && s.failed.length === 0 && s.outdated.length === 0) ctx.io.out('(nothing new to code: run `annotate` first, or use --force to recode)\n');
    }
    // Any failed article makes the run a failure (issue #11: 484 failed and the run exited 0).
    return s.failed.length > 0 || (s.outdated.length > 0 && s.coded === 0) ? 1 : 0;
  } finally {
    bar.done();
    await store.close();
  }
}

export interface EventsOptions extends EventQuery {
  readonly json?: boolean;
}

const who = (a: EventRecord['source']) => (a ? `${a.name} (${a.code})` : '—');
const dateLabel = (e: Pick<EventRecord, 'date' | 'date_precision'>) =>
  !e.date ? '(no date)' : e.date_precision === 'year' ? e.date.slice(0, 4) : e.date_precision === 'month' ? e.date.slice(0, 7) : e.date_precision === 'week' ? `week of ${e.date}` : e.date;
const flags = (e: Pick<EventRecord, 'negated' | 'hedged'>) => `${e.negated ? ' [negated]' : ''}${e.hedged ? ' [hedged]' : ''}`;

export function eventRows(events: readonly EventRecord[]): string[][] {
  return events.map((e) => [
    e.id.slice(0, 12),
    `${dateLabel(e)}${e.date_precision === 'reported' ? '*' : ''}`,
    e.cameo,
    `${e.source?.code ?? '—'} → ${e.target?.code ?? '—'}`,
    String(e.mentions.length),
    `${e.cameo_name}: ${e.source?.name ?? '—'} → ${e.target?.name ?? '—'}${e.location ? ` in ${e.location.name}` : ''}${flags(e)}`,
  ]);
}

export async function runEvents(opts: EventsOptions, ctx: CommandContext): Promise<number> {
  const filter = eventFilter(opts);
  const store = openStore(ctx.global, 'read');
  try {
    const list = await store.listEvents(filter);
    if (opts.json) ctx.io.out(json(list));
    else if (list.length === 0) ctx.io.out('No events match (run `wirescope code` after `annotate`).\n');
    else {
      ctx.io.out(`${table(eventRows(list), ['ID', 'DATE', 'CAMEO', 'DYAD', 'MENT', 'EVENT'])}\n`);
      ctx.io.out(`${list.length} event${list.length === 1 ? '' : 's'}; * = no date in the text, dated by the report\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

const chainText = (m: EventMention) => m.chain.map((l) => l.name).join(' → ');

/** The sentence with the trigger marked «…». */
export function markedSentence(m: EventMention): string {
  const a = m.start - m.sentence_start;
  const b = m.end - m.sentence_start;
  return inert(`${m.text.slice(0, a)}«${m.text.slice(a, b)}»${m.text.slice(b)}`).replace(/\s+/g, ' ');
}

export function eventReport(e: EventRecord): string {
  const lines = [
    `${e.cameo_name} (CAMEO ${e.cameo}, root ${e.cameo_root}; PLOVER ${e.plover.type ?? '—'}${e.plover.mode ? `/${e.plover.mode}` : ''})`,
    `  id:        ${e.id}`,
    `  date:      ${dateLabel(e)} (${e.date_precision === 'reported' ? 'no date in the text: the report date' : `${e.date_precision} precision`})`,
    `  source:    ${inert(who(e.source))}`,
    `  target:    ${inert(who(e.target))}`,
    `  location:  ${e.location ? `${inert(e.location.name)}${e.location.country ? `, ${e.location.country}` : ''}${e.location.lat !== null ? ` (${e.location.lat.toFixed(3)}, ${e.location.lon?.toFixed(3)})` : ''}` : '—'}`,
    `  class:     quad class ${e.quad_class}, Goldstein ${e.goldstein}${flags(e)}${e.ongoing ? ' [ongoing]' : ''}, confidence ${e.confidence}`,
    `  mentions:  ${e.mentions.length} in ${new Set(e.mentions.map((m) => m.article_id)).size} article(s)`,
  ];
  for (const m of e.mentions) {
    lines.push('', `  ${inert(m.outlet ?? '(unknown outlet)')}, ${m.published?.slice(0, 10) ?? '(no date)'}, article ${m.article_id.slice(0, 12)}, chars ${m.start}–${m.end}, confidence ${m.confidence}${flags(m)}`);
    lines.push(`    via: ${inert(chainText(m))}`);
    lines.push(`    ${truncate(markedSentence(m), 400)}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runEvent(id: string, opts: { json?: boolean }, ctx: CommandContext): Promise<number> {
  const store = openStore(ctx.global, 'read');
  try {
    const e = await eventById(store, id);
    ctx.io.out(opts.json ? json(e) : eventReport(e));
    return 0;
  } finally {
    await store.close();
  }
}

export interface ExportOptions extends EventsOptions {
  readonly events?: boolean;
  readonly format?: string;
  readonly out?: string;
  /** Replace files that --out would write over (never the store itself). */
  readonly force?: boolean;
  /** GDELT files: add the header row GDELT's own files do not have (gdeltPyR reads them with header=None). */
  readonly header?: boolean;
}

export async function runExport(opts: ExportOptions, ctx: CommandContext): Promise<number> {
  if (!opts.events) throw usageError('say what to export: --events');
  const format = exportFormat(opts.format);
  if (format === 'parquet' && !opts.out) throw usageError('--format parquet writes a binary file: give --out <file.parquet>');
  if (format === 'gdelt' && !opts.out) throw usageError('--format gdelt writes two files (events and mentions): give --out <dir>');
  const filter = eventFilter(opts);
  // Checked before anything is read: --out must never name the store (it was overwritten once, issue #11) or
  // replace a file unasked, and nothing is written where the check fails.
  const guard = { force: opts.force, protect: [dbPath(ctx.global)] };
  const targets = format === 'gdelt' ? ['events.export.tsv', 'events.mentions.tsv'].map((f) => join(opts.out!, f)) : opts.out ? [opts.out] : [];
  if (format === 'gdelt' && existsSync(opts.out!) && !statSync(opts.out!).isDirectory()) throw usageError(`--format gdelt writes into a folder, and ${opts.out} is not one`);
  for (const t of targets) checkTarget(t, guard);
  const store = openStore(ctx.global, 'read');
  try {
    const list = await store.listEvents(filter);
    if (format === 'gdelt') {
      const files = await gdeltFiles(store, list, opts.header ?? false);
      mkdirSync(opts.out!, { recursive: true });
      const ev = join(opts.out!, 'events.export.tsv');
      const mn = join(opts.out!, 'events.mentions.tsv');
      safeWriteFile(ev, files.events, guard);
      safeWriteFile(mn, files.mentions, guard);
      ctx.io.err(`wrote ${list.length} events to ${ev} and ${list.reduce((n, e) => n + e.mentions.length, 0)} mentions to ${mn}\n`);
      return 0;
    }
    const text = await exportDocument(list, format);
    if (opts.out) {
      safeWriteFile(opts.out, text, guard);
      ctx.io.err(`wrote ${list.length} events to ${opts.out}\n`);
    } else ctx.io.out(text as string); // only parquet is binary, and parquet needs --out
    return 0;
  } finally {
    await store.close();
  }
}
