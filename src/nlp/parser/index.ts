import { dataPath } from '../../data/load.js';
import { loadModelFile, modelFromShared, shareModel, type ParserModel, type SharedModelTables } from './model.js';
import { analyseSentence, type ParseOptions, type SentenceAnalysis } from './parser.js';

export type { ParserModel } from './model.js';
export type { ParseOptions, SentenceAnalysis } from './parser.js';
export { analyseSentence } from './parser.js';

export const DEFAULT_MODEL_FILE = 'models/parser-en.bin';

let shared: ParserModel | null = null;
let tables: SharedModelTables | null = null;

/** The shipped English model, read from data/models once per process (or given by the thread that started this one). */
export function defaultParserModel(): ParserModel {
  shared ??= loadModelFile(dataPath(DEFAULT_MODEL_FILE));
  return shared;
}

/**
 * The shipped model's tables in shared memory, for worker threads (pass them in `workerData`; see
 * `useSharedParserTables`): every thread of the process then reads one copy of the weights (about
 * 150 MB) instead of loading its own. This thread's model is then the same.
 */
export function sharedParserTables(): SharedModelTables {
  if (!tables) {
    // Read straight into shared memory: sharing a model loaded before would hold two copies for a while.
    tables = shareModel(loadModelFile(dataPath(DEFAULT_MODEL_FILE), { shared: true }));
    shared = modelFromShared(tables);
  }
  return tables;
}

/** In a worker thread: use the shipped model as another thread shared it (`sharedParserTables`). */
export function useSharedParserTables(t: SharedModelTables): void {
  tables = t;
  shared = modelFromShared(t);
}

/** Tag and parse one sentence's words with the shipped model (at the beam width it was trained with, unless told). */
export function parseWords(words: readonly string[], model: ParserModel = defaultParserModel(), opts: ParseOptions = {}): SentenceAnalysis {
  return analyseSentence(model, words, opts);
}

/**
 * The annotator's parser hook: each sentence's wink tokens are tagged and parsed with the shipped
 * model (loaded on first use). With `retag` the model's universal tags replace wink-nlp's (95.8 %
 * against 89.4 % UPOS accuracy on the EWT test words both tokenize alike; `npm run eval`).
 */
export function dependencyParser(opts: { readonly retag: boolean }): (words: readonly string[]) => { upos?: string[]; head: number[]; deprel: string[] } {
  return (words) => {
    const a = parseWords(words);
    return opts.retag ? { upos: a.upos, head: a.head, deprel: a.deprel } : { head: a.head, deprel: a.deprel };
  };
}
