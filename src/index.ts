/**
 * wirescope as a library: the same application layer the command line calls.
 *
 * ```ts
 * import { openStore, ingest, annotate, code, cluster, parse } from 'wirescope';
 * const store = openStore('news.db');
 * await ingest(store, ['articles/']);
 * await annotate(store);
 * await code(store);
 * await cluster(store);
 * console.log(await store.listEvents({ limit: 10 }));
 * await store.close();
 * ```
 *
 * The pure stages (`readArticles`, `annotateArticle`, `codeArticle`, `parse`) take data and return
 * data; nothing else in the package is part of the interface.
 */
import { openStore as openAppStore } from './app/store.js';
import { annotateArticle as annotateOne, defaultResources, type Annotations } from './annotate/annotate.js';
import { codeArticle as codeOne } from './events/coder.js';
import { defaultOntology } from './events/ontology.js';
import type { CodedMention } from './events/types.js';
import { defaultCreditRules } from './ingest/captions.js';
import { defaultOutletTable } from './ingest/outlets.js';
import { readInput, type InputResult } from './ingest/read.js';
import { expandInputs, type SkippedInput } from './ingest/sources.js';
import { parseText, type ParsedSentence } from './nlp/parse-text.js';
import { annotateStore, type AnnotateOptions, type AnnotateSummary } from './pipeline/annotate.js';
import { clusterStore, type ClusterRunOptions, type ClusterSummary } from './pipeline/cluster.js';
import { codeStore, type CodeOptions, type CodeSummary } from './pipeline/code.js';
import { ingest as ingestSources, type IngestOptions, type IngestSummary } from './pipeline/ingest.js';
import type { Store } from './store/store.js';
import type { Article } from './types/article.js';

export type { Annotations } from './annotate/annotate.js';
export type { CodedMention, EventMention, EventRecord, EventActor } from './events/types.js';
export type { Article } from './types/article.js';
export type { Store, EventFilter, ArticleFilter } from './store/store.js';
export type { StoryRecord, ThreadRecord } from './types/stories.js';
export type { ParsedSentence, ParsedToken } from './nlp/parse-text.js';
export type { IngestSummary, AnnotateSummary, CodeSummary, ClusterSummary, SkippedInput };
export { WirescopeError } from './errors.js';
export { VERSION } from './cli/main.js';

/**
 * Open (creating and migrating) the embedded SQLite store at `path`. With `readonly`, nothing is
 * created or changed, and a store the user may not write is still readable.
 */
export function openStore(path: string, opts: { readonly?: boolean } = {}): Store {
  return openAppStore({ db: path }, opts.readonly ? 'read' : 'write');
}

/**
 * Read files, folders and glob patterns into the store: deduplicated, idempotent, one bad input
 * never stops the others. Inputs skipped before reading (missing paths, FIFOs, symlink loops,
 * PDFs...) are listed in `skipped`.
 */
export async function ingest(store: Store, paths: readonly string[], opts: IngestOptions = {}): Promise<IngestSummary & { skipped: SkippedInput[] }> {
  const { sources, missing } = await expandInputs(paths);
  return { ...(await ingestSources(sources, store, opts)), skipped: missing };
}

/** Annotate every stored article not yet annotated (or `opts.ids`). */
export function annotate(store: Store, opts: AnnotateOptions = {}): Promise<AnnotateSummary> {
  return annotateStore(store, opts);
}

/** Code events from annotated articles and merge them into the store's events. */
export function code(store: Store, opts: CodeOptions = {}): Promise<CodeSummary> {
  return codeStore(store, opts);
}

/** Place coded articles into stories and threads. */
export function cluster(store: Store, opts: ClusterRunOptions = {}): Promise<ClusterSummary> {
  return clusterStore(store, opts);
}

/** Sentences, tokens, tags, lemmas and dependencies of plain text. */
export function parse(text: string): ParsedSentence[] {
  return parseText(text);
}

/**
 * Articles from the bytes of one input (text, Markdown, HTML, RSS/Atom, JSON/JSONL), named
 * `name` (its extension helps pick the reader). Pure; never throws for bad content: problems are
 * returned with their reasons.
 */
export function readArticles(bytes: Uint8Array | string, name = 'input.txt', now: () => Date = () => new Date()): InputResult {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return readInput(data, { path: name, outlets: defaultOutletTable(), credits: defaultCreditRules() }, { now });
}

/** Annotate one article in memory: sentences, tokens, entities, actors, times, quotes and claims. */
export function annotateArticle(article: Article): Annotations {
  return annotateOne(article);
}

/** Code one annotated article's event mentions in memory (no merging across articles). */
export function codeArticle(article: Article, annotations: Annotations): CodedMention[] {
  return codeOne(article, annotations, { ontology: defaultOntology(), lexicon: defaultResources().lexicon });
}
