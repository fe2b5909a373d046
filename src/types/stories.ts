/**
 * Stories and threads as the clusterer makes them and every face shows them (JSON contract of
 * issue #5): records, not a storage detail, so they live here rather than in the store contract.
 */
/** A story as `stories --json` lists it (JSON contract of issue #5). */
export interface StoryRecord {
  readonly id: string;
  readonly thread_id: string;
  readonly title: string;
  readonly article_ids: string[];
  readonly outlets: string[];
  /** First and last publication day of its articles. */
  readonly start: string | null;
  readonly end: string | null;
  readonly event_ids: string[];
  readonly actors: string[];
}

export interface ThreadRecord {
  readonly id: string;
  readonly title: string;
  readonly story_ids: string[];
  readonly start: string | null;
  readonly end: string | null;
  readonly actors: string[];
}

/**
 * A recorded change: two stories (`story`) or threads (`thread`) that proved to be one, or a story
 * that drifted and was split (`split`: `articles` left `from` for the new story `into`).
 */
export interface StoryChange {
  readonly level: 'story' | 'thread' | 'split';
  readonly from: string;
  readonly into: string;
  readonly at: string;
  readonly score: number;
  readonly articles?: readonly string[];
}

/**
 * One row of the story clusterer's saved state (issue #13: kept in a table, written as it changes):
 * `part` says what it is (meta, term, story, thread, event, kind, merge, thread_merge, split), `key`
 * which one, `value` is JSON.
 */
export interface ClusterRow {
  readonly part: string;
  readonly key: string;
  readonly value: string;
}

/** The saved clusterer state: its rows, or (stores written before the rows existed) one JSON value. */
export interface StoredClusterState {
  readonly rows: readonly ClusterRow[];
  readonly legacy: string | null;
}

export interface ClusteringSnapshot {
  /** The clusterer state's rows that changed; `full`: all of them (no other row stays, nor a legacy value). */
  readonly state: { readonly rows: readonly ClusterRow[]; readonly full: boolean };
  readonly updatedAt: string;
  /** A new random value each save, kept beside the state (`Store.getClusterStamp`): a process holding a clusterer knows it is still the saved one. */
  readonly stamp: string;
  /** Stories and threads to write, each replacing the one with its id (a story with its article placements). */
  readonly stories: readonly StoryRecord[];
  readonly threads: readonly ThreadRecord[];
  /** Stories and threads no longer listed (merged into others). With `state.full`, no story or thread but those written stays. */
  readonly removed: { readonly stories: readonly string[]; readonly threads: readonly string[] };
  /** Merges and splits to append (those already stored are kept once). */
  readonly changes: readonly StoryChange[];
}
