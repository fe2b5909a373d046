import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ClusterTable } from './lexical.js';
import { LinearModel } from './linear.js';

/** Everything the tagger and parser need at run time, as trained by `npm run train:parser`. */
export interface ParserModel {
  readonly xposTags: readonly string[];
  readonly uposTags: readonly string[];
  /** Dependency relations the labeller chooses from ('root' is given, never chosen). */
  readonly labels: readonly string[];
  readonly tagger: LinearModel;
  readonly upos: LinearModel;
  readonly transitions: LinearModel;
  readonly labeler: LinearModel;
  /** Word clusters the features read (word -> coarse << 16 | fine). */
  readonly clusters: ClusterTable;
  /** How it was trained (data, epochs, seed, dev scores): provenance printed by eval. */
  readonly meta: Record<string, unknown>;
}

const MAGIC = 'WSPARSE1';
const SECTIONS = ['tagger', 'upos', 'transitions', 'labeler'] as const;

/** The model as bytes: a JSON header, then per classifier its feature keys, pair counts, classes and weights; gzipped. */
export function serializeModel(m: ParserModel): Buffer {
  const header = {
    xposTags: m.xposTags, uposTags: m.uposTags, labels: m.labels, meta: m.meta,
    clusters: { words: [...m.clusters.keys()].join('\n'), ids: [...m.clusters.values()] },
    sections: SECTIONS.map((s) => ({ name: s, nClasses: m[s].nClasses, rows: m[s].keys.length, pairs: m[s].pairs })),
  };
  const parts: Buffer[] = [];
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length);
  parts.push(Buffer.from(MAGIC, 'ascii'), len, head);
  for (const s of SECTIONS) {
    const lm = m[s];
    const counts = new Uint8Array(lm.keys.length);
    for (let r = 0; r < lm.keys.length; r++) counts[r] = lm.rowStart[r + 1]! - lm.rowStart[r]!;
    parts.push(le(lm.keys), Buffer.from(counts.buffer), Buffer.from(lm.cls.buffer, lm.cls.byteOffset, lm.cls.byteLength), le(lm.weights));
  }
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

function le(a: Int32Array | Float32Array): Buffer {
  const b = Buffer.alloc(a.length * 4);
  if (a instanceof Int32Array) for (let i = 0; i < a.length; i++) b.writeInt32LE(a[i]!, i * 4);
  else for (let i = 0; i < a.length; i++) b.writeFloatLE(a[i]!, i * 4);
  return b;
}

export class ModelFormatError extends Error {}

export function deserializeModel(gz: Buffer): ParserModel {
  let raw: Buffer;
  try {
    raw = gunzipSync(gz);
  } catch (e) {
    throw new ModelFormatError(`parser model is not gzip data: ${(e as Error).message}`);
  }
  if (raw.subarray(0, 8).toString('ascii') !== MAGIC) throw new ModelFormatError('not a wirescope parser model (bad magic)');
  const hlen = raw.readUInt32LE(8);
  const header = JSON.parse(raw.subarray(12, 12 + hlen).toString('utf8')) as {
    xposTags: string[]; uposTags: string[]; labels: string[]; meta: Record<string, unknown>;
    clusters?: { words: string; ids: number[] };
    sections: { name: (typeof SECTIONS)[number]; nClasses: number; rows: number; pairs: number }[];
  };
  let at = 12 + hlen;
  const take = (bytes: number) => {
    if (at + bytes > raw.length) throw new ModelFormatError('parser model is truncated');
    const b = raw.subarray(at, at + bytes);
    at += bytes;
    return b;
  };
  const models = {} as Record<(typeof SECTIONS)[number], LinearModel>;
  for (const s of header.sections) {
    const kb = take(s.rows * 4);
    const keys = new Int32Array(s.rows);
    for (let i = 0; i < s.rows; i++) keys[i] = kb.readInt32LE(i * 4);
    const counts = take(s.rows);
    const rowStart = new Int32Array(s.rows + 1);
    for (let r = 0; r < s.rows; r++) rowStart[r + 1] = rowStart[r]! + counts[r]!;
    const cls = Uint8Array.from(take(s.pairs));
    const wb = take(s.pairs * 4);
    const weights = new Float32Array(s.pairs);
    for (let i = 0; i < s.pairs; i++) weights[i] = wb.readFloatLE(i * 4);
    models[s.name] = new LinearModel(s.nClasses, keys, rowStart, cls, weights);
  }
  for (const s of SECTIONS) if (!models[s]) throw new ModelFormatError(`parser model lacks its ${s} section`);
  const clusters = new Map<string, number>();
  if (header.clusters) header.clusters.words.split('\n').forEach((w, i) => clusters.set(w, header.clusters!.ids[i]!));
  return { xposTags: header.xposTags, uposTags: header.uposTags, labels: header.labels, meta: header.meta, clusters, ...models };
}

export function loadModelFile(path: string): ParserModel {
  return deserializeModel(readFileSync(path));
}
