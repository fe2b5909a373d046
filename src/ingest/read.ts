import { WirescopeError } from '../errors.js';
import type { Article } from '../types/article.js';
import { decodeBytes } from './decode.js';
import { detectFormat, type DetectedFormat } from './detect.js';
import { readFeed } from './feed.js';
import { readHtml } from './html.js';
import { readJson } from './jsonl.js';
import { readMarkdown } from './markdown.js';
import { finalizeDraft } from './normalize.js';
import { readText } from './text.js';
import type { InputProblem, Reader, ReaderContext } from './types.js';

const READERS: Record<DetectedFormat, Reader> = {
  text: readText,
  markdown: readMarkdown,
  html: readHtml,
  feed: readFeed,
  json: readJson,
};

export interface InputResult {
  readonly path: string;
  readonly format: DetectedFormat | null;
  readonly encoding: string | null;
  readonly articles: Article[];
  /** Problems with the whole input (locator null) or with items inside it. */
  readonly problems: InputProblem[];
  /** Notes that do not stop the input being used (e.g. "decoded as Windows-1252"). */
  readonly warnings: string[];
}

export interface ReadInputOptions {
  readonly now: () => Date;
}

/**
 * Bytes of one input -> articles. Pure apart from the clock passed in: decoding, format
 * detection, the format's reader, and normalisation. Never throws for bad content.
 */
export function readInput(bytes: Uint8Array, ctx: ReaderContext, opts: ReadInputOptions): InputResult {
  const decoded = decodeBytes(bytes);
  if (decoded instanceof WirescopeError) {
    return { path: ctx.path, format: null, encoding: null, articles: [], problems: [{ locator: null, code: decoded.code, message: decoded.message }], warnings: [] };
  }
  const format = detectFormat(decoded.text, ctx.path);
  let result;
  try {
    result = READERS[format](decoded.text, ctx);
  } catch (e) {
    // A reader bug must not cost the rest of the batch: report it against this input.
    return {
      path: ctx.path,
      format,
      encoding: decoded.encoding,
      articles: [],
      problems: [{ locator: null, code: 'UNREADABLE', message: `cannot read ${format}: ${(e as Error).message}` }],
      warnings: decoded.warnings,
    };
  }
  const articles: Article[] = [];
  const problems = [...result.problems];
  for (const draft of result.drafts) {
    const withWarnings = decoded.warnings.length ? { ...draft, warnings: [...decoded.warnings, ...draft.warnings] } : draft;
    const article = finalizeDraft(withWarnings, { sourcePath: ctx.path, now: opts.now });
    if (article) articles.push(article);
    else problems.push({ locator: draft.locator, code: 'NO_TEXT', message: 'no article text found' });
  }
  return { path: ctx.path, format, encoding: decoded.encoding, articles, problems, warnings: decoded.warnings };
}
