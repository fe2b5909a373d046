/** Precision, recall and F1 from counts, printed the same way everywhere in the eval. */
export interface Prf {
  readonly tp: number;
  readonly predicted: number;
  readonly gold: number;
}

export function prf(tpPredicted: number, predicted: number, tpGold: number, gold: number): { p: number; r: number; f: number } {
  const p = predicted ? tpPredicted / predicted : 0;
  const r = gold ? tpGold / gold : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

export function formatPrf(label: string, tpPredicted: number, predicted: number, tpGold: number, gold: number): string {
  const { p, r, f } = prf(tpPredicted, predicted, tpGold, gold);
  const pc = (x: number) => `${(100 * x).toFixed(1)}`.padStart(5);
  return `  ${label.padEnd(34)} P ${pc(p)}  R ${pc(r)}  F1 ${pc(f)}   (${tpPredicted}/${predicted} predicted, ${tpGold}/${gold} gold)`;
}

/** Offsets of the nth occurrence of text in body (raw, case-sensitive), or null (a gold error, reported). */
export function locate(body: string, text: string, occurrence = 1): { start: number; end: number } | null {
  let at = -1;
  for (let k = 0; k < occurrence; k++) {
    at = body.indexOf(text, at + 1);
    if (at < 0) return null;
  }
  return { start: at, end: at + text.length };
}

/**
 * Pairwise clustering agreement: over all pairs of items, how many share a predicted cluster, a
 * gold cluster, and both (precision = both / predicted, recall = both / gold).
 */
export function pairCounts(items: readonly { readonly predicted: string; readonly gold: string }[]): { samePredictedPairs: number; sameGoldPairs: number; sameBothPairs: number } {
  let samePredictedPairs = 0;
  let sameGoldPairs = 0;
  let sameBothPairs = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const sp = items[i]!.predicted === items[j]!.predicted;
      const sg = items[i]!.gold === items[j]!.gold;
      if (sp) samePredictedPairs++;
      if (sg) sameGoldPairs++;
      if (sp && sg) sameBothPairs++;
    }
  }
  return { samePredictedPairs, sameGoldPairs, sameBothPairs };
}

/** Recall per CAMEO root, "01 3/10 · 02 …", roots in order. */
export function rootRecallLine(byRoot: ReadonlyMap<string, readonly [number, number]>): string {
  const cells = [...byRoot].sort(([a], [b]) => a.localeCompare(b)).map(([root, [gold, hit]]) => `${root} ${hit}/${gold}`);
  return `  recall per root (found/gold)        ${cells.join(' · ')}`;
}

/** Overlap of two spans: shared characters over the characters either covers (1 for the same span). */
export function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return inter / Math.max(1, Math.max(a.end, b.end) - Math.min(a.start, b.start));
}
