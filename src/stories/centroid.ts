/**
 * A story centroid packed as two parallel typed arrays sorted by term id: compact, and scored
 * against an article by one merge pass over both sorted lists (no hash lookups), which keeps
 * the per-candidate cost flat as the number of stories grows.
 */
export interface Packed {
  readonly ids: Int32Array;
  readonly tf: Float64Array;
}

export const EMPTY: Packed = { ids: new Int32Array(0), tf: new Float64Array(0) };

export function packPairs(pairs: readonly (readonly [number, number])[]): Packed {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  return { ids: Int32Array.from(sorted, ([t]) => t), tf: Float64Array.from(sorted, ([, x]) => x) };
}

/** Term-wise sum of two packed vectors. */
export function addPacked(a: Packed, b: Packed): Packed {
  const ids = new Int32Array(a.ids.length + b.ids.length);
  const tf = new Float64Array(ids.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.ids.length || j < b.ids.length) {
    const x = i < a.ids.length ? a.ids[i]! : Infinity;
    const y = j < b.ids.length ? b.ids[j]! : Infinity;
    if (x === y) {
      ids[k] = x;
      tf[k++] = a.tf[i++]! + b.tf[j++]!;
    } else if (x < y) {
      ids[k] = x;
      tf[k++] = a.tf[i++]!;
    } else {
      ids[k] = y;
      tf[k++] = b.tf[j++]!;
    }
  }
  return { ids: ids.slice(0, k), tf: tf.slice(0, k) };
}

/** Term-wise a − b, dropping terms that fall to zero (for moving articles out of a story). */
export function subtractPacked(a: Packed, b: Packed): Packed {
  const neg: Packed = { ids: b.ids, tf: b.tf.map((x) => -x) };
  const sum = addPacked(a, neg);
  const keep: number[] = [];
  sum.tf.forEach((x, i) => {
    if (x > 1e-9) keep.push(i);
  });
  return { ids: Int32Array.from(keep, (i) => sum.ids[i]!), tf: Float64Array.from(keep, (i) => sum.tf[i]!) };
}

/** Sum over shared terms of query weight x centroid tf; `q` sorted by id like the centroid. */
export function dotPacked(c: Packed, q: Packed): number {
  let dot = 0;
  let i = 0;
  let j = 0;
  const n = c.ids.length;
  const m = q.ids.length;
  while (i < n && j < m) {
    const x = c.ids[i]!;
    const y = q.ids[j]!;
    if (x === y) dot += c.tf[i++]! * q.tf[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

/** The `keep` heaviest terms by `weight(id, tf)` (ties by `key(id)`), back in id order. */
export function prunePacked(c: Packed, keep: number, weight: (id: number, tf: number) => number, key: (id: number) => string): Packed {
  if (c.ids.length <= keep) return c;
  const order = Array.from(c.ids, (id, i) => ({ id, tf: c.tf[i]!, w: weight(id, c.tf[i]!) }));
  order.sort((a, b) => b.w - a.w || (key(a.id) < key(b.id) ? -1 : key(a.id) > key(b.id) ? 1 : 0));
  return packPairs(order.slice(0, keep).map((x) => [x.id, x.tf] as const));
}
