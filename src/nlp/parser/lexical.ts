import { hashString } from './hash.js';

/** Per-token string hashes computed once per sentence and shared by the tagger and the parser. */
export interface LexicalHashes {
  /** Lower-cased form, digits as 0. */
  readonly word: Int32Array;
  /** The form as written. */
  readonly cased: Int32Array;
  readonly suf2: Int32Array;
  readonly suf3: Int32Array;
  readonly suf4: Int32Array;
  readonly pre1: Int32Array;
  readonly pre3: Int32Array;
  /** Word shape: Xx, dd, x-x ... (runs collapsed), capped length. */
  readonly shape: Int32Array;
  /** Coarse and fine word-cluster ids + 1 (0: the word is not in the cluster table). */
  readonly c1: Int32Array;
  readonly c2: Int32Array;
}

/** Word (lower-cased) -> coarse id << 16 | fine id. */
export type ClusterTable = ReadonlyMap<string, number>;

export function normalizeWord(form: string): string {
  const lower = form.toLowerCase();
  return /\d/.test(lower) ? lower.replace(/\d/g, '0') : lower;
}

export function wordShape(form: string): string {
  let out = '';
  let last = '';
  for (const ch of form) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\d/.test(ch) ? 'd' : ch;
    if (c === last) continue;
    out += c;
    last = c;
    if (out.length >= 6) break;
  }
  return out;
}

export function lexicalHashes(forms: readonly string[], clusters?: ClusterTable): LexicalHashes {
  const n = forms.length;
  const h = {
    word: new Int32Array(n), cased: new Int32Array(n), suf2: new Int32Array(n), suf3: new Int32Array(n), suf4: new Int32Array(n),
    pre1: new Int32Array(n), pre3: new Int32Array(n), shape: new Int32Array(n), c1: new Int32Array(n), c2: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const f = forms[i]!;
    const w = normalizeWord(f);
    const c = clusters?.get(f.toLowerCase()) ?? clusters?.get(w);
    if (c !== undefined) {
      h.c1[i] = (c >>> 16) + 1;
      h.c2[i] = (c & 0xffff) + 1;
    }
    h.word[i] = hashString(w);
    h.cased[i] = hashString(f);
    h.suf2[i] = hashString(w.slice(-2));
    h.suf3[i] = hashString(w.slice(-3));
    h.suf4[i] = hashString(w.slice(-4));
    h.pre1[i] = hashString(f.slice(0, 1));
    h.pre3[i] = hashString(w.slice(0, 3));
    h.shape[i] = hashString(wordShape(f));
  }
  return h;
}
