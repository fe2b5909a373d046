import type { ArticleDraft } from '../types/article.js';
import type { ErrorCode } from '../errors.js';
import type { OutletTable } from './outlets.js';
import type { CreditRules } from './captions.js';

/** A problem with one input (or one item inside it); the rest of the input is still used. */
export interface InputProblem {
  /** "item 3", "line 12"; null when it concerns the whole file. */
  readonly locator: string | null;
  readonly code: ErrorCode;
  readonly message: string;
}

export interface ReadResult {
  readonly drafts: ArticleDraft[];
  readonly problems: InputProblem[];
}

/** Reference data every reader may consult; passed in, never imported ad hoc. */
export interface ReaderContext {
  /** The input's path as the user named it ("-" or "<stdin>" for standard input). */
  readonly path: string;
  readonly outlets: OutletTable;
  readonly credits: CreditRules;
}

/** A reader is pure: decoded text in, drafts and problems out. It never touches the network or disk. */
export type Reader = (text: string, ctx: ReaderContext) => ReadResult;
