/**
 * ECB+ through the whole pipeline: each document ingested as an article into a scratch store,
 * annotated, coded and clustered exactly as `wirescope` does it; then BCubed of the stories against
 * the sub-topics, and cross-document event merging at document level (the jsonl gives each
 * document's gold event instances, not mention offsets): pairs of documents sharing a merged
 * event against pairs sharing a gold event instance.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expandInputs } from '../src/ingest/sources.js';
import { annotateStore } from '../src/pipeline/annotate.js';
import { clusterStore } from '../src/pipeline/cluster.js';
import { codeStore } from '../src/pipeline/code.js';
import { ingest } from '../src/pipeline/ingest.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { bcubed } from '../src/stories/bcubed.js';
import { formatPrf } from './metrics.js';
import { readEcbPlus, type EcbPlusDoc } from './ecbplus.js';

/** Undo the corpus's tokenisation enough for our reader: "word , word" -> "word, word". */
function detokenise(s: string): string {
  return s
    .replace(/ ([,.;:!?%)\]}])/g, '$1')
    .replace(/([([{$]) /g, '$1')
    .replace(/ (n't|'s|'re|'ve|'ll|'d|'m)\b/g, '$1')
    .replace(/``\s*/g, '"')
    .replace(/\s*''/g, '"');
}

interface SplitResult {
  readonly lines: string[];
}

async function runSplit(name: string, docs: readonly EcbPlusDoc[]): Promise<SplitResult> {
  const work = mkdtempSync(join(tmpdir(), 'wirescope-ecb-'));
  try {
    const dir = join(work, 'docs');
    mkdirSync(dir);
    // Zero-padded names keep doc-id order in the directory walk; the first sentence is the headline.
    const sorted = [...docs].sort((a, b) => a.doc_id.localeCompare(b.doc_id, 'en', { numeric: true }));
    sorted.forEach((d, i) => writeFileSync(join(dir, `${String(i).padStart(4, '0')}-${d.doc_id}.txt`), `${detokenise(d.sentences.join(' '))}\n`));
    const store = new SqliteStore(join(work, 'ecb.db'));
    try {
      const { sources } = await expandInputs([dir]);
      await ingest(sources, store, {});
      await annotateStore(store, {});
      const coded = await codeStore(store, {});
      const clustered = await clusterStore(store, {});
      const articles = await store.listArticles();
      const docOf = new Map(articles.map((a) => [a.id, basename(a.source_path).replace(/^\d{4}-|\.txt$/g, '')]));
      // Exact duplicates in the corpus are one article: each doc id still gets the article's story.
      const storyOf = new Map<string, string>();
      for (const s of await store.listStories()) for (const a of s.article_ids) storyOf.set(docOf.get(a)!, s.id);
      const threadOfStory = new Map((await store.listStories()).map((s) => [s.id, s.thread_id]));
      const predicted = new Map<string, string>();
      const predictedThread = new Map<string, string>();
      const gold = new Map<string, string>();
      const goldTopic = new Map<string, string>();
      for (const d of sorted) {
        const s = storyOf.get(d.doc_id);
        if (!s) continue;
        predicted.set(d.doc_id, s);
        predictedThread.set(d.doc_id, threadOfStory.get(s)!);
        gold.set(d.doc_id, d.subtopic);
        goldTopic.set(d.doc_id, String(d.topic));
      }
      const b = bcubed(predicted, gold);
      const bt = bcubed(predictedThread, goldTopic);
      const pc = (x: number) => `${(100 * x).toFixed(1)}`.padStart(5);
      // Cross-document event merging at document level.
      const events = await store.listEvents();
      const predPairs = new Set<string>();
      for (const e of events) {
        const ds = [...new Set(e.mentions.map((m) => docOf.get(m.article_id)!))].sort();
        for (let i = 0; i < ds.length; i++) for (let j = i + 1; j < ds.length; j++) predPairs.add(`${ds[i]}|${ds[j]}`);
      }
      const goldPairs = new Set<string>();
      const byInstance = new Map<string, string[]>();
      for (const d of sorted) for (const id of d.event_instance_ids) byInstance.set(id, [...(byInstance.get(id) ?? []), d.doc_id]);
      for (const ds of byInstance.values()) {
        const u = [...new Set(ds)].sort();
        for (let i = 0; i < u.length; i++) for (let j = i + 1; j < u.length; j++) goldPairs.add(`${u[i]}|${u[j]}`);
      }
      const tp = [...predPairs].filter((p) => goldPairs.has(p)).length;
      return {
        lines: [
          `  ${name}: ${sorted.length} docs -> ${articles.length} articles; ${coded.mentions} event mentions in ${coded.events} events; ${clustered.stories} stories, ${clustered.threads} threads`,
          `    stories vs sub-topics      P ${pc(b.p)}  R ${pc(b.r)}  F1 ${pc(b.f)}`,
          `    threads vs topics          P ${pc(bt.p)}  R ${pc(bt.r)}  F1 ${pc(bt.f)}`,
          `    ${formatPrf('event merging (doc pairs)', tp, predPairs.size, tp, goldPairs.size)}`,
        ],
      };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function runEcbPlusPipeline(datasetsDir: string): Promise<string[] | null> {
  const dir = join(datasetsDir, 'ecbplus');
  let docs: EcbPlusDoc[];
  try {
    docs = await readEcbPlus(dir);
  } catch {
    return null;
  }
  const tune = await runSplit('tune (topics 1-20)', docs.filter((d) => d.topic <= 20));
  const test = await runSplit('test (topics 21-45)', docs.filter((d) => d.topic > 20));
  return [...tune.lines, ...test.lines, '  (whole pipeline: ingest, annotate, code, cluster; no dates in ECB+, so time plays no part; event pairs: documents sharing an event vs sharing a gold event instance)'];
}
