import { mix1, mix2, mix3 } from './hash.js';
import type { LexicalHashes } from './lexical.js';
import type { FeatureVector } from './linear.js';

/** Templates the first (right-to-left) pass leaves out: it only has to give the second pass a draft. */
const FIRST_PASS_DROPS = new Uint8Array(32);
for (const t of [7, 15, 16, 18, 22, 23, 24, 27, 28, 29, 30, 31]) FIRST_PASS_DROPS[t] = 1;

/**
 * Features of the greedy tagger (after Collins 2002 and the NLTK/Honnibal perceptron tagger): the
 * word, its affixes and shape, its neighbours, and the two tags already chosen. `prev` holds tag ids
 * + 1 of earlier tokens (0 before the sentence). `firstPass`: the reduced set of the first,
 * right-to-left pass (run on the reversed sentence, so "earlier" there means to the right).
 */
export function taggerFeatures(lex: LexicalHashes, i: number, prev1: number, prev2: number, out: FeatureVector, firstPass = false): void {
  const n = lex.word.length;
  const ids = out.ids;
  let k = 0;
  const W = lex.word;
  const at = (a: Int32Array, j: number, edge: number) => (j < 0 ? edge : j >= n ? edge + 1 : a[j]!);
  const keep = (t: number) => !firstPass || FIRST_PASS_DROPS[t] === 0;
  if (keep(1)) ids[k++] = mix1(1, 0);
  if (keep(2)) ids[k++] = mix1(2, W[i]!);
  if (keep(3)) ids[k++] = mix1(3, lex.cased[i]!);
  if (keep(4)) ids[k++] = mix1(4, lex.suf2[i]!);
  if (keep(5)) ids[k++] = mix1(5, lex.suf3[i]!);
  if (keep(6)) ids[k++] = mix1(6, lex.suf4[i]!);
  if (keep(7)) ids[k++] = mix1(7, lex.pre1[i]!);
  if (keep(8)) ids[k++] = mix1(8, lex.pre3[i]!);
  if (keep(9)) ids[k++] = mix2(9, lex.shape[i]!, i === 0 ? 1 : 0);
  if (keep(10)) ids[k++] = mix1(10, prev1);
  if (keep(11)) ids[k++] = mix1(11, prev2);
  if (keep(12)) ids[k++] = mix2(12, prev1, prev2);
  if (keep(13)) ids[k++] = mix2(13, prev1, W[i]!);
  if (keep(14)) ids[k++] = mix1(14, at(W, i - 1, -1));
  if (keep(15)) ids[k++] = mix1(15, at(lex.suf3, i - 1, -1));
  if (keep(16)) ids[k++] = mix1(16, at(W, i - 2, -1));
  if (keep(17)) ids[k++] = mix1(17, at(W, i + 1, -1));
  if (keep(18)) ids[k++] = mix1(18, at(lex.suf3, i + 1, -1));
  if (keep(19)) ids[k++] = mix1(19, at(W, i + 2, -1));
  if (keep(20)) ids[k++] = mix2(20, at(W, i - 1, -1), W[i]!);
  if (keep(21)) ids[k++] = mix2(21, W[i]!, at(W, i + 1, -1));
  if (keep(22)) ids[k++] = mix2(22, prev1, at(W, i + 1, -1));
  if (keep(23)) ids[k++] = mix1(23, at(lex.shape, i + 1, -1));
  if (keep(24)) ids[k++] = mix3(24, prev1, lex.suf3[i]!, at(lex.suf3, i + 1, -1));
  // Word clusters: what similar words are, for words the treebank never showed.
  if (keep(25)) ids[k++] = mix1(25, lex.c2[i]!);
  if (keep(26)) ids[k++] = mix1(26, lex.c1[i]!);
  if (keep(27)) ids[k++] = mix2(27, prev1, lex.c2[i]!);
  if (keep(28)) ids[k++] = mix1(28, at(lex.c2, i - 1, -1));
  if (keep(29)) ids[k++] = mix1(29, at(lex.c2, i + 1, -1));
  if (keep(30)) ids[k++] = mix2(30, lex.c1[i]!, at(lex.c1, i + 1, -1));
  if (keep(31)) ids[k++] = mix2(31, lex.c2[i]!, lex.suf3[i]!);
  out.n = k;
}

/**
 * The second, left-to-right pass: all the first pass's features, plus the tags the first
 * (right-to-left) pass gave this word and the next two (`self`, `next1`, `next2`: tag ids + 1, 0
 * past the end), so each decision sees tags on both sides.
 */
export function secondPassFeatures(lex: LexicalHashes, i: number, prev1: number, prev2: number, self: number, next1: number, next2: number, out: FeatureVector): void {
  taggerFeatures(lex, i, prev1, prev2, out);
  const ids = out.ids;
  const W = lex.word;
  let k = out.n;
  ids[k++] = mix1(70, next1);
  ids[k++] = mix2(71, next1, next2);
  ids[k++] = mix2(72, next1, W[i]!);
  ids[k++] = mix2(73, prev1, next1);
  ids[k++] = mix2(74, self, W[i]!);
  ids[k++] = mix1(75, self);
  ids[k++] = mix3(76, prev1, self, next1);
  ids[k++] = mix2(77, next1, lex.suf3[i]!);
  out.n = k;
}

/** A copy of a sentence's hashes in reverse word order (for the right-to-left pass). */
export function reversedLex(lex: LexicalHashes): LexicalHashes {
  const r = (a: Int32Array) => a.slice().reverse();
  return {
    word: r(lex.word), cased: r(lex.cased), suf2: r(lex.suf2), suf3: r(lex.suf3), suf4: r(lex.suf4),
    pre1: r(lex.pre1), pre3: r(lex.pre3), shape: r(lex.shape), c1: r(lex.c1), c2: r(lex.c2),
  };
}

/** Features for the universal tag (models without the joint two-pass tagger), given the fine tag just chosen for the same word. */
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
export const SECOND_PASS_FEATURES = 39;
export const UPOS_FEATURES = 7;
