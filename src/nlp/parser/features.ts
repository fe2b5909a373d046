import type { ParseState } from './arc-hybrid.js';
import { mix1, mix2, mix3 } from './hash.js';
import type { LexicalHashes } from './lexical.js';
import type { FeatureVector } from './linear.js';

/** What the feature templates read of a sentence: per-word hashes, indexed 0 (root) ..n. */
export interface SentenceView {
  /** Lower-cased word hash (root and padding have their own values). */
  readonly w: Int32Array;
  /** Fine (PTB) tag id + 2 (0: none, 1: root). */
  readonly p: Int32Array;
  /** Universal tag id + 2. */
  readonly u: Int32Array;
  /** Last three letters (lower-cased), for words the model has not seen. */
  readonly suf: Int32Array;
  /** Coarse and fine word clusters (see lexical.ts). */
  readonly c1: Int32Array;
  readonly c2: Int32Array;
}

const NONE_W = 0x5bd1e995;
const ROOT_W = 0x27d4eb2d;

export function sentenceView(lex: LexicalHashes, xpos: ArrayLike<number>, upos: ArrayLike<number>): SentenceView {
  const { word, suf3 } = lex;
  const n = word.length;
  const c1 = new Int32Array(n + 1);
  const c2 = new Int32Array(n + 1);
  c1[0] = -2;
  c2[0] = -2;
  c1.set(lex.c1, 1);
  c2.set(lex.c2, 1);
  const w = new Int32Array(n + 1);
  const p = new Int32Array(n + 1);
  const u = new Int32Array(n + 1);
  const suf = new Int32Array(n + 1);
  w[0] = ROOT_W;
  p[0] = 1;
  u[0] = 1;
  suf[0] = ROOT_W;
  for (let i = 0; i < n; i++) {
    w[i + 1] = word[i]!;
    p[i + 1] = xpos[i]! + 2;
    u[i + 1] = upos[i]! + 2;
    suf[i + 1] = suf3[i]!;
  }
  return { w, p, u, suf, c1, c2 };
}

const dist = (d: number) => (d <= 4 ? d : d <= 7 ? 5 : d <= 12 ? 6 : 7);
const cap = (v: number) => (v > 4 ? 4 : v);

