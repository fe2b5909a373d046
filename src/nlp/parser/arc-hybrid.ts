/**
 * The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez and Satta 2011) with its dynamic
 * oracle (Goldberg and Nivre 2013). Words are 1..n; 0 is the root, at the bottom of the stack.
 *   SHIFT  moves the first buffer word b0 onto the stack;
 *   LEFT   attaches the stack top s0 to b0 and pops it;
 *   RIGHT  attaches s0 to the word under it, s1, and pops it.
 * The root takes one child, attached last (RIGHT from the root only once the buffer is empty), so
 * every parse is a single tree.
 */

export const SHIFT = 0;
export const LEFT = 1;
export const RIGHT = 2;
export const MOVES = 3;
export const MOVE_NAMES = ['SHIFT', 'LEFT', 'RIGHT'] as const;

export class ParseState {
  readonly stack: Int32Array;
  sp = 1;
  b0 = 1;
  readonly heads: Int32Array;
  readonly labels: Int32Array;
  /** Leftmost, second-leftmost, rightmost and second-rightmost children (-1: none). */
  readonly l1: Int32Array;
  readonly l2: Int32Array;
  readonly r1: Int32Array;
  readonly r2: Int32Array;
  readonly nLeft: Int32Array;
  readonly nRight: Int32Array;
  /** Bit sets of the labels of left and right children (labels 0..31 and 32..63). */
  readonly leftSetLo: Int32Array;
  readonly leftSetHi: Int32Array;
  readonly rightSetLo: Int32Array;
  readonly rightSetHi: Int32Array;

  constructor(readonly n: number) {
    const m = n + 1;
    this.stack = new Int32Array(m + 1);
    this.stack[0] = 0;
    this.heads = new Int32Array(m).fill(-1);
    this.labels = new Int32Array(m).fill(-1);
    this.l1 = new Int32Array(m).fill(-1);
    this.l2 = new Int32Array(m).fill(-1);
    this.r1 = new Int32Array(m).fill(-1);
    this.r2 = new Int32Array(m).fill(-1);
    this.nLeft = new Int32Array(m);
    this.nRight = new Int32Array(m);
    this.leftSetLo = new Int32Array(m);
    this.leftSetHi = new Int32Array(m);
    this.rightSetLo = new Int32Array(m);
    this.rightSetHi = new Int32Array(m);
  }

  /** Become a copy of `o` (a state of the same sentence), without allocating: beam survivors reuse pooled states. */
  copyFrom(o: ParseState): void {
    this.sp = o.sp;
    this.b0 = o.b0;
    this.stack.set(o.stack);
    this.heads.set(o.heads);
    this.labels.set(o.labels);
    this.l1.set(o.l1);
    this.l2.set(o.l2);
    this.r1.set(o.r1);
    this.r2.set(o.r2);
    this.nLeft.set(o.nLeft);
    this.nRight.set(o.nRight);
    this.leftSetLo.set(o.leftSetLo);
    this.leftSetHi.set(o.leftSetHi);
    this.rightSetLo.set(o.rightSetLo);
    this.rightSetHi.set(o.rightSetHi);
  }

  get done(): boolean {
    return this.b0 > this.n && this.sp === 1;
  }

  /** The i-th stack item from the top (0 = s0), or -1. */
  s(i: number): number {
    return this.sp - 1 - i >= 0 ? this.stack[this.sp - 1 - i]! : -1;
  }

  /** The i-th buffer word (0 = b0), or -1. */
  b(i: number): number {
    const x = this.b0 + i;
    return x <= this.n ? x : -1;
  }

  valid(move: number): boolean {
    if (move === SHIFT) return this.b0 <= this.n;
    if (this.sp < 2) return false;
    if (move === LEFT) return this.b0 <= this.n;
    return this.stack[this.sp - 2] !== 0 || this.b0 > this.n;
  }

