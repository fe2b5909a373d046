import { MOVES, ParseState, SHIFT } from './arc-hybrid.js';
import { MAX_TRANSITION_FEATURES, transitionFeatures, type SentenceView } from './features.js';
import { featureVector, type FeatureVector } from './linear.js';

/** Anything that scores the three moves from a feature vector (the run-time model or the trainer). */
export interface MoveScorer {
  score(f: FeatureVector, scores: Float32Array): void;
}

/** Chooses the label of the arc h -> d about to be made in `st` (a local classifier). */
export type ArcLabeler = (st: ParseState, h: number, d: number) => number;

/**
 * Beam search over arc-hybrid move sequences (Zhang and Clark 2008; Zhang and Nivre 2011). Every
 * item of the beam has made the same number of moves (a parse of n words takes exactly 2n), and an
 * item's score is the sum of its moves' scores. Each step scores every item's valid moves, keeps
 * the k best (item, move) candidates, and only then copies those k states out of a pool of 2k, so
 * no state is allocated or copied for a candidate that is dropped. Labels are not searched over:
 * when a survivor makes an arc the labeller names it, and the label feeds later features. Each
 * step's survivors record their parent slot, move and label, so any item's history can be read
 * back (the structured perceptron replays it to update).
 */
export class BeamSearch {
  /** Current items (slots 0..size), best first after every step. */
  states: ParseState[] = [];
  private spare: ParseState[] = [];
  /** A state that has made no move, to reset from (the pool is rebuilt only when the length changes). */
  private empty: ParseState | null = null;
  size = 0;
  /** Moves made so far by every item. */
  t = 0;
  score: Float64Array;
  private nextScore: Float64Array;
  /** History: entry t * k + j is step t's survivor j (its parent slot at step t - 1, its move and label). */
  private hParent = new Int32Array(0);
  private hMove = new Int32Array(0);
  private hLabel = new Int32Array(0);
  private readonly cItem: Int32Array;
  private readonly cMove: Int32Array;
  private readonly cScore: Float64Array;
  private readonly order: Int32Array;
  private readonly fv = featureVector(MAX_TRANSITION_FEATURES);
  private readonly sc = new Float32Array(MOVES);

  constructor(readonly k: number) {
    if (!(k >= 1)) throw new Error(`beam width must be at least 1 (got ${k})`);
    this.score = new Float64Array(k);
    this.nextScore = new Float64Array(k);
    this.cItem = new Int32Array(k * MOVES);
    this.cMove = new Int32Array(k * MOVES);
    this.cScore = new Float64Array(k * MOVES);
    this.order = new Int32Array(k);
  }

  /** Start a sentence of n words: one empty item. */
  reset(n: number): void {
    if (this.empty?.n !== n) {
      this.empty = new ParseState(n);
      this.states = Array.from({ length: this.k }, () => new ParseState(n));
      this.spare = Array.from({ length: this.k }, () => new ParseState(n));
    } else this.states[0]!.copyFrom(this.empty);
    this.size = 1;
    this.t = 0;
    this.score[0] = 0;
    const need = 2 * n * this.k;
    if (this.hParent.length < need) {
      this.hParent = new Int32Array(need);
      this.hMove = new Int32Array(need);
      this.hLabel = new Int32Array(need);
    }
  }

  get done(): boolean {
    return this.states[0]!.done;
  }

  /** One move for every item; survivors sorted by score (ties: earlier item, then lower move). */
  step(view: SentenceView, scorer: MoveScorer, labeler: ArcLabeler): void {
    const { k, cItem, cMove, cScore, order, fv, sc } = this;
    let nc = 0;
    for (let i = 0; i < this.size; i++) {
      const st = this.states[i]!;
      transitionFeatures(view, st, fv);
      scorer.score(fv, sc);
      const base = this.score[i]!;
      for (let m = 0; m < MOVES; m++) {
        if (!st.valid(m)) continue;
        cItem[nc] = i;
        cMove[nc] = m;
        cScore[nc] = base + sc[m]!;
        nc++;
      }
    }
    // The k best candidates by insertion (k is small); a later candidate displaces only a strictly better-scored one.
    let kept = 0;
    for (let c = 0; c < nc; c++) {
      const s = cScore[c]!;
      if (kept === k && s <= cScore[order[k - 1]!]!) continue;
      let j = kept < k ? kept++ : k - 1;
      while (j > 0 && cScore[order[j - 1]!]! < s) {
        order[j] = order[j - 1]!;
        j--;
      }
      order[j] = c;
    }
    const at = this.t * k;
    for (let j = 0; j < kept; j++) {
      const c = order[j]!;
      const src = this.states[cItem[c]!]!;
      const dst = this.spare[j]!;
      dst.copyFrom(src);
      const m = cMove[c]!;
      let label = -1;
      if (m === SHIFT) dst.apply(SHIFT);
      else {
        label = labeler(dst, dst.headFor(m), dst.s(0));
        dst.apply(m, label);
      }
      this.nextScore[j] = cScore[c]!;
      this.hParent[at + j] = cItem[c]!;
      this.hMove[at + j] = m;
      this.hLabel[at + j] = label;
    }
    const s = this.states;
    this.states = this.spare;
    this.spare = s;
    const ns = this.score;
    this.score = this.nextScore;
    this.nextScore = ns;
    this.size = kept;
    this.t++;
  }

  /** Step `t`'s survivor `slot`: its parent slot at step t - 1, and the move and label that made it. */
  parentOf(t: number, slot: number): number {
    return this.hParent[t * this.k + slot]!;
  }

  moveOf(t: number, slot: number): number {
    return this.hMove[t * this.k + slot]!;
  }

  /** The moves and labels (-1 for SHIFT) of the item in `slot` after step `t`, from the first move. */
  history(t: number, slot: number, moves: Int32Array, labels: Int32Array): void {
    for (let s = t, j = slot; s >= 0; s--) {
      const at = s * this.k + j;
      moves[s] = this.hMove[at]!;
      labels[s] = this.hLabel[at]!;
      j = this.hParent[at]!;
    }
  }
}
