import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCreditRules } from '../src/ingest/captions.js';
import { defaultOutletTable } from '../src/ingest/outlets.js';
import { readInput } from '../src/ingest/read.js';
import { expandInputs } from '../src/ingest/sources.js';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchStartup } from './startup.js';
import { annotateStore } from '../src/pipeline/annotate.js';
import { clusterStore } from '../src/pipeline/cluster.js';
import { codeStore } from '../src/pipeline/code.js';
import { benchCluster } from './cluster.js';
import { benchParse } from './parse.js';
import { benchPipelines } from './pipelines.js';
import { ingest } from '../src/pipeline/ingest.js';
import { packageRoot } from '../src/data/load.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { writeCorpus } from './corpus.js';

/** Time per article for each successive thousand articles of a stage (does the cost grow with the store?). */
function growth(step = 1000): { tick: (done: number) => void; report: () => string } {
  const marks: number[] = [performance.now()];
  return {
    tick: (done) => {
      if (done % step === 0) marks.push(performance.now());
    },
    report: () => marks.slice(1).map((t, i) => ((t - marks[i]!) / step).toFixed(2)).join(' ') || 'fewer than 1000 articles',
  };
}

/**
 * `npm run bench [-- --articles N] [-- --corpus DIR] [-- --pipeline-articles N]`: throughput and peak memory per stage on a
 * generated mixed-format corpus (or a folder you give). Numbers to compare between commits.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { articles: { type: 'string', default: '10000' }, corpus: { type: 'string' }, keep: { type: 'boolean' }, 'cluster-sizes': { type: 'string', default: '10000,100000' }, 'pipeline-articles': { type: 'string', default: '1000' } } });
  const work = mkdtempSync(join(tmpdir(), 'wirescope-bench-'));
  try {
    let dir = values.corpus;
    if (!dir) {
      dir = join(work, 'corpus');
      const t0 = performance.now();
      const { files, bytes } = writeCorpus(dir, Number(values.articles));
      console.log(`corpus: ${values.articles} generated articles in ${files} files, ${(bytes / 1e6).toFixed(1)} MB (${((performance.now() - t0) / 1000).toFixed(1)} s to write)`);
    }
    await benchParse(join(packageRoot(), 'examples'));
    console.log('');
    const { sources } = await expandInputs([dir]);
    const totalBytes = sources.reduce((s, x) => s + (x.size ?? 0), 0);
    console.log(`node ${process.version}, ${sources.length} input files, ${(totalBytes / 1e6).toFixed(1)} MB\n`);
    const rows: string[][] = [];
    const report = (stage: string, articles: number, ms: number) => {
      const rss = process.resourceUsage().maxRSS / 1024;
      rows.push([stage, String(articles), (ms / 1000).toFixed(2), (articles / (ms / 1000)).toFixed(0), (totalBytes / 1e6 / (ms / 1000)).toFixed(2), rss.toFixed(0)]);
    };

    // Stage 1: read (decode, detect, parse, normalise) without storing.
    const ctx = { outlets: defaultOutletTable(), credits: defaultCreditRules() };
    let read = 0;
    let t = performance.now();
    for (const s of sources) read += readInput(await s.read(Infinity), { ...ctx, path: s.path }, { now: () => new Date() }).articles.length;
    report('read+normalise', read, performance.now() - t);

    // Stage 2: end to end into a fresh store (read, dedupe, write in transactions).
    const db = join(work, 'bench.db');
    const store = new SqliteStore(db);
    t = performance.now();
    const summary = await ingest(sources, store, {});
    const ms = performance.now() - t;
    report('ingest (end to end)', summary.articles_read, ms);

    // Stage 3: annotation of everything stored (sentences, entities, actors, times, claims).
    t = performance.now();
    const annMarks = growth();
    const ann = await annotateStore(store, { onProgress: annMarks.tick });
    const annMs = performance.now() - t;
    report('annotate', ann.annotated + ann.skipped.length, annMs);

    // Stage 4: event coding (from the stored tokens, CAMEO patterns, incremental merge into stored events).
    t = performance.now();
    const codeMarks = growth();
    const coded = await codeStore(store, { onProgress: codeMarks.tick });
    const codeMs = performance.now() - t;
    report('code events', coded.coded, codeMs);
    report('files → stored events (ingest+annotate+code)', summary.articles_read, ms + annMs + codeMs);

    // Stage 5: story clustering of the stored articles (with their actors and events), saved to the store.
    t = performance.now();
    const clustered = await clusterStore(store, {});
    const clusterMs = performance.now() - t;
    report('cluster stories (store)', clustered.clustered, clusterMs);
    report('files → stories (all stages)', summary.articles_read, ms + annMs + codeMs + clusterMs);
    await store.close();
    benchStartup(db);
    console.log('');
    // The load generator in a process of its own: this one holds everything the stages above left
    // in its heap, and a garbage collection pause of the client counts as latency.
    const api = spawnSync(process.execPath, [fileURLToPath(new URL('./api.js', import.meta.url)), db], { stdio: 'inherit' });
    if (api.status !== 0) throw new Error(`the API bench failed (exit ${String(api.status)})`);
    console.log('');
    console.log(['stage', 'articles', 'seconds', 'articles/s', 'MB/s', 'peak RSS MB'].join('\t'));
    for (const r of rows) console.log(r.join('\t'));
    console.log(`\nannotate: ${ann.entities} entity mentions, ${ann.claims} claims; ${Math.round(ann.tokens / (annMs / 1000))} tokens/s`);
    console.log(`cluster: ${clustered.stories} stories in ${clustered.threads} threads (${clustered.joined} joined, ${clustered.started} started)`);
    console.log(`annotate, ms per article by thousand: ${annMarks.report()}`);
    console.log(`code, ms per article by thousand (flat = cost does not grow with the store): ${codeMarks.report()}`);
    console.log(`code: ${coded.mentions} event mentions into ${coded.events} events (${coded.merged} mentions merged into an event already seen)`);
    console.log(`\nstored ${summary.ingested.length} + ${summary.near_duplicates.length} near-duplicates, ${summary.duplicates.length} exact duplicates skipped, ${summary.rejected.length} rejected; store ${(statSync(db).size / 1e6).toFixed(1)} MB`);
    console.log('(peak RSS is the process high-water mark so far, so later stages include earlier ones)');
    // The four ways to run the pipeline side by side, on a corpus of their own (issue #13).
    const pipelineArticles = Number(values['pipeline-articles']);
    if (pipelineArticles > 0) {
      console.log('');
      const dir2 = join(work, 'corpus-pipelines');
      writeCorpus(dir2, pipelineArticles, 7);
      await benchPipelines(dir2);
    }
    // Clustering alone as the store grows: cost per article at 10,000 and 100,000 clustered articles.
    const sizes = values['cluster-sizes'].split(',').map(Number).filter((n) => n > 0);
    if (sizes.length) {
      console.log('');
      await benchCluster(sizes);
    }
  } finally {
    if (!values.keep) rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
