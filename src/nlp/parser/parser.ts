import { LEFT, MOVES, ParseState, RIGHT, SHIFT } from './arc-hybrid.js';
import { BeamSearch } from './beam.js';
import { labelFeatures, MAX_LABEL_FEATURES, MAX_TRANSITION_FEATURES, sentenceView, transitionFeatures, type SentenceView } from './features.js';
import { lexicalHashes, type LexicalHashes } from './lexical.js';
import { argmax, featureVector, type LinearModel } from './linear.js';
import type { ParserModel } from './model.js';
import { reversedLex, SECOND_PASS_FEATURES, secondPassFeatures, taggerFeatures, uposFeatures, UPOS_FEATURES } from './tagger.js';

/** One sentence's analysis; arrays run over its words. */
export interface SentenceAnalysis {
  readonly upos: string[];
  readonly xpos: string[];
  /** 1-based index of each word's head; 0 for the root (as in CoNLL-U). */
  readonly head: number[];
  readonly deprel: string[];
}

// Scratch space reused across calls (plain buffers, never keyed by objects).
const tagVec = featureVector(SECOND_PASS_FEATURES);
const uposVec = featureVector(UPOS_FEATURES);
const transVec = featureVector(MAX_TRANSITION_FEATURES);
const labelVec = featureVector(MAX_LABEL_FEATURES);
let scores = new Float32Array(256);

/**
 * The labeller's decisions, remembered by their whole feature vector: the items of a beam make
 * the same arc in the same context over and over (and the features hold no word positions, so a
 * context recurs across sentences too), and scoring some 40 labels is a third of the parser's cost.
 * Direct-mapped and bounded (4,096 entries, about 800 kB); an entry is used only when every feature
 * equals the one stored, so the labels are exactly those scoring would give. Cleared when another
 * model labels.
 */
const LABEL_CACHE_BITS = 12;
const labelCacheIds = new Int32Array((1 << LABEL_CACHE_BITS) * MAX_LABEL_FEATURES);
const labelCacheN = new Int32Array(1 << LABEL_CACHE_BITS);
const labelCacheLabel = new Int32Array(1 << LABEL_CACHE_BITS);
let labelCacheOwner: LinearModel | null = null;
let labelCacheRoot = -1;
/** Decisions answered from the cache and decisions scored, since the process started (for measurement). */
export const labelCacheStats = { hits: 0, scored: 0 };

/** The label for the arc whose features are in `labelVec`. */
function labelFor(labeler: LinearModel, rootLabel: number, cache: boolean): number {
  if (!cache) {
    labeler.score(labelVec, scores);
    return argmax(scores, labeler.nClasses, rootLabel);
  }
  if (labelCacheOwner !== labeler || labelCacheRoot !== rootLabel) {
    labelCacheN.fill(0);
    labelCacheOwner = labeler;
    labelCacheRoot = rootLabel;
  }
  const { ids, n } = labelVec;
  let h = 0x811c9dc5 ^ n;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ ids[i]!, 0x01000193);
  const slot = (h ^ (h >>> 15)) & ((1 << LABEL_CACHE_BITS) - 1);
  const at = slot * MAX_LABEL_FEATURES;
  // Slots hold n + 1 (0: empty).
  if (labelCacheN[slot] === n + 1) {
    let same = true;
    for (let i = 0; i < n; i++) {
      if (labelCacheIds[at + i] !== ids[i]) {
        same = false;
        break;
      }
    }
    if (same) {
      labelCacheStats.hits++;
      return labelCacheLabel[slot]!;
    }
  }
  labeler.score(labelVec, scores);
  const label = argmax(scores, labeler.nClasses, rootLabel);
  labelCacheStats.scored++;
  for (let i = 0; i < n; i++) labelCacheIds[at + i] = ids[i]!;
  labelCacheN[slot] = n + 1;
  labelCacheLabel[slot] = label;
  return label;
}

/**
 * Tagging: fine (PTB) tag ids and universal tag ids. With a joint model, two greedy passes over
 * fine|universal pairs: right to left with a reduced feature set, then left to right with the first
 * pass's tags of this word and the next two as features. Older models: one left-to-right pass for
 * the fine tag, then the universal tag from it.
 */
export function tagIds(model: ParserModel, lex: LexicalHashes): { xpos: Int32Array; upos: Int32Array } {
  const n = lex.word.length;
  const xpos = new Int32Array(n);
  const upos = new Int32Array(n);
  const joint = model.joint;
  if (joint) {
    const draft = firstPassTags(model.tagger, joint.xpos, lex);
    const jx = joint.xpos;
    let p1 = 0, p2 = 0;
    for (let i = 0; i < n; i++) {
      secondPassFeatures(lex, i, p1, p2, jx[draft[i]!]! + 1, i + 1 < n ? jx[draft[i + 1]!]! + 1 : 0, i + 2 < n ? jx[draft[i + 2]!]! + 1 : 0, tagVec);
      joint.second.score(tagVec, scores);
      const c = argmax(scores, joint.second.nClasses);
      xpos[i] = jx[c]!;
      upos[i] = joint.upos[c]!;
      p2 = p1;
      p1 = xpos[i]! + 1;
    }
    return { xpos, upos };
  }
  for (let i = 0; i < n; i++) {
    taggerFeatures(lex, i, i > 0 ? xpos[i - 1]! + 1 : 0, i > 1 ? xpos[i - 2]! + 1 : 0, tagVec);
    model.tagger.score(tagVec, scores);
    xpos[i] = argmax(scores, model.tagger.nClasses);
    uposFeatures(lex, i, xpos[i]!, i > 0 ? upos[i - 1]! + 1 : 0, uposVec);
    model.upos!.score(uposVec, scores);
    upos[i] = argmax(scores, model.upos!.nClasses);
  }
  return { xpos, upos };
}