/** Transition features: Zhang and Nivre (2011)'s templates, read off the arc-hybrid state. */
export function transitionFeatures(v: SentenceView, st: ParseState, out: FeatureVector): void {
  const { w, p, u, suf, c1, c2 } = v;
  const C1 = (i: number) => (i < 0 ? -1 : c1[i]!);
  const C2 = (i: number) => (i < 0 ? -1 : c2[i]!);
  const W = (i: number) => (i < 0 ? NONE_W : w[i]!);
  const P = (i: number) => (i < 0 ? 0 : p[i]!);
  const U = (i: number) => (i < 0 ? 0 : u[i]!);
  const S = (i: number) => (i < 0 ? NONE_W : suf[i]!);
  const L = (i: number) => (i < 0 ? -1 : st.labels[i]!);
  const s0 = st.s(0), s1 = st.s(1), s2 = st.s(2);
  const b0 = st.b(0), b1 = st.b(1), b2 = st.b(2), b3 = st.b(3);
  const s0l1 = s0 >= 0 ? st.l1[s0]! : -1, s0l2 = s0 >= 0 ? st.l2[s0]! : -1;
  const s0r1 = s0 >= 0 ? st.r1[s0]! : -1, s0r2 = s0 >= 0 ? st.r2[s0]! : -1;
  const s1l1 = s1 >= 0 ? st.l1[s1]! : -1, s1r1 = s1 >= 0 ? st.r1[s1]! : -1;
  const b0l1 = b0 >= 0 ? st.l1[b0]! : -1, b0l2 = b0 >= 0 ? st.l2[b0]! : -1;
  const s0w = W(s0), s0p = P(s0), s1w = W(s1), s1p = P(s1), b0w = W(b0), b0p = P(b0), b1w = W(b1), b1p = P(b1), b2p = P(b2);
  const s0wp = mix2(0, s0w, s0p), s1wp = mix2(0, s1w, s1p), b0wp = mix2(0, b0w, b0p), b1wp = mix2(0, b1w, b1p);
  const d = s0 >= 0 && b0 >= 0 ? dist(b0 - s0) : 0;
  const d1 = s0 >= 0 && s1 >= 0 ? dist(s0 - s1) : 0;
  const vl0 = s0 >= 0 ? cap(st.nLeft[s0]!) : -1, vr0 = s0 >= 0 ? cap(st.nRight[s0]!) : -1;
  const vr1 = s1 >= 0 ? cap(st.nRight[s1]!) : -1, vl1 = s1 >= 0 ? cap(st.nLeft[s1]!) : -1;
  const vlb = b0 >= 0 ? cap(st.nLeft[b0]!) : -1;
  const ids = out.ids;
  let k = 0;
  // Single words.
  ids[k++] = mix1(1, s0wp);
  ids[k++] = mix1(2, s0w);
  ids[k++] = mix1(3, s0p);
  ids[k++] = mix1(4, s1wp);
  ids[k++] = mix1(5, s1w);
  ids[k++] = mix1(6, s1p);
  ids[k++] = mix1(7, b0wp);
  ids[k++] = mix1(8, b0w);
  ids[k++] = mix1(9, b0p);
  ids[k++] = mix1(10, b1wp);
  ids[k++] = mix1(11, b1w);
  ids[k++] = mix1(12, b1p);
  ids[k++] = mix1(13, W(b2));
  ids[k++] = mix1(14, b2p);
  ids[k++] = mix1(15, W(s2));
  ids[k++] = mix1(16, P(s2));
  // Pairs.
  ids[k++] = mix2(20, s0wp, b0wp);
  ids[k++] = mix2(21, s0wp, b0w);
  ids[k++] = mix2(22, s0w, b0wp);
  ids[k++] = mix2(23, s0wp, b0p);
  ids[k++] = mix2(24, s0p, b0wp);
  ids[k++] = mix2(25, s0w, b0w);
  ids[k++] = mix2(26, s0p, b0p);
  ids[k++] = mix2(27, b0p, b1p);
  ids[k++] = mix2(28, s1p, s0p);
  ids[k++] = mix2(29, s1w, s0w);
  ids[k++] = mix2(30, s1wp, s0p);
  ids[k++] = mix2(31, s1p, s0wp);
  ids[k++] = mix2(32, s1wp, s0wp);
  ids[k++] = mix2(33, b0w, b1w);
  ids[k++] = mix2(34, b0wp, b1p);
  // Triples of tags.
  ids[k++] = mix3(40, b0p, b1p, b2p);
  ids[k++] = mix3(41, s0p, b0p, b1p);
  ids[k++] = mix3(42, s1p, s0p, b0p);
  ids[k++] = mix3(43, s0p, P(s0l1), b0p);
  ids[k++] = mix3(44, s0p, P(s0r1), b0p);
  ids[k++] = mix3(45, s0p, b0p, P(b0l1));
  ids[k++] = mix3(46, s1p, s0p, P(s0l1));
  ids[k++] = mix3(47, s1p, s0p, P(s0r1));
  ids[k++] = mix3(48, s1p, P(s1r1), s0p);
  ids[k++] = mix3(49, P(s2), s1p, s0p);
  ids[k++] = mix3(50, s1p, P(s1l1), s0p);
  ids[k++] = mix3(51, s1wp, s0p, b0p);
  ids[k++] = mix3(52, s1p, s0wp, b0p);
  ids[k++] = mix3(53, s1p, s0p, b0wp);
  // Distance.
  ids[k++] = mix2(60, s0w, d);
  ids[k++] = mix2(61, s0p, d);
  ids[k++] = mix2(62, b0w, d);
  ids[k++] = mix2(63, b0p, d);
  ids[k++] = mix3(64, s0w, b0w, d);
  ids[k++] = mix3(65, s0p, b0p, d);
  ids[k++] = mix3(66, s1p, s0p, d1);
  ids[k++] = mix3(67, s1w, s0w, d1);
  // Valency.
  ids[k++] = mix2(70, s0w, vr0);
  ids[k++] = mix2(71, s0p, vr0);
  ids[k++] = mix2(72, s0w, vl0);
  ids[k++] = mix2(73, s0p, vl0);
  ids[k++] = mix2(74, b0w, vlb);
  ids[k++] = mix2(75, b0p, vlb);
  ids[k++] = mix2(76, s1p, vr1);
  ids[k++] = mix2(77, s1p, vl1);
  // Children: words, tags, labels.
  ids[k++] = mix1(80, W(s0l1));
  ids[k++] = mix1(81, P(s0l1));
  ids[k++] = mix1(82, L(s0l1));
  ids[k++] = mix1(83, W(s0r1));
  ids[k++] = mix1(84, P(s0r1));
  ids[k++] = mix1(85, L(s0r1));
  ids[k++] = mix1(86, W(b0l1));
  ids[k++] = mix1(87, P(b0l1));
  ids[k++] = mix1(88, L(b0l1));
  ids[k++] = mix1(89, W(s1r1));
  ids[k++] = mix1(90, P(s1r1));
  ids[k++] = mix1(91, L(s1r1));
  ids[k++] = mix1(92, L(s1l1));
  // Third order.
  ids[k++] = mix1(100, W(s0l2));
  ids[k++] = mix1(101, P(s0l2));
  ids[k++] = mix1(102, L(s0l2));
  ids[k++] = mix1(103, W(s0r2));
  ids[k++] = mix1(104, P(s0r2));
  ids[k++] = mix1(105, L(s0r2));
  ids[k++] = mix1(106, W(b0l2));
  ids[k++] = mix1(107, P(b0l2));
  ids[k++] = mix1(108, L(b0l2));
  ids[k++] = mix3(109, s0p, L(s0l1), L(s0l2));
  ids[k++] = mix3(110, s0p, L(s0r1), L(s0r2));
  ids[k++] = mix3(111, b0p, L(b0l1), L(b0l2));
  ids[k++] = mix3(112, s0p, L(s0l1), b0p);
  ids[k++] = mix3(113, s0p, L(s0r1), b0p);
  // Label sets.
  if (s0 >= 0) {
    ids[k++] = mix3(120, s0p, st.leftSetLo[s0]!, st.leftSetHi[s0]!);
    ids[k++] = mix3(121, s0p, st.rightSetLo[s0]!, st.rightSetHi[s0]!);
    ids[k++] = mix3(122, s0w, st.rightSetLo[s0]!, st.rightSetHi[s0]!);
  }
  if (b0 >= 0) ids[k++] = mix3(123, b0p, st.leftSetLo[b0]!, st.leftSetHi[b0]!);
  // Universal tags, suffixes (unseen words), a longer look ahead.
  ids[k++] = mix2(130, U(s0), U(b0));
  ids[k++] = mix3(131, U(s1), U(s0), U(b0));
  ids[k++] = mix3(132, U(s0), U(b0), U(b1));
  ids[k++] = mix2(133, S(s0), b0p);
  ids[k++] = mix2(134, s0p, S(b0));
  ids[k++] = mix1(135, S(b0));
  ids[k++] = mix1(136, S(s0));
  ids[k++] = mix3(137, b1p, b2p, P(b3));
  ids[k++] = mix3(138, s0w, b0w, b1p);
  ids[k++] = mix3(139, s0p, b0w, b1w);
  ids[k++] = mix3(140, s1p, b0p, s1 >= 0 && b0 >= 0 ? dist(b0 - s1) : 0);
  // Word clusters in place of words (Koo et al. 2008), and prepositional attachment.
  const s0c = C2(s0), s1c = C2(s1), b0c = C2(b0);
  ids[k++] = mix1(150, s0c);
  ids[k++] = mix1(151, b0c);
  ids[k++] = mix1(152, C2(b1));
  ids[k++] = mix1(153, s1c);
  ids[k++] = mix2(154, s0c, b0c);
  ids[k++] = mix2(155, s0c, b0p);
  ids[k++] = mix2(156, s0p, b0c);
  ids[k++] = mix2(157, C1(s0), C1(b0));
  ids[k++] = mix2(158, s1c, s0c);
  ids[k++] = mix3(159, s1c, s0p, b0p);
  ids[k++] = mix3(160, s1p, s0c, b0p);
  ids[k++] = mix3(161, s1c, W(s0l1), s0c);
  ids[k++] = mix3(162, s1p, W(s0l1), s0c);
  ids[k++] = mix3(163, s1w, W(s0l1), s0p);
  ids[k++] = mix3(164, C1(s1), C1(s0), L(s0l1));
  ids[k++] = mix3(165, s1p, s0p, L(s0l1));
  ids[k++] = mix3(166, s0c, W(b0l1), b0c);
  ids[k++] = mix3(167, b0c, b1p, C1(b1));
  out.n = k;
}

