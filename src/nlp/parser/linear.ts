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

/** The class with the highest score among the first n (ties: the lowest), never `skip`. */
export function argmax(scores: Float32Array, n: number, skip = -1): number {
  let best = -1;
  for (let c = 0; c < n; c++) if (c !== skip && (best < 0 || scores[c]! > scores[best]!)) best = c;
  return best;
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
/** A LinearModel's arrays, lookup table included (see `sharedTables`). */
export interface LinearTables {
  readonly nClasses: number;
  readonly keys: Int32Array;
  readonly rowStart: Int32Array;
  readonly cls: Uint8Array;
  readonly weights: Float32Array;
  readonly slots: Int32Array;
}

export class LinearModel {
  private readonly mask: number;
  /** Slots of STRIDE ints: key, then weights (inline) or [pair start, pair end]. */
  private readonly slots: Int32Array;
  private readonly slotWeights: Float32Array;
  private readonly inline: boolean;
  private readonly stride: number;
  /** Scratch for score(): where each feature was found; which features missed the cache. */
  private found = new Int32Array(256);
  private miss = new Int32Array(256);
  private readonly sub: FeatureVector = { ids: new Int32Array(MAX_FEATURES_PER_CALL), n: 0 };
  /** The three-class cache (see scoreInline). */
  private readonly cacheKey = new Int32Array(CACHE_MASK + 1);
  private readonly cacheW = new Float32Array((CACHE_MASK + 1) * 4);

  constructor(
    readonly nClasses: number,
    /** Feature hash of each row. */
    readonly keys: Int32Array,
    /** Row r's pairs are [rowStart[r], rowStart[r+1]). */
    readonly rowStart: Int32Array,
    readonly cls: Uint8Array,
    readonly weights: Float32Array,
    /** The lookup table built from the rows (`sharedTables().slots`), when another model already built it; 'shared': build it in shared memory. */
    slots?: Int32Array | 'shared',
  ) {
    if (nClasses > 256) throw new Error('LinearModel: at most 256 classes');
    this.inline = nClasses <= 3;
    this.stride = 4;
    const cap = tableCapacity(keys.length);
    this.mask = cap - 1;
    if (slots && slots !== 'shared') {
      if (slots.length !== cap * this.stride) throw new Error('LinearModel: a lookup table of the wrong size for these rows');
      this.slots = slots;
      this.slotWeights = new Float32Array(slots.buffer, slots.byteOffset, slots.length);
      return;
    }
    this.slots = slots === 'shared' ? new Int32Array(new SharedArrayBuffer(cap * this.stride * 4)) : new Int32Array(cap * this.stride);
    this.slotWeights = new Float32Array(this.slots.buffer);
    for (let r = 0; r < keys.length; r++) {
      const key = keys[r]!;
      let i = homeSlot(key, this.mask);
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

  /**
   * Its arrays copied into shared memory: a worker thread given them (a structured clone shares
   * a SharedArrayBuffer instead of copying it) builds the same model with `fromTables` at no cost,
   * so N threads hold one copy of the weights instead of N.
   */
  sharedTables(): LinearTables {
    const share = <T extends Int32Array | Uint8Array | Float32Array>(a: T, make: (b: SharedArrayBuffer) => T): T => {
      if (a.buffer instanceof SharedArrayBuffer) return a; // loaded into shared memory already
      const out = make(new SharedArrayBuffer(a.byteLength));
      out.set(a as never);
      return out;
    };
    return {
      nClasses: this.nClasses,
      keys: share(this.keys, (b) => new Int32Array(b)),
      rowStart: share(this.rowStart, (b) => new Int32Array(b)),
      cls: share(this.cls, (b) => new Uint8Array(b)),
      weights: share(this.weights, (b) => new Float32Array(b)),
      slots: share(this.slots, (b) => new Int32Array(b)),
    };
  }

  static fromTables(t: LinearTables): LinearModel {
    return new LinearModel(t.nClasses, t.keys, t.rowStart, t.cls, t.weights, t.slots);
  }

  /**
   * scores[c] = sum of the weights of the present features for class c. The first pass only reads
   * each feature's home slot key, with no dependency between features, so the CPU can have many of
   * those cache misses in flight at once; probing past a collision and adding weights come after.
   */
  score(f: FeatureVector, scores: Float32Array): void {
    if (this.inline) {
      this.scoreInline(f, scores);
      return;
    }
    scores.fill(0, 0, this.nClasses);
    const n = f.n;
    const { slots, cls, weights } = this;
    const found = this.locate(f);
    for (let i = 0; i < n; i++) {
      const at = found[i]!;
      if (at < 0) continue;
      const end = slots[at + 2]!;
      for (let p = slots[at + 1]!; p < end; p++) scores[cls[p]!]! += weights[p]!;
    }
  }

  /**
   * Where each feature's slot is (-1: not in the model). The first pass only reads each feature's
   * home slot, with no dependency between features, so the CPU can have many of those cache misses
   * in flight at once; probing past a collision comes after.
   */
  private locate(f: FeatureVector): Int32Array {
    const { ids } = f;
    const n = f.n;
    const { slots, mask } = this;
    const found = this.found.length >= n ? this.found : (this.found = new Int32Array(n * 2));
    for (let i = 0; i < n; i++) {
      const key = ids[i]!;
      const at = homeSlot(key, mask) << 2;
      found[i] = slots[at] === key ? at : slots[at] === 0 ? -1 : -2 - at;
    }
    for (let i = 0; i < n; i++) {
      const at = found[i]!;
      if (at >= -1) continue;
      // Collision at the home slot: probe on.
      const key = ids[i]!;
      let j = (-2 - at) >> 2;
      found[i] = -1;
      for (;;) {
        j = (j + 1) & mask;
        const k = slots[j << 2]!;
        if (k === key) {
          found[i] = j << 2;
          break;
        }
        if (k === 0) break;
      }
    }
    return found;
  }

  /**
   * Three-class scoring (the transition classifier) through a small direct-mapped cache of recent
   * features' weights: the items of a beam, and successive moves, read many of the same features,
   * and the cache (a few hundred kB) stays in the CPU's cache where the whole table cannot. Keyed by
   * feature hash and bounded, so it never grows.
   */
  private scoreInline(f: FeatureVector, scores: Float32Array): void {
    const { ids } = f;
    const n = f.n;
    const { cacheKey, cacheW, slotWeights } = this;
    let s0 = 0, s1 = 0, s2 = 0;
    let misses = 0;
    const miss = this.miss.length >= n ? this.miss : (this.miss = new Int32Array(n * 2));
    for (let i = 0; i < n; i++) {
      const key = ids[i]!;
      const c = (key >>> 12) & CACHE_MASK;
      if (cacheKey[c] === key) {
        const b = c << 2;
        s0 += cacheW[b]!;
        s1 += cacheW[b + 1]!;
        s2 += cacheW[b + 2]!;
      } else miss[misses++] = i;
    }
    if (misses > 0) {
      const sub = this.sub;
      sub.n = 0;
      for (let m = 0; m < misses; m++) sub.ids[sub.n++] = ids[miss[m]!]!;
      const found = this.locate(sub);
      for (let m = 0; m < misses; m++) {
        const key = sub.ids[m]!;
        const at = found[m]!;
        const c = (key >>> 12) & CACHE_MASK;
        const b = c << 2;
        cacheKey[c] = key;
        if (at < 0) {
          cacheW[b] = 0;
          cacheW[b + 1] = 0;
          cacheW[b + 2] = 0;
          continue;
        }
        const w0 = slotWeights[at + 1]!, w1 = slotWeights[at + 2]!, w2 = slotWeights[at + 3]!;
        cacheW[b] = w0;
        cacheW[b + 1] = w1;
        cacheW[b + 2] = w2;
        s0 += w0;
        s1 += w1;
        s2 += w2;
      }
    }
    scores[0] = s0;
    scores[1] = s1;
    scores[2] = s2;
  }

  get pairs(): number {
    return this.weights.length;
  }

  /**
   * The model without the features whose every weight is below `min` in magnitude: features seen
   * in too few updates to matter. At 1, the transition and label classifiers lose about 60 % of
   * their features and 0.05 dev UAS.
   */
  pruned(min: number): LinearModel {
    const keys: number[] = [];
    const rowStart: number[] = [0];
    const cls: number[] = [];
    const weights: number[] = [];
    for (let r = 0; r < this.keys.length; r++) {
      const a = this.rowStart[r]!, b = this.rowStart[r + 1]!;
      let max = 0;
      for (let k = a; k < b; k++) max = Math.max(max, Math.abs(this.weights[k]!));
      if (max < min) continue;
      for (let k = a; k < b; k++) {
        cls.push(this.cls[k]!);
        weights.push(this.weights[k]!);
      }
      keys.push(this.keys[r]!);
      rowStart.push(cls.length);
    }
    return new LinearModel(this.nClasses, Int32Array.from(keys), Int32Array.from(rowStart), Uint8Array.from(cls), Float32Array.from(weights));
  }

  /**
   * The same model with its rows in the order of their home slots in the run-time table, so that
   * loading fills the table front to back instead of at random (several times faster for millions
   * of features). Scores are unchanged.
   */
  inSlotOrder(): LinearModel {
    const n = this.keys.length;
    const mask = tableCapacity(n) - 1;
    // Counting sort of rows by home slot.
    const count = new Int32Array(mask + 2);
    for (let r = 0; r < n; r++) count[homeSlot(this.keys[r]!, mask) + 1]!++;
    for (let i = 1; i < count.length; i++) count[i]! += count[i - 1]!;
    const order = new Int32Array(n);
    for (let r = 0; r < n; r++) order[count[homeSlot(this.keys[r]!, mask)]!++] = r;
    const keys = new Int32Array(n);
    const rowStart = new Int32Array(n + 1);
    const cls = new Uint8Array(this.cls.length);
    const weights = new Float32Array(this.weights.length);
    let at = 0;
    for (let k = 0; k < n; k++) {
      const r = order[k]!;
      keys[k] = this.keys[r]!;
      const a = this.rowStart[r]!, b = this.rowStart[r + 1]!;
      cls.set(this.cls.subarray(a, b), at);
      weights.set(this.weights.subarray(a, b), at);
      at += b - a;
      rowStart[k + 1] = at;
    }
    return new LinearModel(this.nClasses, keys, rowStart, cls, weights);
  }
}

/** Entries of the three-class model's feature cache (16,384: 320 kB). */
const CACHE_MASK = (1 << 14) - 1;
/** The most features one score() call may pass. */
const MAX_FEATURES_PER_CALL = 1024;

/** Slots in the run-time table for `rows` features (a power of two, at most ~62 % full). */
export function tableCapacity(rows: number): number {
  let cap = 1;
  while (cap < rows * 1.6) cap <<= 1;
  return cap;
}

const homeSlot = (key: number, mask: number) => (key ^ (key >>> 15)) & mask;

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
    this.accumulate(f, scores, false);
  }

  /** Averaged scores (for checking progress on held-out data without finalising). */
  scoreAveraged(f: FeatureVector, scores: Float32Array): void {
    this.accumulate(f, scores, true);
  }

  private accumulate(f: FeatureVector, scores: Float32Array, averaged: boolean): void {
    const C = this.nClasses;
    scores.fill(0, 0, C);
    for (let i = 0; i < f.n; i++) {
      const r = this.table.get(f.ids[i]!);
      if (r < 0) continue;
      const base = r * C;
      if (averaged) for (let c = 0; c < C; c++) scores[c]! += this.w[base + c]! - this.u[base + c]! / this.clock;
      else for (let c = 0; c < C; c++) scores[c]! += this.w[base + c]!;
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
