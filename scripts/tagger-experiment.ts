import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConllu } from '../src/nlp/conllu.js';
import { mix1, mix2, mix3 } from '../src/nlp/parser/hash.js';
import { lexicalHashes, type LexicalHashes } from '../src/nlp/parser/lexical.js';
import { featureVector, type FeatureVector, type LinearModel, PerceptronTrainer } from '../src/nlp/parser/linear.js';
import { inventory, seededRandom, shuffled, type GoldSentence } from '../src/nlp/parser/train.js';

/**
 * Tagger experiments (`node dist/scripts/tagger-experiment.js`): trains on EWT+GUM train (with word
 * clusters), prints dev XPOS/UPOS per epoch; never reads the test files. Variant via env V, comma
 * flags: ext, ext2 (more context templates), caps (all-caps sentences), joint (one classifier over
 * fine|universal pairs), twopass (a second left-to-right pass reading the first pass's tags; K
 * jackknife folds, E1 first-pass epochs), r2l (the first pass runs right to left), small1 (reduced
 * first-pass templates, DROP). E: epochs, MINE: first epoch printed. The shipped tagger is
 * V=twopass,r2l,joint,small1 E1=6 E=6 (src/nlp/parser/tagger.ts, train.ts).
 */
const V = new Set((process.env.V ?? '').split(',').filter(Boolean));
const EPOCHS = Number(process.env.E ?? 8);
const dir = '/work/shared/datasets/ud-english';
function readGold(path: string): GoldSentence[] {
  return readConllu(readFileSync(path, 'utf8'))
    .filter((s) => s.words.every((w) => w.head >= 0))
    .map((s) => ({ forms: s.words.map((w) => w.form), xpos: s.words.map((w) => w.xpos), upos: s.words.map((w) => w.upos), head: s.words.map((w) => w.head), deprel: s.words.map((w) => w.deprel) }));
}
function readClusters(path: string): Map<string, number> {
  const out = new Map<string, number>();
  if (!existsSync(path)) return out;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [w, c, f] = line.split('\t');
    if (w && !out.has(w)) out.set(w, (Number(c) << 16) | Number(f));
  }
  return out;
}
const clusters = readClusters('/work/wt-d/data/models/word-clusters.tsv');
const train = ['en_ewt-ud-train.conllu', 'en_gum-ccby-ud-train.conllu'].flatMap((f) => readGold(join(dir, f)));
const devSets = ['en_ewt-ud-dev.conllu', 'en_gum-ccby-ud-dev.conllu'].map((f) => readGold(join(dir, f)));
const xposTags = inventory(train.flatMap((s) => s.xpos));
const uposTags = inventory(train.flatMap((s) => s.upos));
const xIndex = new Map(xposTags.map((t, i) => [t, i]));
const uIndex = new Map(uposTags.map((t, i) => [t, i]));
// joint classes
const pairs = inventory(train.flatMap((s) => s.xpos.map((x, i) => `${x}|${s.upos[i]}`)));
const pIndex = new Map(pairs.map((t, i) => [t, i]));
const pairX = pairs.map((p) => xIndex.get(p.split('|')[0]!)!);
const pairU = pairs.map((p) => uIndex.get(p.split('|')[1]!)!);

interface Lx extends LexicalHashes { caps: number; suf1: Int32Array }
function lexOf(forms: readonly string[]): Lx {
  const h = lexicalHashes(forms, clusters) as Lx;
  let letters = 0, upper = 0;
  for (const f of forms) if (/\p{L}/u.test(f)) { letters++; if (f === f.toUpperCase() && f.length > 1) upper++; }
  h.caps = letters >= 3 && upper / letters > 0.6 ? 1 : 0;
  h.suf1 = Int32Array.from(forms.map((f) => f.slice(-1).toLowerCase().charCodeAt(0) | 0));
  return h;
}

