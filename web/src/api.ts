/** Typed calls to the wirescope API: the types are the server's own (records and zod schemas). */
import type { ActorSummary } from '../../src/store/store.js';
import type { EventRecord } from '../../src/events/types.js';
import type { StoryReport, ThreadReport } from '../../src/stories/report.js';
import type { EventSummary, StoryHeadline, articleSummary, articleView, searchHitRecord } from '../../src/app/queries.js';
import type { ThreadRecord } from '../../src/types/stories.js';
import type { ApiError, EventQueryParams, Page } from '../../src/server/schemas.js';

export type { EventSummary, EventRecord, StoryReport, ThreadReport, StoryHeadline, ThreadRecord, ActorSummary, EventQueryParams };
export type ArticleListItem = ReturnType<typeof articleSummary>;
export type ArticleView = Awaited<ReturnType<typeof articleView>>;
export type SearchHit = ReturnType<typeof searchHitRecord>;

export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

async function get<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, v);
  const url = `/api/${path}${qs.size ? `?${qs}` : ''}`;
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ApiError | null;
    throw new ApiFailure(res.status, body?.error.code ?? 'HTTP', body?.error.message ?? `${res.status} ${res.statusText}`);
  }
  return (await res.json()) as T;
}

const seg = (id: string) => encodeURIComponent(id);

export const api = {
  today: (limit = 30) => get<Page<StoryHeadline>>('today', { limit: String(limit) }),
  story: (id: string) => get<StoryReport>(`stories/${seg(id)}`),
  threads: () => get<Page<ThreadRecord>>('threads', { limit: '200' }),
  thread: (id: string) => get<ThreadReport>(`threads/${seg(id)}`),
  event: (id: string) => get<EventRecord>(`events/${seg(id)}`),
  events: (q: EventQueryParams) => get<Page<EventRecord>>('events', q as Record<string, string | undefined>),
  eventSummary: (q: EventQueryParams) => get<EventSummary>('events/summary', q as Record<string, string | undefined>),
  article: (id: string) => get<ArticleView>(`articles/${seg(id)}`),
  search: (q: string) => get<Page<SearchHit>>('search', { q, limit: '50' }),
};
