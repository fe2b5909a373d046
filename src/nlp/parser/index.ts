import { dataPath } from '../../data/load.js';
import { loadModelFile, type ParserModel } from './model.js';
import { analyseSentence, type ParseOptions, type SentenceAnalysis } from './parser.js';

export type { ParserModel } from './model.js';
export type { ParseOptions, SentenceAnalysis } from './parser.js';
export { analyseSentence } from './parser.js';

export const DEFAULT_MODEL_FILE = 'models/parser-en.bin';

let shared: ParserModel | null = null;

/** The shipped English model, read from data/models once per process. */
export function defaultParserModel(): ParserModel {
  shared ??= loadModelFile(dataPath(DEFAULT_MODEL_FILE));
  return shared;
}

/** Tag and parse one sentence's words with the shipped model (at the beam width it was trained with, unless told). */
export function parseWords(words: readonly string[], model: ParserModel = defaultParserModel(), opts: ParseOptions = {}): SentenceAnalysis {
  return analyseSentence(model, words, opts);
}
