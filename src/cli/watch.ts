import { stat } from 'node:fs/promises';
import { expandInputs, type InputSource } from '../ingest/sources.js';
import { ingestAndRun, type PipelinePass } from '../app/pipeline.js';
import { ResidentClusterer } from '../pipeline/cluster.js';
import { openStore } from '../app/store.js';
import { usageError } from '../errors.js';
import { type CommandContext } from './context.js';
import { inert, waitNotice } from './output.js';

export interface WatchOptions {
  readonly every?: string;
  readonly cycles?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly timeout?: string;
}

/** "15m", "30s", "2h" → milliseconds; at least one second. */
export function parseInterval(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(s|m|h)$/.exec(value.trim());
  const ms = m ? Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h'] : NaN;
  if (!Number.isFinite(ms) || ms < 1000) throw usageError(`invalid --every "${value}": use a number with s, m or h (at least 1s), e.g. 15m`);
  return ms;
}

/** One `watch --json` line: the cycle, then what the pass over its new inputs did. */
export interface CycleReport extends Omit<PipelinePass, 'new_ids'> {
  readonly cycle: number;
  readonly at: string;
}

/**
 * `wirescope watch FEED-URL|DIR|FILE... --every 15m`: poll the inputs and run the whole pipeline
 * (ingest, annotate, code, cluster) on what is new. URLs are fetched with conditional requests
 * (an unchanged feed costs a 304); files whose size and modification time did not change since the
 * last cycle are not read again. One line per cycle (a JSON object per line with --json). Stops
 * after --cycles N, or on Ctrl-C / SIGTERM once the cycle in progress has finished.
 */
export async function runWatch(inputs: string[], opts: WatchOptions, ctx: CommandContext): Promise<number> {
  if (inputs.length === 0) throw usageError('give at least one feed URL, folder or file to watch');
  if (inputs.includes('-')) throw usageError('standard input cannot be watched');
  const every = parseInterval(opts.every ?? '15m');
  const cycles = opts.cycles === undefined ? Infinity : Number(opts.cycles);
  if (!(cycles >= 1 && Number.isInteger(cycles)) && cycles !== Infinity) throw usageError(`invalid --cycles "${opts.cycles}": a positive integer`);
  const timeout = opts.timeout === undefined ? 20 : Number(opts.timeout);
  if (!(timeout > 0)) throw usageError(`invalid --timeout "${opts.timeout}"`);

  let stopping = false;
  let wake: (() => void) | null = null;
  const stop = () => {
    stopping = true;
    wake?.();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const store = openStore(ctx.global);
  // The story clusterer stays in memory from one cycle to the next (reread only when another process clustered meanwhile).
  const resident = new ResidentClusterer();
  const seenFiles = new Map<string, string>();
  try {
    for (let n = 1; n <= cycles && !stopping; n++) {
      const { sources, missing } = await expandInputs(inputs, undefined, { fetch: { state: store, timeoutMs: timeout * 1000 } });
      const fresh: InputSource[] = [];
      for (const s of sources) {
        if (s.url) {
          fresh.push(s);
          continue;
        }
        const st = await stat(s.path).catch(() => null);
        const key = st ? `${st.size}:${st.mtimeMs}` : '';
        if (st && seenFiles.get(s.path) === key) continue;
        seenFiles.set(s.path, key);
        fresh.push(s);
      }
      const pass = await ingestAndRun(store, fresh, { onWait: (stage) => waitNotice(ctx.io, stage), resident });
      const report: CycleReport = {
        cycle: n,
        at: new Date().toISOString(),
        inputs: sources.length + missing.length,
        new_articles: pass.new_articles,
        unchanged: pass.unchanged + (sources.length - fresh.length),
        rejected: [...missing.map((m) => ({ path: m.path, locator: null, message: m.message })), ...pass.rejected],
        annotated: pass.annotated,
        coded: pass.coded,
        mentions: pass.mentions,
        events: pass.events,
        stories: pass.stories,
      };
      if (opts.json) ctx.io.out(`${JSON.stringify(report)}\n`);
      else if (!opts.quiet || report.rejected.length) {
        ctx.io.out(`${report.at}  cycle ${n}: ${report.new_articles} new article${report.new_articles === 1 ? '' : 's'}, ${report.unchanged} unchanged, ${report.rejected.length} rejected` +
          (pass.new_articles ? `; annotated ${report.annotated}, coded ${report.coded} (${report.mentions} mentions), ${report.events} events, ${report.stories} stories` : '') + '\n');
        for (const r of report.rejected.slice(0, 10)) ctx.io.out(`  rejected ${inert(r.path)}${r.locator ? ` (${r.locator})` : ''}: ${inert(r.message)}\n`);
      }
      if (n < cycles && !stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, every);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
    return 0;
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    await store.close();
  }
}
