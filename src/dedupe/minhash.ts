/**
 * Near-duplicate detection: word 5-shingles, a 128-value MinHash signature, and LSH banding
 * (32 bands x 4 rows) so candidates are found by lookup, never by comparing all pairs.
 * With these bands a pair at Jaccard 0.7 becomes a candidate with probability > 0.999 and a
 * pair at 0.3 with about 0.23; every candidate is then checked against the threshold.
 */
export const NUM_HASHES = 128;
export const BANDS = 32;
export const ROWS = NUM_HASHES / BANDS;
export const SHINGLE_WORDS = 5;
/** Estimated Jaccard similarity at or above which an article is stored as a copy of an earlier one. */
export const DEFAULT_THRESHOLD = 0.7;

const MERSENNE = 0xffffffff;

/** Deterministic per-hash coefficients (a small LCG), identical in every run and process. */
const COEFFS: { a: number; b: number }[] = (() => {
  let seed = 0x2545f491;
  const next = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed;
  };
  return Array.from({ length: NUM_HASHES }, () => ({ a: next() | 1, b: next() }));
})();

/** 32-bit FNV-1a over a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Lower-cased word tokens (letters and digits, any script). */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function shingles(text: string, k = SHINGLE_WORDS): Set<number> {
  const w = words(text);
  const out = new Set<number>();
  if (w.length === 0) return out;
  if (w.length < k) {
    out.add(fnv1a(w.join(' ')));
    return out;
  }
  for (let i = 0; i + k <= w.length; i++) out.add(fnv1a(w.slice(i, i + k).join(' ')));
  return out;
}

export function signature(text: string): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(MERSENNE);
  for (const s of shingles(text)) {
    for (let i = 0; i < NUM_HASHES; i++) {
      const c = COEFFS[i]!;
      const h = (Math.imul(c.a, s) + c.b) >>> 0;
      // Mix once more so that nearby shingle hashes do not give correlated minima.
      const x = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
      if (x < sig[i]!) sig[i] = x;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity: the share of positions where the signatures agree. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (a[i] === b[i]) same++;
  return same / NUM_HASHES;
}

/** One key per band; two signatures sharing any key are candidates. Keys are non-negative 32-bit ints. */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) {
      h ^= sig[b * ROWS + r]!;
      h = Math.imul(h, 0x01000193);
    }
    keys.push(h >>> 0);
  }
  return keys;
}

export function signatureToBuffer(sig: Uint32Array): Buffer {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

export function signatureFromBuffer(buf: Uint8Array): Uint32Array {
  const copy = new Uint8Array(buf);
  return new Uint32Array(copy.buffer, 0, copy.byteLength / 4);
}

/** An in-memory LSH index (used for the articles of a batch not yet committed, and in tests). */
export class LshIndex {
  private readonly buckets = new Map<string, string[]>();
  private readonly sigs = new Map<string, Uint32Array>();

  add(id: string, sig: Uint32Array): void {
    this.sigs.set(id, sig);
    bandKeys(sig).forEach((k, band) => {
      const key = `${band}:${k}`;
      const list = this.buckets.get(key);
      if (list) list.push(id);
      else this.buckets.set(key, [id]);
    });
  }

  candidates(sig: Uint32Array): Map<string, Uint32Array> {
    const out = new Map<string, Uint32Array>();
    bandKeys(sig).forEach((k, band) => {
      for (const id of this.buckets.get(`${band}:${k}`) ?? []) out.set(id, this.sigs.get(id)!);
    });
    return out;
  }

  remove(id: string): void {
    const sig = this.sigs.get(id);
    if (!sig) return;
    this.sigs.delete(id);
    bandKeys(sig).forEach((k, band) => {
      const key = `${band}:${k}`;
      const rest = (this.buckets.get(key) ?? []).filter((x) => x !== id);
      if (rest.length) this.buckets.set(key, rest);
      else this.buckets.delete(key);
    });
  }

  clear(): void {
    this.buckets.clear();
    this.sigs.clear();
  }
}
