/**
 * BCubed precision and recall (Bagga & Baldwin 1998; Amigó et al. 2009) of a clustering against
 * gold classes. For each item: precision is the share of its cluster that shares its gold class,
 * recall the share of its gold class that shares its cluster; both are averaged over items.
 * Items missing from either side are ignored (the two sides are scored on the items they share).
 */
export interface BCubed {
  readonly p: number;
  readonly r: number;
  readonly f: number;
  readonly items: number;
  readonly clusters: number;
  readonly classes: number;
}

export function bcubed(predicted: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>): BCubed {
  const cell = new Map<string, number>();
  const clusterSize = new Map<string, number>();
  const classSize = new Map<string, number>();
  const items: [string, string][] = [];
  for (const [item, c] of predicted) {
    const g = gold.get(item);
    if (g === undefined) continue;
    items.push([c, g]);
    const k = JSON.stringify([c, g]);
    cell.set(k, (cell.get(k) ?? 0) + 1);
    clusterSize.set(c, (clusterSize.get(c) ?? 0) + 1);
    classSize.set(g, (classSize.get(g) ?? 0) + 1);
  }
  if (!items.length) return { p: 0, r: 0, f: 0, items: 0, clusters: 0, classes: 0 };
  let p = 0;
  let r = 0;
  for (const [c, g] of items) {
    const both = cell.get(JSON.stringify([c, g]))!;
    p += both / clusterSize.get(c)!;
    r += both / classSize.get(g)!;
  }
  p /= items.length;
  r /= items.length;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0, items: items.length, clusters: clusterSize.size, classes: classSize.size };
}
