/**
 * 32-bit hashing for sparse features: strings are hashed once per token (FNV-1a), and a feature is
 * a template number mixed with a few such hashes, so no feature string is ever built.
 */

export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

const M1 = 0xcc9e2d51;
const M2 = 0x1b873593;

function round(h: number, k: number): number {
  k = Math.imul(k, M1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, M2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  // 0 marks an empty slot in the feature table.
  return h === 0 ? 1 : h;
}

export const mix1 = (t: number, a: number): number => finish(round(round(0x9747b28c, t), a));
export const mix2 = (t: number, a: number, b: number): number => finish(round(round(round(0x9747b28c, t), a), b));
export const mix3 = (t: number, a: number, b: number, c: number): number => finish(round(round(round(round(0x9747b28c, t), a), b), c));
