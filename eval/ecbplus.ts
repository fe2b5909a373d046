import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { bcubed, type BCubed } from '../src/stories/bcubed.js';
import { StoryClusterer, type ClusterOptions, type StoryDoc } from '../src/stories/cluster.js';

/**
 * Story clustering on ECB+ (Cybulska & Vossen 2014): 982 news documents in 43 topics; each topic
 * holds two sub-topics, two real-world events of the same kind (Tara Reid's and Lindsay Lohan's
 * checking into rehab). Stories are scored against sub-topics and threads against topics, with
 * BCubed. Topics 1-20 are for tuning; the rest is reported as test and never tuned on.
 * ECB+ has no dates, outlets or actors, so this measures text alone unless `enrich` adds them.
 */

export interface EcbPlusDoc {
  readonly doc_id: string;
  readonly topic: number;
  readonly subtopic: string;
  readonly source_url: string | null;
  readonly sentences: string[];
  readonly event_instance_ids: string[];
}

export interface EcbPlusOptions {
  readonly cluster?: Partial<ClusterOptions>;
  /** Adds what ECB+ lacks (actors from our annotator, events, dates) to a document before clustering. */
  readonly enrich?: (doc: EcbPlusDoc) => Partial<Pick<StoryDoc, 'actors' | 'events' | 'entities' | 'published' | 'title'>>;
  /** The topics scored as the tuning split (default 1-20). */
  readonly tuneTopics?: (topic: number) => boolean;
}

export interface EcbPlusSplit {
  readonly docs: number;
  readonly topics: number;
  readonly subtopics: number;
  /** Stories against sub-topics. */
  readonly story: BCubed;
  /** Threads against topics. */
  readonly thread: BCubed;
  readonly merges: number;
  readonly thread_merges: number;
}

export interface EcbPlusResult {
  readonly tune: EcbPlusSplit;
  readonly test: EcbPlusSplit;
  readonly lines: string[];
}

export async function readEcbPlus(dir: string): Promise<EcbPlusDoc[]> {
  const docs: EcbPlusDoc[] = [];
  const lines = createInterface({ input: createReadStream(join(dir, 'ecbplus_docs.jsonl'), 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) docs.push(JSON.parse(line) as EcbPlusDoc);
  return docs;
}

/** Clusters one split's documents, fed in doc-id order, and scores them. */
export function clusterSplit(docs: readonly EcbPlusDoc[], opts: EcbPlusOptions = {}): EcbPlusSplit {
  const ordered = [...docs].sort((a, b) => (a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : 0));
  const c = new StoryClusterer(opts.cluster);
  for (const d of ordered) {
    c.add({ id: d.doc_id, title: null, body: d.sentences.join('\n'), published: null, outlet: null, actors: [], events: [], ...opts.enrich?.(d) });
  }
  const story = new Map<string, string>();
  const thread = new Map<string, string>();
  for (const d of ordered) {
    const s = c.storyOf(d.doc_id)!;
    story.set(d.doc_id, s);
    thread.set(d.doc_id, c.threadOf(s)!);
  }
  const merges = c.merges();
  return {
    docs: ordered.length,
    topics: new Set(ordered.map((d) => d.topic)).size,
    subtopics: new Set(ordered.map((d) => d.subtopic)).size,
    story: bcubed(story, new Map(ordered.map((d) => [d.doc_id, d.subtopic]))),
    thread: bcubed(thread, new Map(ordered.map((d) => [d.doc_id, String(d.topic)]))),
    merges: merges.stories.length,
    thread_merges: merges.threads.length,
  };
}

/** `datasetsDir` is the shared datasets folder (holding ecbplus/). */
export async function runEcbPlus(datasetsDir: string, opts: EcbPlusOptions = {}): Promise<EcbPlusResult | null> {
  const dir = join(datasetsDir, 'ecbplus');
  if (!existsSync(join(dir, 'ecbplus_docs.jsonl'))) return null;
  const docs = await readEcbPlus(dir);
  const isTune = opts.tuneTopics ?? ((t: number) => t >= 1 && t <= 20);
  const tune = clusterSplit(docs.filter((d) => isTune(d.topic)), opts);
  const test = clusterSplit(docs.filter((d) => !isTune(d.topic)), opts);
  const pc = (x: number) => `${(100 * x).toFixed(1)}`.padStart(5);
  const row = (label: string, b: BCubed, gold: string) => `  ${label.padEnd(26)} P ${pc(b.p)}  R ${pc(b.r)}  F1 ${pc(b.f)}   (${b.clusters} clusters, ${b.classes} ${gold})`;
  const lines: string[] = [];
  for (const [name, s] of [['tune (topics 1-20)', tune], ['test (topics 21-45)', test]] as const) {
    lines.push(`  ${name}: ${s.docs} docs, ${s.topics} topics, ${s.subtopics} sub-topics; ${s.merges} story merges, ${s.thread_merges} thread merges`);
    lines.push(row('stories vs sub-topics', s.story, 'sub-topics'));
    lines.push(row('threads vs topics', s.thread, 'topics'));
  }
  lines.push('  (BCubed; documents fed in doc-id order with no dates, outlets or actors: text alone)');
  return { tune, test, lines };
}
