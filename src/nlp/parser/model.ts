import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ClusterTable } from './lexical.js';
import { LinearModel, type LinearTables } from './linear.js';

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

const MAGIC = 'WSPARSE2';
const SECTIONS = ['tagger', 'upos', 'tagger2', 'transitions', 'labeler'] as const;
type Section = (typeof SECTIONS)[number];

function section(m: ParserModel, s: Section): LinearModel | undefined {
  return s === 'tagger2' ? m.joint?.second : m[s];
}

if (endianness() !== 'LE') throw new Error('wirescope: the parser model format assumes a little-endian machine');

const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** A copy of `bytes` bytes at `at` as a fresh, aligned ArrayBuffer (shared memory when asked). */
function copyOut(raw: Buffer, at: number, bytes: number, shared = false): ArrayBuffer | SharedArrayBuffer {
  const out = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  new Uint8Array(out).set(raw.subarray(at, at + bytes));
  return out;
}

/**
 * The model as bytes: a JSON header (tag sets, relations, clusters, provenance), then per classifier
 * its feature keys (int32), pairs per feature (uint8), classes (uint8) and weights as int16 on one
 * scale per classifier (the averaged weights are counts of updates, so 16 bits lose nothing that
 * changes a decision: dev UAS/LAS identical), rows in the order of their slots in the run-time
 * table (so loading fills it front to back); gzipped.
 */
export function serializeModel(m: ParserModel): Buffer {
  const present = SECTIONS.flatMap((s) => {
    const lm = section(m, s);
    return lm ? [[s, lm.inSlotOrder()] as const] : [];
  });
  const quantized = present.map(([, lm]) => {
    const w = lm.weights;
    let max = 0;
    for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]!));
    const scale = max > 0 ? max / 32767 : 1;
    const q = new Int16Array(w.length);
    for (let i = 0; i < w.length; i++) q[i] = Math.round(w[i]! / scale);
    return { scale, q };
  });
  const header = {
    xposTags: m.xposTags, uposTags: m.uposTags, labels: m.labels, meta: m.meta,
    clusters: { words: [...m.clusters.keys()].join('\n'), ids: [...m.clusters.values()] },
    joint: m.joint?.classes,
    sections: present.map(([name, lm], i) => ({ name, nClasses: lm.nClasses, rows: lm.keys.length, pairs: lm.pairs, scale: quantized[i]!.scale })),
  };
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length);
  const parts: Buffer[] = [Buffer.from(MAGIC, 'ascii'), len, head];
  present.forEach(([, lm], i) => {
    const counts = new Uint8Array(lm.keys.length);
    for (let r = 0; r < lm.keys.length; r++) counts[r] = lm.rowStart[r + 1]! - lm.rowStart[r]!;
    parts.push(bytesOf(lm.keys), bytesOf(counts), bytesOf(lm.cls), bytesOf(quantized[i]!.q));
  });
  return gzipSync(Buffer.concat(parts), { level: 6 });
}

export class ModelFormatError extends Error {}

