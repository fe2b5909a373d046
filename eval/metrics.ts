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
