import { join } from 'node:path';
import { packageRoot } from '../data/load.js';
import { expandInputs } from '../ingest/sources.js';
import { annotateStore } from '../pipeline/annotate.js';
import { clusterStore } from '../pipeline/cluster.js';
import { codeStore } from '../pipeline/code.js';
import { buildThreadReport, renderThread } from '../stories/report.js';
import type { Store } from '../store/store.js';
import type { StoryRecord } from '../types/stories.js';
import type { Article } from '../types/article.js';
import { eventRows } from './events.js';
import { gather } from '../app/queries.js';
import { ingest } from '../pipeline/ingest.js';
import { articleRows } from './articles.js';
import { openStore, storeLabel } from '../app/store.js';
import { type CommandContext } from './context.js';
import { printSummary } from './ingest.js';
import { inert, progressBar, table, truncate } from './output.js';

export interface DemoOptions {
  readonly examples?: string;
}

/**
 * The whole pipeline as it stands, on the bundled examples/ corpus, into the embedded store:
 * what a newcomer wants to see first.
 */
export async function runDemo(opts: DemoOptions, ctx: CommandContext): Promise<number> {
  const dir = opts.examples ?? join(packageRoot(), 'examples');
  const out = (s = '') => ctx.io.out(`${s}\n`);
  out(`wirescope demo: ingesting ${dir} into ${storeLabel(ctx.global)}`);
  out();
  const { sources } = await expandInputs([dir]);
  const store = openStore(ctx.global);
  try {
    const bar = progressBar(ctx.io, 'ingest');
    const summary = await ingest(sources, store, { onProgress: bar.update });
    bar.done();
    out('1. Ingest');
    out('---------');
    printSummary(ctx.io, summary);
    if (summary.ingested.length === 0 && summary.duplicates.length > 0) {
      out('(Everything was already in the store: re-running an ingest is idempotent.)');
    }
    out();

    const all = await store.listArticles();
    out(`2. Articles in the store (${all.length}), newest first`);
    out('------------------------------------------');
    out(table(articleRows(all), ['ID', 'DATE', 'LANG', 'OUTLET', 'TITLE'], 110));
    out();

    const byDay = new Map<string, Set<string>>();
    for (const a of all) {
      if (a.duplicate_of) continue;
      const day = a.published?.slice(0, 10) ?? '(undated)';
      const outlets = byDay.get(day) ?? new Set<string>();
      outlets.add(a.outlet ?? '(unknown outlet)');
      byDay.set(day, outlets);
    }
    out('3. Who published when (originals only; near-duplicates are folded into their first copy)');
    out('-----------------------------------------------------------------------------------------');
    for (const [day, outlets] of [...byDay].sort((a, b) => (a[0] < b[0] ? 1 : -1))) out(`  ${day}  ${[...outlets].map((o) => inert(o)).join(', ')}`);
    out();

    const copies = all.filter((a) => a.duplicate_of);
    if (copies.length) {
      out('4. Syndicated copies');
      out('--------------------');
      for (const c of copies) {
        const original = all.find((a) => a.id === c.duplicate_of);
        out(`  ${truncate(c.outlet ?? '?', 24)} "${truncate(c.title ?? '', 60)}"`);
        out(`    is a copy (similarity ${c.duplicate_similarity?.toFixed(2)}) of ${truncate(original?.outlet ?? '?', 24)} "${truncate(original?.title ?? '', 60)}"`);
      }
      out();
    }

    const withCaptions = all.filter((a) => a.captions.length > 0);
    if (withCaptions.length) {
      out('5. Captions and credits kept out of the news text');
      out('-------------------------------------------------');
      for (const a of withCaptions.slice(0, 4)) {
        out(`  ${truncate(a.outlet ?? '?', 24)}:`);
        for (const c of a.captions.slice(0, 4)) out(`    ${c.kind.padEnd(8)} ${truncate(c.text, 90)}`);
      }
      out();
    }

    out('6. Annotate: who is named, when, and who says so');
    out('-------------------------------------------------');
    const abar = progressBar(ctx.io, 'annotate');
    const ann = await annotateStore(store, { onProgress: (n, label) => abar.update(n, all.length, label) });
    abar.done();
    out(`  ${ann.annotated} articles annotated now (${ann.entities} entity mentions, ${ann.claims} claims); ${ann.skipped.length} skipped${ann.skipped.length ? `: ${ann.skipped.map((x) => x.reason).join('; ')}` : ''}`);
    const actors = await store.listActors({ limit: 12 });
    out('  Most-mentioned actors (CAMEO-style codes):');
    out(table(actors.map((a) => [`  ${a.code}`, a.name, `${a.mentions} mentions in ${a.articles} articles`]), ['  CODE', 'ACTOR', 'COVERAGE'], 100));
    // Every sentence is parsed: show one, as the coder will read it (subject, verb, object, obliques).
    const parsedExample = await exampleParse(store, all.filter((x) => !x.duplicate_of));
    if (parsedExample) {
      out(`  Every sentence is tagged and parsed (Universal Dependencies); one of ${inert(parsedExample.outlet)}'s:`);
      out(`    "${truncate(parsedExample.text, 110)}"`);
      out(table(parsedExample.rows.map((r) => [`    ${r[0]}`, r[1] ?? '', r[2] ?? '', r[3] ?? '']), ['    WORD', 'TAG', 'RELATION', 'HEAD'], 80));
    }
    out();
    out('7. Who said it, and through whom it reached the page (attribution chains of relayed claims)');
    out('------------------------------------------------------------------------------------------');
    for (const a of all.filter((x) => !x.duplicate_of)) {
      const n = await store.getAnnotations(a.id);
      const relayed = (n?.claims ?? []).filter((c) => !c.quote && (c.chain.length >= 3 || c.speaker.anonymous));
      if (relayed.length === 0) continue;
      out(`  ${inert(a.outlet ?? '?')} — ${truncate(a.title ?? '', 80)}`);
      for (const c of relayed.slice(0, 4)) {
        // The tone the event coder reads criticism (below -0.4) and praise (above 0.6) from.
        const judged = c.tone !== undefined && !c.negated;
        const tone = judged && c.tone! <= -0.4 ? `critical, tone ${c.tone}` : judged && c.tone! >= 0.6 ? `approving, tone ${c.tone}` : '';
        const flags = [c.negated ? 'negated' : '', c.hedged ? 'hedged' : '', tone].filter(Boolean).join(', ');
        out(`    ${c.chain.map((l) => `${inert(l.name)}${l.anonymous ? ' (anonymous)' : ''}`).join(' → ')}${flags ? `  [${flags}]` : ''}`);
        out(`      "${truncate(c.text, 96)}" [${c.start}-${c.end}]`);
      }
    }
    out();

    out('8. Code events: who did what to whom, when and where (CAMEO 1.1b3 / PLOVER), merged across articles');
    out('--------------------------------------------------------------------------------------------------');
    const cbar = progressBar(ctx.io, 'code');
    const coded = await codeStore(store, { onProgress: (n, label) => cbar.update(n, all.length, label) });
    cbar.done();
    out(`  ${coded.coded} articles coded now: ${coded.mentions} event mentions, ${coded.merged} of them merged into an event already reported; ${coded.events} events in the store`);
    const events = (await store.listEvents()).filter((e) => !e.negated);
    const reported = [...events].sort((a, b) => new Set(b.mentions.map((m) => m.outlet)).size - new Set(a.mentions.map((m) => m.outlet)).size || b.mentions.length - a.mentions.length || (a.date ?? '').localeCompare(b.date ?? '')).slice(0, 10);
    out('  Events reported by the most outlets:');
    out(table(eventRows(reported).map((r) => [`  ${r[0]}`, ...r.slice(1)]), ['  ID', 'DATE', 'CAMEO', 'DYAD', 'MENT', 'EVENT'], 118));
    // Leaders' phone calls (CAMEO 041 between two named people), each with every outlet that reported it and the chain it gave.
    const person = (a: { entity_id?: string | null } | null) => !!a?.entity_id?.startsWith('person:');
    const calls = events.filter((e) => e.cameo === '041' && person(e.source) && person(e.target)).sort((a, b) => b.mentions.length - a.mentions.length || (a.date ?? '').localeCompare(b.date ?? '')).slice(0, 4);
    if (calls.length) {
      out("  Leaders' phone calls, each with every outlet that reported it and the chain of sources it gave:");
      for (const e of calls) {
        const outlets = [...new Set(e.mentions.map((m) => m.outlet ?? '?'))];
        out(`    ${e.id.slice(0, 12)}  ${e.date}${e.date_precision === 'reported' ? ' (dated by the report)' : ''}  ${inert(e.source?.name ?? '?')} – ${inert(e.target?.name ?? '?')}: ${outlets.length} outlet(s), ${e.mentions.length} mention(s)`);
        for (const m of e.mentions) out(`      ${truncate(inert(m.outlet ?? '?'), 22)} via ${m.chain.map((l) => inert(l.name)).join(' → ')}: "${truncate(inert(m.text), 70)}"`);
      }
    }
    out();

    out('9. Stories: articles that tell the same development, grouped across outlets, in threads');
    out('----------------------------------------------------------------------------------------');
    const sbar = progressBar(ctx.io, 'cluster');
    const cl = await clusterStore(store, { onProgress: (n, label) => sbar.update(n, all.length, label) });
    sbar.done();
    out(`  ${cl.clustered} articles placed now (${cl.joined} joined a story, ${cl.started} started one); ${cl.stories} stories in ${cl.threads} threads`);
    const stories = await store.listStories();
    const threads = await store.listThreads();
    const latest = stories[0]?.end ?? null;
    for (const t of threads) {
      const mine = t.story_ids.map((id) => stories.find((x) => x.id === id)).filter((x): x is StoryRecord => !!x);
      if (!mine.length) continue;
      out(`  ${t.id.slice(0, 14)}  ${truncate(t.title, 100)}`);
      for (const st of mine) {
        const today = st.end === latest ? '  ← latest day' : '';
        out(`    ${st.id.slice(0, 14)}  ${st.start === st.end ? st.start : `${st.start} – ${st.end}`}  ${truncate(st.title, 70)}${today}`);
        out(`      reported by ${st.outlets.map((o) => inert(o)).join(', ')}; ${st.event_ids.length} events`);
      }
    }
    out();
    // The richest thread in full: how each outlet told it, claim by claim.
    const top = [...threads].sort((a, b) => b.story_ids.length - a.story_ids.length || a.id.localeCompare(b.id))[0];
    if (top) {
      const mine = top.story_ids.map((id) => stories.find((x) => x.id === id)).filter((x): x is StoryRecord => !!x);
      const { articles, events } = await gather(store, mine.flatMap((x) => x.article_ids));
      const report = renderThread(buildThreadReport(top, mine, articles, events), 'text');
      const lines = report.split('\n');
      const claimsAt = lines.findIndex((l) => l === 'Claims by outlet');
      out(`10. One thread in full: wirescope thread ${top.id.slice(0, 14)} (timeline trimmed; claims with more than one report or a contradiction first)`);
      out('-----------------------------------------------------------------------------------------------------------------');
      out(inert(lines.slice(0, 4).join('\n')));
      out(inert(lines.slice(claimsAt, claimsAt + 40).join('\n')));
      const rest = lines.slice(lines.findIndex((l) => l === 'Corroboration'));
      out(inert(rest.join('\n')));
    }

    const query = 'Putin Pezeshkian';
    const hits = await store.search(query, 5);
    out(`11. Full-text search: wirescope search "${query}"`);
    out('-----------------------------------------------');
    for (const h of hits) out(`  ${h.article.id.slice(0, 12)}  ${truncate(h.article.outlet ?? '?', 20)}  ${truncate(h.snippet, 90)}`);
    out();
    const first = all.find((a) => !a.duplicate_of);
    out('Next:');
    out(`  npx wirescope articles --since 2026-03-08       # filter by date or --outlet`);
    if (first) out(`  npx wirescope show ${first.id.slice(0, 12)} --annotations   # one article: entities, times, claims, with offsets`);
    out(`  npx wirescope actors --country IRN              # canonical actors and how often they appear`);
    out(`  npx wirescope events --dyad RUS-IRN --cameo 04   # events by dyad, code, PLOVER type, date, outlet`);
    out(`  npx wirescope event <id>                        # one event: every mention, its sentence and chain of sources`);
    out(`  npx wirescope export --events --format gdelt --out gdelt/   # also jsonl, csv; parquet --out events.parquet`);
    out(`  npx wirescope export --events --format geojson > events.geojson   # located events for QGIS or kepler.gl`);
    out(`  npx wirescope stories --since 2026-03-10        # stories (wirescope threads for threads)`);
    if (top) out(`  npx wirescope thread ${top.id.slice(0, 14)} --format md > briefing.md   # the thread as a Markdown briefing`);
    out(`  npx wirescope search "intelligence" --json      # every listing has --json`);
    out();
    out('More than one machine (README: "More than one machine"): the same pipeline on PostgreSQL, its work through Redis:');
    out('  npx wirescope --db postgres://postgres@127.0.0.1:5432/news ingest examples/ --queue redis://127.0.0.1:6379');
    out('  npx wirescope --db postgres://postgres@127.0.0.1:5432/news worker --queue redis://127.0.0.1:6379   # one per core and machine');
    out('  npx wirescope jobs --queue redis://127.0.0.1:6379                                                 # depth, rate, failures');
    out();
    out('Open it in a browser (the web UI and HTTP API on this store, loopback only):');
    out(`  npx wirescope serve${ctx.global.db ? ` --db ${ctx.global.db}` : ''}                             # then open http://127.0.0.1:8080/ (API: /api/openapi.json)`);
    return 0;
  } finally {
    await store.close();
  }
}

/** A short stored sentence whose verb has both a subject and an object, with its parse as rows. */
async function exampleParse(store: Store, articles: readonly Article[]): Promise<{ outlet: string; text: string; rows: string[][] } | null> {
  for (const a of articles) {
    const n = await store.getAnnotations(a.id);
    const cols = n?.tokens;
    if (!n || !cols || cols.head.length === 0) continue;
    for (const s of n.sentences) {
      const len = s.token_end - s.token_start;
      if (len < 6 || len > 16) continue;
      const idx = Array.from({ length: len }, (_, k) => s.token_start + k);
      const verbs = idx.filter((i) => idx.some((j) => cols.head[j] === i && cols.deprel[j] === 'nsubj') && idx.some((j) => cols.head[j] === i && cols.deprel[j] === 'obj'));
      if (verbs.length === 0) continue;
      const word = (i: number) => inert(a.body.slice(cols.start[i]!, cols.end[i]!));
      return {
        outlet: a.outlet ?? '?',
        text: a.body.slice(s.start, s.end),
        rows: idx.map((i) => [word(i), cols.pos[i]!, cols.deprel[i]!, cols.head[i]! < 0 ? '(root)' : word(cols.head[i]!)]),
      };
    }
  }
  return null;
}

