/**
 * Multi-class linear models over hashed sparse features: the averaged perceptron that trains them
 * and the compact read-only form that runs them. A feature is a non-zero 32-bit hash; its weights
 * for every class it ever helped or hurt sit side by side, so scoring a transition reads a few
 * short contiguous runs.
 */

/** Open-addressing map from non-zero int32 keys to non-negative ints. */
export class FeatureTable {
  private keys: Int32Array;
  private vals: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    let cap = 1;
    while (cap < capacity * 2) cap <<= 1;
    this.keys = new Int32Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
  }

  get(key: number): number {
    const { keys, mask } = this;
    let i = (key ^ (key >>> 15)) & mask;
    for (;;) {
      const k = keys[i]!;
      if (k === key) return this.vals[i]!;
      if (k === 0) return -1;
      i = (i + 1) & mask;
    }
  }

  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const { keys, mask } = this;
    let i = (key ^ (key >>> 15)) & mask;
    for (;;) {
      const k = keys[i]!;
      if (k === key) {
        this.vals[i] = value;
        return;
      }
      if (k === 0) {
        keys[i] = key;
        this.vals[i] = value;
        this.size++;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  forEach(visit: (key: number, value: number) => void): void {
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== 0) visit(this.keys[i]!, this.vals[i]!);
  }

  private grow(): void {
    const { keys, vals } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.vals = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.set(keys[i]!, vals[i]!);
  }
}

/** Features of one decision: hashes in `ids[0..n)`. */
export interface FeatureVector {
  readonly ids: Int32Array;
  n: number;
}

export function featureVector(capacity: number): FeatureVector {
  return { ids: new Int32Array(capacity), n: 0 };
}

/**
 * A trained model: for each known feature, its non-zero (class, weight) pairs. At run time the
 * features live in one open-addressing table whose slot holds the key and, beside it, either the
 * weights themselves (models of up to 3 classes: one cache line read per feature) or where the
 * feature's pairs start; a transition reads about a hundred features at random, so each saved
 * memory access counts.
 */
export class LinearModel {
  private readonly mask: number;
  /** Slots of STRIDE ints: key, then weights (inline) or [pair start, pair end]. */
  private readonly slots: Int32Array;
  private readonly slotWeights: Float32Array;
  private readonly inline: boolean;
  private readonly stride: number;

  constructor(
    readonly nClasses: number,
    /** Feature hash of each row. */
    readonly keys: Int32Array,
    /** Row r's pairs are [rowStart[r], rowStart[r+1]). */
    readonly rowStart: Int32Array,
    readonly cls: Uint8Array,
    readonly weights: Float32Array,
  ) {
    if (nClasses > 256) throw new Error('LinearModel: at most 256 classes');
    this.inline = nClasses <= 3;
    this.stride = 4;
    let cap = 1;
    while (cap < keys.length * 1.6) cap <<= 1;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * this.stride);
    this.slotWeights = new Float32Array(this.slots.buffer);
    for (let r = 0; r < keys.length; r++) {
      const key = keys[r]!;
      let i = (key ^ (key >>> 15)) & this.mask;
      while (this.slots[i * this.stride] !== 0) i = (i + 1) & this.mask;
      const at = i * this.stride;
      this.slots[at] = key;
      if (this.inline) for (let k = rowStart[r]!; k < rowStart[r + 1]!; k++) this.slotWeights[at + 1 + cls[k]!] = weights[k]!;
      else {
        this.slots[at + 1] = rowStart[r]!;
        this.slots[at + 2] = rowStart[r + 1]!;
      }
    }
  }

  /** scores[c] = sum of the weights of the present features for class c. */
  score(f: FeatureVector, scores: Float32Array): void {
    scores.fill(0, 0, this.nClasses);
    const { ids } = f;
    const { slots, slotWeights, mask, cls, weights } = this;
    const inline = this.inline;
    for (let i = 0; i < f.n; i++) {
      const key = ids[i]!;
      let j = (key ^ (key >>> 15)) & mask;
      for (;;) {
        const at = j << 2;
        const k = slots[at]!;
        if (k === key) {
          if (inline) {
            scores[0]! += slotWeights[at + 1]!;
            scores[1]! += slotWeights[at + 2]!;
            scores[2]! += slotWeights[at + 3]!;
          } else {
            const end = slots[at + 2]!;
            for (let p = slots[at + 1]!; p < end; p++) scores[cls[p]!]! += weights[p]!;
          }
          break;
        }
        if (k === 0) break;
        j = (j + 1) & mask;
      }
    }
  }

  get pairs(): number {
    return this.weights.length;
  }
}

