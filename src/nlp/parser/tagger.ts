import { mix1, mix2, mix3 } from './hash.js';
import type { LexicalHashes } from './lexical.js';
import type { FeatureVector } from './linear.js';

/**
 * Features of the greedy left-to-right tagger (after Collins 2002 and the NLTK/Honnibal perceptron
 * tagger): the word, its affixes and shape, its neighbours, and the two tags already chosen.
 * `prev` holds tag ids + 1 of earlier tokens (0 before the sentence).
 */
export function taggerFeatures(lex: LexicalHashes, i: number, prev1: number, prev2: number, out: FeatureVector): void {
  const n = lex.word.length;
  const ids = out.ids;
  let k = 0;
  const W = lex.word;
  const at = (a: Int32Array, j: number, edge: number) => (j < 0 ? edge : j >= n ? edge + 1 : a[j]!);
  ids[k++] = mix1(1, 0);
  ids[k++] = mix1(2, W[i]!);
  ids[k++] = mix1(3, lex.cased[i]!);
  ids[k++] = mix1(4, lex.suf2[i]!);
  ids[k++] = mix1(5, lex.suf3[i]!);
  ids[k++] = mix1(6, lex.suf4[i]!);
  ids[k++] = mix1(7, lex.pre1[i]!);
  ids[k++] = mix1(8, lex.pre3[i]!);
  ids[k++] = mix2(9, lex.shape[i]!, i === 0 ? 1 : 0);
  ids[k++] = mix1(10, prev1);
  ids[k++] = mix1(11, prev2);
  ids[k++] = mix2(12, prev1, prev2);
  ids[k++] = mix2(13, prev1, W[i]!);
  ids[k++] = mix1(14, at(W, i - 1, -1));
  ids[k++] = mix1(15, at(lex.suf3, i - 1, -1));
  ids[k++] = mix1(16, at(W, i - 2, -1));
  ids[k++] = mix1(17, at(W, i + 1, -1));
  ids[k++] = mix1(18, at(lex.suf3, i + 1, -1));
  ids[k++] = mix1(19, at(W, i + 2, -1));
  ids[k++] = mix2(20, at(W, i - 1, -1), W[i]!);
  ids[k++] = mix2(21, W[i]!, at(W, i + 1, -1));
  ids[k++] = mix2(22, prev1, at(W, i + 1, -1));
  ids[k++] = mix1(23, at(lex.shape, i + 1, -1));
  ids[k++] = mix3(24, prev1, lex.suf3[i]!, at(lex.suf3, i + 1, -1));
  // Word clusters: what similar words are, for words the treebank never showed.
  ids[k++] = mix1(25, lex.c2[i]!);
  ids[k++] = mix1(26, lex.c1[i]!);
  ids[k++] = mix2(27, prev1, lex.c2[i]!);
  ids[k++] = mix1(28, at(lex.c2, i - 1, -1));
  ids[k++] = mix1(29, at(lex.c2, i + 1, -1));
  ids[k++] = mix2(30, lex.c1[i]!, at(lex.c1, i + 1, -1));
  ids[k++] = mix2(31, lex.c2[i]!, lex.suf3[i]!);
  out.n = k;
}

/** Features for the universal tag, given the fine tag just chosen for the same word. */
export function uposFeatures(lex: LexicalHashes, i: number, xpos: number, prevUpos: number, out: FeatureVector): void {
  const n = lex.word.length;
  const ids = out.ids;
  let k = 0;
  const W = lex.word;
  ids[k++] = mix1(40, xpos);
  ids[k++] = mix2(41, xpos, W[i]!);
  ids[k++] = mix2(42, xpos, prevUpos);
  ids[k++] = mix2(43, xpos, i + 1 < n ? W[i + 1]! : -2);
  ids[k++] = mix2(44, xpos, i > 0 ? W[i - 1]! : -1);
  ids[k++] = mix2(45, xpos, lex.suf3[i]!);
  ids[k++] = mix1(46, W[i]!);
  out.n = k;
}

export const TAGGER_FEATURES = 31;
export const UPOS_FEATURES = 7;