const R2L = V.has('r2l');
const revCache = new WeakMap<Lx, Lx>();
function rev(l: Lx): Lx {
  let r = revCache.get(l);
  if (r) return r;
  const o: Record<string, unknown> = { caps: l.caps };
  for (const [k, v] of Object.entries(l)) if (v instanceof Int32Array) o[k] = v.slice().reverse();
  r = o as unknown as Lx;
  revCache.set(l, r);
  return r;
}
const revS = (s: GoldSentence): GoldSentence => ({ forms: [...s.forms].reverse(), xpos: [...s.xpos].reverse(), upos: [...s.upos].reverse(), head: s.head, deprel: s.deprel });
const SMALL1 = new Set(V.has('small1') ? (process.env.DROP ?? '7,15,16,18,22,23,24,27,28,29,30,31').split(',').map(Number) : []);
function feats(lex: Lx, i: number, prev1: number, prev2: number, nx1: number, nx2: number, self1: number, pass: number, out: FeatureVector): void {
  const n = lex.word.length;
  const ids = out.ids;
  let k = 0;
  const W = lex.word;
  const at = (a: Int32Array, j: number, edge: number) => (j < 0 ? edge : j >= n ? edge + 1 : a[j]!);
  const keep = (t: number) => !(pass === 1 && SMALL1.has(t));
  {
  if (keep(1)) ids[k++] = mix1(1, 0);
  if (keep(2)) ids[k++] = mix1(2, W[i]!);
  if (keep(3)) ids[k++] = mix1(3, V.has('caps') && lex.caps ? W[i]! : lex.cased[i]!);
  if (keep(4)) ids[k++] = mix1(4, lex.suf2[i]!);
  if (keep(5)) ids[k++] = mix1(5, lex.suf3[i]!);
  if (keep(6)) ids[k++] = mix1(6, lex.suf4[i]!);
  if (keep(7)) ids[k++] = mix1(7, lex.pre1[i]!);
  if (keep(8)) ids[k++] = mix1(8, lex.pre3[i]!);
  if (keep(9)) ids[k++] = mix2(9, lex.shape[i]!, (i === 0 ? 1 : 0) + (V.has('caps') ? 2 * lex.caps : 0));
  if (keep(10)) ids[k++] = mix1(10, prev1);
  if (keep(11)) ids[k++] = mix1(11, prev2);
  if (keep(12)) ids[k++] = mix2(12, prev1, prev2);
  if (keep(13)) ids[k++] = mix2(13, prev1, W[i]!);
  if (keep(14)) ids[k++] = mix1(14, at(W, i - 1, -1));
  if (keep(15)) ids[k++] = mix1(15, at(lex.suf3, i - 1, -1));
  if (keep(16)) ids[k++] = mix1(16, at(W, i - 2, -1));
  if (keep(17)) ids[k++] = mix1(17, at(W, i + 1, -1));
  if (keep(18)) ids[k++] = mix1(18, at(lex.suf3, i + 1, -1));
  if (keep(19)) ids[k++] = mix1(19, at(W, i + 2, -1));
  if (keep(20)) ids[k++] = mix2(20, at(W, i - 1, -1), W[i]!);
  if (keep(21)) ids[k++] = mix2(21, W[i]!, at(W, i + 1, -1));
  if (keep(22)) ids[k++] = mix2(22, prev1, at(W, i + 1, -1));
  if (keep(23)) ids[k++] = mix1(23, at(lex.shape, i + 1, -1));
  if (keep(24)) ids[k++] = mix3(24, prev1, lex.suf3[i]!, at(lex.suf3, i + 1, -1));
  if (keep(25)) ids[k++] = mix1(25, lex.c2[i]!);
  if (keep(26)) ids[k++] = mix1(26, lex.c1[i]!);
  if (keep(27)) ids[k++] = mix2(27, prev1, lex.c2[i]!);
  if (keep(28)) ids[k++] = mix1(28, at(lex.c2, i - 1, -1));
  if (keep(29)) ids[k++] = mix1(29, at(lex.c2, i + 1, -1));
  if (keep(30)) ids[k++] = mix2(30, lex.c1[i]!, at(lex.c1, i + 1, -1));
  if (keep(31)) ids[k++] = mix2(31, lex.c2[i]!, lex.suf3[i]!);
  }
  if (V.has('ext')) {
    ids[k++] = mix1(50, at(lex.suf3, i + 2, -1));
    ids[k++] = mix2(51, at(lex.c2, i - 1, -1), lex.c2[i]!);
    ids[k++] = mix2(52, lex.c2[i]!, at(lex.c2, i + 1, -1));
    ids[k++] = mix1(53, at(lex.c1, i + 2, -1));
    ids[k++] = mix2(54, prev1, lex.suf3[i]!);
    ids[k++] = mix2(55, at(W, i - 1, -1), at(W, i + 1, -1));
    ids[k++] = mix1(56, at(lex.suf2, i - 1, -1));
  }
  if (V.has('ext2')) {
    ids[k++] = mix1(57, at(lex.shape, i - 1, -1));
    ids[k++] = mix2(58, prev2, W[i]!);
    ids[k++] = mix3(59, prev1, W[i]!, at(W, i + 1, -1));
    ids[k++] = mix1(60, lex.suf1[i]!);
  }
  if (V.has('first')) {
    // sentence-initial: lower-cased word with the fact of being first
    if (i === 0) ids[k++] = mix2(61, W[i]!, lex.c2[i]!);
  }
  if (pass === 2) {
    ids[k++] = mix1(70, nx1);
    ids[k++] = mix2(71, nx1, nx2);
    ids[k++] = mix2(72, nx1, W[i]!);
    ids[k++] = mix2(73, prev1, nx1);
    ids[k++] = mix2(74, self1, W[i]!);
    ids[k++] = mix1(75, self1);
    ids[k++] = mix3(76, prev1, self1, nx1);
    ids[k++] = mix2(77, nx1, lex.suf3[i]!);
  }
  out.n = k;
}

