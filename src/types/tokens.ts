/**
 * Every token of an article, column-wise: index i across the arrays is token i. Offsets point into
 * article.body (end-exclusive). Stored with the annotations, so later stages (event coding) read the
 * annotator's tokens instead of running the tokenizer and tagger again.
 */
export interface TokenColumns {
  readonly start: number[];
  readonly end: number[];
  /** Universal POS tag. */
  readonly pos: string[];
  /**
   * The lemma, stored compactly: '' means "the token's text lower-cased"
   * (`body.slice(start, end).toLowerCase()`), the lemma of most tokens.
   */
  readonly lemma: string[];
  /** Article-level index of the syntactic head; -1 for a sentence root or when the token is not parsed. */
  readonly head: number[];
  /** Universal Dependencies relation to the head ('' when not parsed). */
  readonly deprel: string[];
}