/** The joint tagger's first pass: class ids per word, chosen right to left (on the reversed sentence). */
export function firstPassTags(tagger: LinearModel, jx: Int32Array, lex: LexicalHashes): Int32Array {
  const n = lex.word.length;
  const rev = reversedLex(lex);
  const out = new Int32Array(n);
  let p1 = 0, p2 = 0;
  for (let i = 0; i < n; i++) {
    taggerFeatures(rev, i, p1, p2, tagVec, true);
    tagger.score(tagVec, scores);
    const c = argmax(scores, tagger.nClasses);
    out[n - 1 - i] = c;
    p2 = p1;
    p1 = jx[c]! + 1;
  }
  return out;
}


export interface ParseOptions {
  /** Beam width; 1 is greedy. Default: the width the model was trained with (meta.beam), else 1. */
  readonly beam?: number;
  /** Remember the labeller's decisions by their features (default true; the labels are the same either way). */
  readonly labelCache?: boolean;
}

/** The beam width a model decodes with by default (the one it was trained with). */
export function modelBeam(model: ParserModel): number {
  const b = model.meta['beam'];
  return typeof b === 'number' && b >= 1 ? Math.floor(b) : 1;
}

const beams = new Map<number, BeamSearch>();

/** Parse tagged words; returns the final state (heads and label ids per word 1..n). */
export function parseIds(model: ParserModel, lex: LexicalHashes, xpos: ArrayLike<number>, upos: ArrayLike<number>, opts: ParseOptions = {}): ParseState {
  const k = opts.beam ?? modelBeam(model);
  const view = sentenceView(lex, xpos, upos);
  const rootLabel = model.labels.indexOf('root');
  const cache = opts.labelCache ?? true;
  if (k > 1) return parseBeam(model, view, lex.word.length, rootLabel, k, cache);
  const st = new ParseState(lex.word.length);
  while (!st.done) {
    transitionFeatures(view, st, transVec);
    model.transitions.score(transVec, scores);
    let move = -1;
    for (let m = 0; m < MOVES; m++) if (st.valid(m) && (move < 0 || scores[m]! > scores[move]!)) move = m;
    if (move === SHIFT) {
      st.apply(SHIFT);
      continue;
    }
    const h = st.headFor(move);
    const d = st.s(0);
    let label = rootLabel;
    if (h !== 0) {
      labelFeatures(view, st, h, d, labelVec);
      label = labelFor(model.labeler, rootLabel, cache);
    }
    st.apply(move === LEFT ? LEFT : RIGHT, label);
  }
  return st;
}

/** Beam decoding: the best-scored of the k move sequences kept; the local labeller names each arc. */
function parseBeam(model: ParserModel, view: SentenceView, n: number, rootLabel: number, k: number, cache: boolean): ParseState {
  let beam = beams.get(k);
  if (!beam) {
    beam = new BeamSearch(k);
    beams.set(k, beam);
  }
  const labeler = (st: ParseState, h: number, d: number): number => {
    if (h === 0) return rootLabel;
    labelFeatures(view, st, h, d, labelVec);
    return labelFor(model.labeler, rootLabel, cache);
  };
  beam.reset(n);
  while (!beam.done) beam.step(view, model.transitions, labeler);
  const out = new ParseState(n);
  out.copyFrom(beam.states[0]!);
  return out;
}

/**
 * The library face: one sentence's words in, their universal tags, fine tags, heads and relations
 * out. Pure given the model; linear in the sentence's length.
 */
export function analyseSentence(model: ParserModel, words: readonly string[], opts: ParseOptions = {}): SentenceAnalysis {
  if (words.length === 0) return { upos: [], xpos: [], head: [], deprel: [] };
  if (scores.length < 256) scores = new Float32Array(256);
  const lex = lexicalHashes(words, model.clusters);
  const { xpos, upos } = tagIds(model, lex);
  const st = parseIds(model, lex, xpos, upos, opts);
  const out: SentenceAnalysis = { upos: [], xpos: [], head: [], deprel: [] };
  for (let i = 0; i < words.length; i++) {
    out.upos.push(model.uposTags[upos[i]!]!);
    out.xpos.push(model.xposTags[xpos[i]!]!);
    out.head.push(st.heads[i + 1]!);
    out.deprel.push(model.labels[st.labels[i + 1]!] ?? 'dep');
  }
  return out;
}