export const MAX_TRANSITION_FEATURES = 192;

/** Features for labelling the arc h -> d just decided (d's own subtree is complete). */
export function labelFeatures(v: SentenceView, st: ParseState, h: number, d: number, out: FeatureVector): void {
  const { w, p, u } = v;
  const n = st.n;
  const W = (i: number) => (i < 0 ? NONE_W : w[i]!);
  const P = (i: number) => (i < 0 ? 0 : p[i]!);
  const L = (i: number) => (i < 0 ? -1 : st.labels[i]!);
  const dw = W(d), dp = P(d), hw = W(h), hp = P(h), du = u[d]!, hu = u[h]!;
  const dir = d < h ? 0 : 1;
  const dd = dist(Math.abs(h - d));
  const dl1 = st.l1[d]!, dl2 = st.l2[d]!, dr1 = st.r1[d]!;
  const hl1 = st.l1[h]!, hr1 = st.r1[h]!;
  const ids = out.ids;
  let k = 0;
  ids[k++] = mix1(1, 0);
  ids[k++] = mix1(2, dw);
  ids[k++] = mix1(3, dp);
  ids[k++] = mix2(4, dw, dp);
  ids[k++] = mix2(5, dir, hw);
  ids[k++] = mix2(6, dir, hp);
  ids[k++] = mix3(7, dir, hw, hp);
  ids[k++] = mix3(8, dir, hp, dp);
  ids[k++] = mix3(9, dir, hw, dp);
  ids[k++] = mix3(10, dir, hp, dw);
  ids[k++] = mix3(11, dir, hw, dw);
  ids[k++] = mix3(12, dir, hu, du);
  ids[k++] = mix3(13, dd, dir, mix2(0, hp, dp));
  ids[k++] = mix2(14, dir, dw);
  // The dependent's own children (its case marker, determiner, auxiliaries ...).
  ids[k++] = mix2(20, dp, W(dl1));
  ids[k++] = mix2(21, dp, P(dl1));
  ids[k++] = mix2(22, dp, L(dl1));
  ids[k++] = mix3(23, dir, hp, W(dl1));
  ids[k++] = mix2(24, dp, W(dl2));
  ids[k++] = mix2(25, dp, L(dl2));
  ids[k++] = mix2(26, dp, W(dr1));
  ids[k++] = mix2(27, dp, L(dr1));
  ids[k++] = mix3(28, dp, st.leftSetLo[d]!, st.leftSetHi[d]!);
  ids[k++] = mix3(29, dp, st.rightSetLo[d]!, st.rightSetHi[d]!);
  ids[k++] = mix3(30, mix2(0, dir, hp), st.leftSetLo[d]!, st.leftSetHi[d]!);
  // What the head already has.
  ids[k++] = mix3(40, mix2(0, dir, hp), st.leftSetLo[h]!, st.leftSetHi[h]!);
  ids[k++] = mix3(41, mix2(0, dir, hp), st.rightSetLo[h]!, st.rightSetHi[h]!);
  ids[k++] = mix3(42, dir, hp, L(hl1));
  ids[k++] = mix3(43, dir, hp, L(hr1));
  ids[k++] = mix3(44, dir, hw, W(hl1));
  // Neighbours.
  ids[k++] = mix3(50, dp, d > 1 ? P(d - 1) : 0, d < n ? P(d + 1) : 0);
  ids[k++] = mix3(51, dir, hp, h > 1 ? P(h - 1) : 0);
  ids[k++] = mix3(52, dir, hp, h > 0 && h < n ? P(h + 1) : 0);
  ids[k++] = mix2(53, dp, d === 1 ? 1 : 0);
  ids[k++] = mix3(54, dir, du, hw);
  ids[k++] = mix2(55, dir, v.c2[d]!);
  ids[k++] = mix3(56, dir, v.c2[h]!, dp);
  ids[k++] = mix3(57, dir, hp, v.c2[d]!);
  ids[k++] = mix3(58, dir, v.c1[h]!, v.c1[d]!);
  out.n = k;
}

export const MAX_LABEL_FEATURES = 48;