function uposFeats(lex: Lx, i: number, xpos: number, prevUpos: number, out: FeatureVector): void {
  const n = lex.word.length;
  const ids = out.ids;
  let k = 0;
  const W = lex.word;
  ids[k++] = mix1(40, xpos);
  ids[k++] = mix2(41, xpos, W[i]!);
  ids[k++] = mix2(42, xpos, prevUpos);
  ids[k++] = mix2(43, xpos, i + 1 < n ? W[i + 1]! : -2);
  ids[k++] = mix2(44, xpos, i > 0 ? W[i - 1]! : -1);
  ids[k++] = mix2(45, xpos, lex.suf3[i]!);
  ids[k++] = mix1(46, W[i]!);
  out.n = k;
}

const argmax = (s: Float32Array, n: number) => {
  let best = 0;
  for (let c = 1; c < n; c++) if (s[c]! > s[best]!) best = c;
  return best;
};
const JOINT = V.has('joint');
const NC = JOINT ? pairs.length : xposTags.length;
const gold = (s: GoldSentence, i: number) => (JOINT ? pIndex.get(`${s.xpos[i]}|${s.upos[i]}`) ?? 0 : xIndex.get(s.xpos[i]!) ?? 0);
const xOf = (c: number) => (JOINT ? pairX[c]! : c);

type Scorer = { score(f: FeatureVector, s: Float32Array): void };
const fv = featureVector(128);
const fu = featureVector(16);
const sc = new Float32Array(512);

/** tag one sentence with pass-1 model (and optionally pass 2); returns class ids */
function tagSent(lx: Lx, m1: Scorer, m2: Scorer | null): Int32Array {
  const n = lx.word.length;
  let t = new Int32Array(n);
  const l1 = R2L && m2 ? rev(lx) : lx;
  for (let i = 0; i < n; i++) {
    feats(l1, i, i > 0 ? xOf(t[i - 1]!) + 1 : 0, i > 1 ? xOf(t[i - 2]!) + 1 : 0, 0, 0, 0, 1, fv);
    m1.score(fv, sc);
    t[i] = argmax(sc, NC);
  }
  if (R2L && m2) t = t.reverse();
  if (!m2) return t;
  const t2 = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    feats(lx, i, i > 0 ? xOf(t2[i - 1]!) + 1 : 0, i > 1 ? xOf(t2[i - 2]!) + 1 : 0, i + 1 < n ? xOf(t[i + 1]!) + 1 : 0, i + 2 < n ? xOf(t[i + 2]!) + 1 : 0, xOf(t[i]!) + 1, 2, fv);
    m2.score(fv, sc);
    t2[i] = argmax(sc, NC);
  }
  return t2;
}

function trainPass(sents: readonly GoldSentence[], lex: Lx[], epochs: number, seed: number, pass: number, p1tags: Int32Array[] | null, onEpoch?: (e: number, tx: PerceptronTrainer, tu: PerceptronTrainer | null) => void): PerceptronTrainer {
  const rnd = seededRandom(seed);
  const tx = new PerceptronTrainer(NC);
  const tu = !JOINT && pass === (V.has('twopass') ? 2 : 1) ? new PerceptronTrainer(uposTags.length) : null;
  const order = sents.map((_, i) => i);
  for (let e = 0; e < epochs; e++) {
    for (const si of shuffled(order, rnd)) {
      const s = sents[si]!;
      const lx = lex[si]!;
      const p1 = p1tags?.[si];
      let a = 0, b = 0, pu = 0;
      const n = s.forms.length;
      for (let i = 0; i < n; i++) {
        const g = gold(s, i);
        if (pass === 2) feats(lx, i, a, b, i + 1 < n ? xOf(p1![i + 1]!) + 1 : 0, i + 2 < n ? xOf(p1![i + 2]!) + 1 : 0, xOf(p1![i]!) + 1, 2, fv);
        else feats(lx, i, a, b, 0, 0, 0, 1, fv);
        tx.score(fv, sc);
        const x = argmax(sc, NC);
        tx.update(fv, g, x);
        tx.tick();
        if (tu) {
          uposFeats(lx, i, x, pu, fu);
          tu.score(fu, sc);
          const u = argmax(sc, uposTags.length);
          tu.update(fu, uIndex.get(s.upos[i]!) ?? 0, u);
          tu.tick();
          pu = u + 1;
        }
        b = a;
        a = xOf(x) + 1;
      }
    }
    onEpoch?.(e + 1, tx, tu);
  }
  return tx;
}