/** `shared`: the weight tables in shared memory, to hand to worker threads (`shareModel` then copies nothing). */
export function deserializeModel(gz: Buffer, opts: { shared?: boolean } = {}): ParserModel {
  const shared = opts.shared ?? false;
  let raw: Buffer;
  try {
    raw = gunzipSync(gz);
  } catch (e) {
    throw new ModelFormatError(`parser model is not gzip data: ${(e as Error).message}`);
  }
  if (raw.subarray(0, 8).toString('ascii') !== MAGIC) throw new ModelFormatError('not a wirescope parser model of this version (bad magic); rebuild it with `npm run train:parser`');
  const hlen = raw.readUInt32LE(8);
  let header: {
    xposTags: string[]; uposTags: string[]; labels: string[]; meta: Record<string, unknown>;
    clusters?: { words: string; ids: number[] };
    joint?: string[];
    sections: { name: Section; nClasses: number; rows: number; pairs: number; scale: number }[];
  };
  try {
    header = JSON.parse(raw.subarray(12, 12 + hlen).toString('utf8'));
  } catch {
    throw new ModelFormatError('parser model header is damaged');
  }
  let at = 12 + hlen;
  const take = (bytes: number, sh = shared) => {
    if (at + bytes > raw.length) throw new ModelFormatError('parser model is truncated');
    const b = copyOut(raw, at, bytes, sh);
    at += bytes;
    return b;
  };
  const models = {} as Partial<Record<Section, LinearModel>>;
  for (const s of header.sections) {
    const keys = new Int32Array(take(s.rows * 4));
    const counts = new Uint8Array(take(s.rows));
    const rowStart = shared ? new Int32Array(new SharedArrayBuffer((s.rows + 1) * 4)) : new Int32Array(s.rows + 1);
    for (let r = 0; r < s.rows; r++) rowStart[r + 1] = rowStart[r]! + counts[r]!;
    const cls = new Uint8Array(take(s.pairs));
    const q = new Int16Array(take(s.pairs * 2, false)); // read once into the weights
    const weights = shared ? new Float32Array(new SharedArrayBuffer(s.pairs * 4)) : new Float32Array(s.pairs);
    for (let i = 0; i < s.pairs; i++) weights[i] = q[i]! * s.scale;
    models[s.name] = new LinearModel(s.nClasses, keys, rowStart, cls, weights, shared ? 'shared' : undefined);
  }
  const { tagger, upos, tagger2, transitions, labeler } = models;
  if (!tagger || !transitions || !labeler) throw new ModelFormatError('parser model lacks a tagger, transitions or labeler section');
  if (!(upos || (tagger2 && header.joint))) throw new ModelFormatError('parser model lacks its upos (or joint tagger) section');
  const clusters = new Map<string, number>();
  if (header.clusters) header.clusters.words.split('\n').forEach((w, i) => clusters.set(w, header.clusters!.ids[i]!));
  const joint = tagger2 && header.joint ? jointTags(header.joint, header.xposTags, header.uposTags, tagger2) : undefined;
  return { xposTags: header.xposTags, uposTags: header.uposTags, labels: header.labels, meta: header.meta, clusters, tagger, transitions, labeler, ...(upos ? { upos } : {}), ...(joint ? { joint } : {}) };
}

/** A model with its weight tables in shared memory, as worker threads receive it (`shareModel`). */
export interface SharedModelTables {
  readonly xposTags: readonly string[];
  readonly uposTags: readonly string[];
  readonly labels: readonly string[];
  readonly meta: Record<string, unknown>;
  readonly clusters: ClusterTable;
  readonly sections: Partial<Record<Section, LinearTables>>;
  readonly joint?: { readonly classes: readonly string[]; readonly xpos: Int32Array; readonly upos: Int32Array };
}

/** The model's tables copied into shared memory, to pass to worker threads (see `modelFromShared`). */
export function shareModel(m: ParserModel): SharedModelTables {
  const sections: Partial<Record<Section, LinearTables>> = {};
  for (const s of SECTIONS) {
    const lm = section(m, s);
    if (lm) sections[s] = lm.sharedTables();
  }
  return {
    xposTags: m.xposTags, uposTags: m.uposTags, labels: m.labels, meta: m.meta, clusters: m.clusters, sections,
    ...(m.joint ? { joint: { classes: m.joint.classes, xpos: m.joint.xpos, upos: m.joint.upos } } : {}),
  };
}

/** The model over shared tables (on any thread), without copying or rebuilding them. */
export function modelFromShared(t: SharedModelTables): ParserModel {
  const lm = (s: Section) => (t.sections[s] ? LinearModel.fromTables(t.sections[s]) : undefined);
  const [tagger, upos, tagger2, transitions, labeler] = [lm('tagger'), lm('upos'), lm('tagger2'), lm('transitions'), lm('labeler')];
  if (!tagger || !transitions || !labeler) throw new ModelFormatError('shared parser tables lack a tagger, transitions or labeler section');
  return {
    xposTags: t.xposTags, uposTags: t.uposTags, labels: t.labels, meta: t.meta, clusters: t.clusters, tagger, transitions, labeler,
    ...(upos ? { upos } : {}),
    ...(t.joint && tagger2 ? { joint: { ...t.joint, second: tagger2 } } : {}),
  };
}

/** Where `npm run train:parser` writes its report (training time, dev score per epoch) for a model file. */
export function trainingReportPath(modelPath: string): string {
  return modelPath.replace(/\.bin$/, '') + '.training.json';
}

export function loadModelFile(path: string, opts: { shared?: boolean } = {}): ParserModel {
  return deserializeModel(readFileSync(path), opts);
}