  apply(move: number, label = -1): void {
    if (move === SHIFT) {
      this.stack[this.sp++] = this.b0++;
      return;
    }
    const d = this.stack[--this.sp]!;
    const h = move === LEFT ? this.b0 : this.stack[this.sp - 1]!;
    this.attach(h, d, label);
  }

  /** The head the move would give the stack top. */
  headFor(move: number): number {
    return move === LEFT ? this.b0 : this.stack[this.sp - 2]!;
  }

  private attach(h: number, d: number, label: number): void {
    this.heads[d] = h;
    this.labels[d] = label;
    const bitLo = label >= 0 && label < 32 ? 1 << label : 0;
    const bitHi = label >= 32 && label < 64 ? 1 << (label - 32) : 0;
    if (d < h) {
      this.nLeft[h]!++;
      this.leftSetLo[h]! |= bitLo;
      this.leftSetHi[h]! |= bitHi;
      if (this.l1[h] === -1 || d < this.l1[h]!) {
        this.l2[h] = this.l1[h]!;
        this.l1[h] = d;
      } else if (this.l2[h] === -1 || d < this.l2[h]!) this.l2[h] = d;
    } else {
      this.nRight[h]!++;
      this.rightSetLo[h]! |= bitLo;
      this.rightSetHi[h]! |= bitHi;
      if (this.r1[h] === -1 || d > this.r1[h]!) {
        this.r2[h] = this.r1[h]!;
        this.r1[h] = d;
      } else if (this.r2[h] === -1 || d > this.r2[h]!) this.r2[h] = d;
    }
  }
}

/**
 * What each move would cost against the gold tree: the number of gold arcs it makes unreachable
 * (Goldberg and Nivre 2013, arc-hybrid). `gold[d]` is d's gold head; `deps[h]` its gold dependents.
 * Exact for projective trees; for non-projective ones the moves of least cost are still followed.
 */
export function moveCosts(st: ParseState, gold: Int32Array, deps: readonly (readonly number[])[], out: Int32Array): void {
  const s0 = st.s(0);
  const s1 = st.s(1);
  const b0 = st.b0;
  const n = st.n;
  out.fill(0, 0, MOVES);
  if (st.valid(SHIFT)) {
    let c = 0;
    const g = gold[b0]!;
    for (let i = 0; i < st.sp; i++) {
      const s = st.stack[i]!;
      if (s !== s0 && g === s) c++;
      if (s !== 0 && gold[s] === b0) c++;
    }
    out[SHIFT] = c;
  } else out[SHIFT] = 1 << 20;
  if (s0 > 0) {
    let inBuffer = 0;
    for (const d of deps[s0]!) if (d >= b0 && st.heads[d] === -1) inBuffer++;
    const g = gold[s0]!;
    const headInBuffer = g >= b0 && g <= n;
    out[LEFT] = st.valid(LEFT) ? inBuffer + ((g === s1 || (headInBuffer && g !== b0)) ? 1 : 0) : 1 << 20;
    out[RIGHT] = st.valid(RIGHT) ? inBuffer + (headInBuffer ? 1 : 0) : 1 << 20;
  } else {
    out[LEFT] = 1 << 20;
    out[RIGHT] = 1 << 20;
  }
}

/** The static oracle's move sequence for a projective tree (used to check the system). */
export function oracleMoves(gold: Int32Array, n: number): number[] {
  const deps: number[][] = Array.from({ length: n + 1 }, () => []);
  for (let d = 1; d <= n; d++) deps[gold[d]!]!.push(d);
  const st = new ParseState(n);
  const costs = new Int32Array(MOVES);
  const moves: number[] = [];
  while (!st.done) {
    moveCosts(st, gold, deps, costs);
    let best = -1;
    for (let m = 0; m < MOVES; m++) if (st.valid(m) && (best < 0 || costs[m]! < costs[best]!)) best = m;
    moves.push(best);
    st.apply(best);
  }
  return moves;
}