/**
 * The averaged perceptron (Collins 2002) with the lazy averaging of Daumé (2006): `w` holds the
 * current weights, `u` the clock-weighted sum of updates, and the average is w - u / clock.
 */
export class PerceptronTrainer {
  private readonly table = new FeatureTable(1 << 18);
  private w: Float32Array;
  private u: Float64Array;
  private rows = 0;
  /** Decisions seen so far (the averaging clock). */
  clock = 1;

  constructor(readonly nClasses: number) {
    this.w = new Float32Array(nClasses * (1 << 16));
    this.u = new Float64Array(nClasses * (1 << 16));
  }

  /** Current (not averaged) scores, used while training. */
  score(f: FeatureVector, scores: Float32Array): void {
    const C = this.nClasses;
    scores.fill(0, 0, C);
    for (let i = 0; i < f.n; i++) {
      const r = this.table.get(f.ids[i]!);
      if (r < 0) continue;
      const base = r * C;
      for (let c = 0; c < C; c++) scores[c]! += this.w[base + c]!;
    }
  }

  /** Averaged scores (for checking progress on held-out data without finalising). */
  scoreAveraged(f: FeatureVector, scores: Float32Array): void {
    const C = this.nClasses;
    scores.fill(0, 0, C);
    for (let i = 0; i < f.n; i++) {
      const r = this.table.get(f.ids[i]!);
      if (r < 0) continue;
      const base = r * C;
      for (let c = 0; c < C; c++) scores[c]! += this.w[base + c]! - this.u[base + c]! / this.clock;
    }
  }

  /** One decision seen: advance the averaging clock. */
  tick(): void {
    this.clock++;
  }

  /** Move weight from the wrong class to the right one on every present feature. */
  update(f: FeatureVector, truth: number, guess: number, step = 1): void {
    if (truth === guess) return;
    const C = this.nClasses;
    const cu = this.clock * step;
    for (let i = 0; i < f.n; i++) {
      const base = this.row(f.ids[i]!) * C;
      this.w[base + truth]! += step;
      this.u[base + truth]! += cu;
      this.w[base + guess]! -= step;
      this.u[base + guess]! -= cu;
    }
  }

  /**
   * Add `step` to one class's weight on every present feature, at the current clock (the structured
   * perceptron's update: +1 along the gold prefix, -1 along the predicted one).
   */
  adjust(f: FeatureVector, cls: number, step: number): void {
    const C = this.nClasses;
    const cu = this.clock * step;
    for (let i = 0; i < f.n; i++) {
      const at = this.row(f.ids[i]!) * C + cls;
      this.w[at]! += step;
      this.u[at]! += cu;
    }
  }

  private row(key: number): number {
    let r = this.table.get(key);
    if (r >= 0) return r;
    r = this.rows++;
    this.table.set(key, r);
    if (this.rows * this.nClasses > this.w.length) {
      const w = new Float32Array(this.w.length * 2);
      w.set(this.w);
      this.w = w;
      const u = new Float64Array(this.u.length * 2);
      u.set(this.u);
      this.u = u;
    }
    return r;
  }

  /** The averaged weights as a compact model; weights whose magnitude is below `prune` are dropped. */
  finalize(keysInOrder: (visit: (key: number, row: number) => void) => void = (v) => this.forEachRow(v), prune = 1e-3): LinearModel {
    const C = this.nClasses;
    const keys: number[] = [];
    const rowStart: number[] = [0];
    const cls: number[] = [];
    const weights: number[] = [];
    keysInOrder((key, r) => {
      const base = r * C;
      let any = false;
      for (let c = 0; c < C; c++) {
        const a = this.w[base + c]! - this.u[base + c]! / this.clock;
        if (Math.abs(a) < prune) continue;
        cls.push(c);
        weights.push(a);
        any = true;
      }
      if (!any) return;
      keys.push(key);
      rowStart.push(cls.length);
    });
    return new LinearModel(C, Int32Array.from(keys), Int32Array.from(rowStart), Uint8Array.from(cls), Float32Array.from(weights));
  }

  /** Rows in the order they were created (deterministic for a deterministic training run). */
  private forEachRow(visit: (key: number, row: number) => void): void {
    const keyOf = new Int32Array(this.rows);
    this.table.forEach((k, r) => {
      keyOf[r] = k;
    });
    for (let r = 0; r < this.rows; r++) visit(keyOf[r]!, r);
  }
}