function evaluate(m1: LinearModel, m2: LinearModel | null, mu: LinearModel | null): string {
  const res: string[] = [];
  let tw = 0, tx = 0, tu = 0;
  devSets.forEach((set, k) => {
    let w = 0, xc = 0, uc = 0;
    for (const s of set) {
      const lx = lexOf(s.forms);
      const t = tagSent(lx, m1, m2);
      let pu = 0;
      for (let i = 0; i < t.length; i++) {
        const x = xOf(t[i]!);
        let u: number;
        if (JOINT) u = pairU[t[i]!]!;
        else {
          uposFeats(lx, i, x, pu, fu);
          mu!.score(fu, sc);
          u = argmax(sc, uposTags.length);
        }
        pu = u + 1;
        w++;
        if (xposTags[x] === s.xpos[i]) xc++;
        else if (process.env.CONF) { const key = `${s.xpos[i]}->${xposTags[x]}`; conf.set(key, (conf.get(key) ?? 0) + 1); if (process.env.CONF === '2' && Math.random() < 0.01) console.log(s.forms.map((f, j) => (j === i ? `[${f}/${s.xpos[j]}->${xposTags[x]}]` : f)).join(' ')); }
        if (uposTags[u] === s.upos[i]) uc++;
      }
    }
    tw += w; tx += xc; tu += uc;
    res.push(`${k ? 'GUM' : 'EWT'} ${((100 * xc) / w).toFixed(2)}/${((100 * uc) / w).toFixed(2)}`);
  });
  if (process.env.CONF) console.log([...conf].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${k} ${v}`).join('; '));
  conf.clear();
  return `XPOS ${((100 * tx) / tw).toFixed(2)} UPOS ${((100 * tu) / tw).toFixed(2)}  (${res.join(', ')})`;
}

const conf = new Map<string, number>();
const t0 = performance.now();
const el = () => `${((performance.now() - t0) / 1000).toFixed(0)}s`;
const lex = train.map((s) => lexOf(s.forms));
console.log(`variant ${[...V].join(',') || 'base'} epochs ${EPOCHS}; classes ${NC}`);
if (!V.has('twopass')) {
  trainPass(train, lex, EPOCHS, 20261206, 1, null, (e, tx, tu) => {
    if (e < Number(process.env.MINE ?? 4)) return;
    console.log(`epoch ${e}: ${evaluate(tx.finalize(), null, tu?.finalize() ?? null)} ${el()}`);
  });
} else {
  // pass-1 tags for training pass 2: jackknifed in K folds
  const K = Number(process.env.K ?? 2);
  const E1 = Number(process.env.E1 ?? EPOCHS);
  const p1 = new Array<Int32Array>(train.length);
  for (let f = 0; f < K; f++) {
    const idx = train.map((_, i) => i).filter((i) => i % K !== f);
    const m = trainPass(idx.map((i) => (R2L ? revS(train[i]!) : train[i]!)), idx.map((i) => (R2L ? rev(lex[i]!) : lex[i]!)), E1, 7 + f, 1, null).finalize();
    train.forEach((_, i) => { if (i % K === f) p1[i] = tagSent(lex[i]!, m, null); });
    console.log(`fold ${f + 1} ${el()}`);
  }
  const m1 = trainPass(R2L ? train.map(revS) : train, R2L ? lex.map(rev) : lex, E1, 20261206, 1, null).finalize();
  console.log(`pass 1 alone: ${'(no upos)'} ${el()}`);
  trainPass(train, lex, EPOCHS, 20261206, 2, p1, (e, tx, tu) => {
    if (e < Number(process.env.MINE ?? 4)) return;
    console.log(`epoch ${e}: ${evaluate(m1, tx.finalize(), tu?.finalize() ?? null)} ${el()}`);
  });
}
