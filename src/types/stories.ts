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

export interface ClusteringSnapshot {
  readonly state: string;
  readonly updatedAt: string;
  readonly stories: readonly StoryRecord[];
  readonly threads: readonly ThreadRecord[];
  readonly changes: readonly StoryChange[];
}
