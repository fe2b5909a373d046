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
  /** The fine tagger (legacy models), or the first, right-to-left pass over `joint` classes. */
  readonly tagger: LinearModel;
  /** Universal tag given the fine one (legacy models only: the joint tagger chooses both at once). */
  readonly upos?: LinearModel;
  /** The two-pass tagger's classes (fine|universal pairs) and its second, left-to-right pass. */
  readonly joint?: JointTags;
  readonly transitions: LinearModel;
  readonly labeler: LinearModel;
  /** Word clusters the features read (word -> coarse << 16 | fine). */
  readonly clusters: ClusterTable;
  /** How it was trained (data, epochs, seed, dev scores): provenance printed by eval. */
  readonly meta: Record<string, unknown>;
}

/** Classes of the joint tagger: "NN|NOUN" pairs, with each pair's fine and universal tag ids. */
export interface JointTags {
  readonly classes: readonly string[];
  readonly xpos: Int32Array;
  readonly upos: Int32Array;
  readonly second: LinearModel;
}

export function jointTags(classes: readonly string[], xposTags: readonly string[], uposTags: readonly string[], second: LinearModel): JointTags {
  const at = (tags: readonly string[], t: string | undefined) => Math.max(0, tags.indexOf(t ?? ''));
  return {
    classes, second,
    xpos: Int32Array.from(classes, (c) => at(xposTags, c.split('|')[0])),
    upos: Int32Array.from(classes, (c) => at(uposTags, c.split('|')[1])),
  };
}

const MAGIC = 'WSPARSE1';
const SECTIONS = ['tagger', 'upos', 'tagger2', 'transitions', 'labeler'] as const;
type Section = (typeof SECTIONS)[number];

function section(m: ParserModel, s: Section): LinearModel | undefined {
  return s === 'tagger2' ? m.joint?.second : m[s];
}

/** The model as bytes: a JSON header, then per classifier its feature keys, pair counts, classes and weights; gzipped. */
export function serializeModel(m: ParserModel): Buffer {
  const present = SECTIONS.flatMap((s) => {
    const lm = section(m, s);
    return lm ? [[s, lm] as const] : [];
  });
  const header = {
    xposTags: m.xposTags, uposTags: m.uposTags, labels: m.labels, meta: m.meta,
    clusters: { words: [...m.clusters.keys()].join('\n'), ids: [...m.clusters.values()] },
    joint: m.joint?.classes,
    sections: present.map(([name, lm]) => ({ name, nClasses: lm.nClasses, rows: lm.keys.length, pairs: lm.pairs })),
  };
  const parts: Buffer[] = [];
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length);
  parts.push(Buffer.from(MAGIC, 'ascii'), len, head);
  for (const [, lm] of present) {
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
    joint?: string[];
    sections: { name: Section; nClasses: number; rows: number; pairs: number }[];
  };
  let at = 12 + hlen;
  const take = (bytes: number) => {
    if (at + bytes > raw.length) throw new ModelFormatError('parser model is truncated');
    const b = raw.subarray(at, at + bytes);
    at += bytes;
    return b;
  };
  const models = {} as Partial<Record<Section, LinearModel>>;
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
  const { tagger, upos, tagger2, transitions, labeler } = models;
  if (!tagger || !transitions || !labeler) throw new ModelFormatError('parser model lacks a tagger, transitions or labeler section');
  if (!(upos || (tagger2 && header.joint))) throw new ModelFormatError('parser model lacks its upos (or joint tagger) section');
  const clusters = new Map<string, number>();
  if (header.clusters) header.clusters.words.split('\n').forEach((w, i) => clusters.set(w, header.clusters!.ids[i]!));
  const joint = tagger2 && header.joint ? jointTags(header.joint, header.xposTags, header.uposTags, tagger2) : undefined;
  return { xposTags: header.xposTags, uposTags: header.uposTags, labels: header.labels, meta: header.meta, clusters, tagger, transitions, labeler, ...(upos ? { upos } : {}), ...(joint ? { joint } : {}) };
}

export function loadModelFile(path: string): ParserModel {
  return deserializeModel(readFileSync(path));
}
