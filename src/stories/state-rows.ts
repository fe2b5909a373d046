/**
 * The story clusterer's state as table rows (issue #13): a run writes the rows of what it changed
 * (`deltaRows(c.changes())`) instead of the whole state, and the next run rebuilds the state from
 * all rows (`stateFromRows`). Backend-neutral: both stores keep the rows as they are.
 */
import type { ClusterRow } from '../types/stories.js';
import type { ClusterDelta, ClusterState, MergeRecord, SplitRecord, StoryState, ThreadState } from './cluster.js';

/** Log positions as fixed-width keys, so rows sort in log order. */
const position = (i: number) => String(i).padStart(10, '0');

export function deltaRows(d: ClusterDelta): ClusterRow[] {
  const rows: ClusterRow[] = [{ part: 'meta', key: '', value: JSON.stringify(d.meta) }];
  for (const t of d.terms) rows.push({ part: 'term', key: t.term, value: JSON.stringify(t.postings ? [t.ord, t.df, t.postings] : [t.ord, t.df]) });
  for (const s of d.stories) rows.push({ part: 'story', key: s.id, value: JSON.stringify(s) });
  for (const t of d.threads) rows.push({ part: 'thread', key: t.id, value: JSON.stringify(t) });
  for (const [e, s] of d.event_index) rows.push({ part: 'event', key: e, value: JSON.stringify(s) });
  for (const [k, ids] of d.kind_index) rows.push({ part: 'kind', key: k, value: JSON.stringify(ids) });
  for (const [part, log] of [['merge', d.merges], ['thread_merge', d.thread_merges], ['split', d.splits]] as const) {
    for (const [i, r] of log) rows.push({ part, key: position(i), value: JSON.stringify(r) });
  }
  return rows;
}

/** The whole state from all its rows (in any order); an error for rows that do not make one. */
export function stateFromRows(rows: readonly ClusterRow[]): ClusterState {
  let meta: ClusterDelta['meta'] | null = null;
  const terms: [number, string, number, string[] | null][] = [];
  const stories: StoryState[] = [];
  const threads: ThreadState[] = [];
  const events: [string, string][] = [];
  const kinds: [string, string[]][] = [];
  const logs = { merge: [] as [string, MergeRecord][], thread_merge: [] as [string, MergeRecord][], split: [] as [string, SplitRecord][] };
  for (const r of rows) {
    const v: unknown = JSON.parse(r.value);
    switch (r.part) {
      case 'meta':
        if (r.key === '') meta = v as ClusterDelta['meta'];
        break;
      case 'term': {
        const [ord, df, postings] = v as [number, number, string[]?];
        terms.push([ord, r.key, df, postings ?? null]);
        break;
      }
      case 'story':
        stories.push(v as StoryState);
        break;
      case 'thread':
        threads.push(v as ThreadState);
        break;
      case 'event':
        events.push([r.key, v as string]);
        break;
      case 'kind':
        kinds.push([r.key, v as string[]]);
        break;
      case 'merge':
      case 'thread_merge':
        logs[r.part].push([r.key, v as MergeRecord]);
        break;
      case 'split':
        logs.split.push([r.key, v as SplitRecord]);
        break;
      default:
        throw new Error(`story cluster state: unknown row part "${r.part}"`);
    }
  }
  if (!meta) throw new Error('story cluster state: rows without their meta row');
  if (meta.version !== 1) throw new Error(`unsupported story cluster state version ${String(meta.version)}`);
  // Terms are numbered in the order they were first seen; the rebuilt clusterer numbers them the same.
  terms.sort((a, b) => a[0] - b[0]);
  terms.forEach(([ord, term], i) => {
    if (ord !== i) throw new Error(`story cluster state: term "${term}" at position ${ord}, expected ${i}`);
  });
  const inOrder = <T>(list: [string, T][]) => list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, r]) => r);
  return {
    version: 1,
    options: meta.options,
    articles: meta.articles,
    totals: meta.totals,
    df: terms.map(([, term, df]): [string, number] => [term, df]),
    postings: terms.filter((t) => t[3]).map(([, term, , ids]): [string, string[]] => [term, ids!]),
    // Stories and threads in the order they were made (a clusterer iterates them so).
    stories: stories.sort((a, b) => a.created - b.created),
    threads: threads.sort((a, b) => a.created - b.created),
    event_index: events,
    kind_index: kinds,
    merges: inOrder(logs.merge),
    thread_merges: inOrder(logs.thread_merge),
    splits: inOrder(logs.split),
  };
}
