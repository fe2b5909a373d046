/**
 * The HTTP API's parameters as zod schemas: the one source for validation, for the OpenAPI
 * document (/api/openapi.json) and for the web UI's types. Values stay strings here; the
 * application layer (src/app/queries.ts) turns them into store filters with the same checks
 * the CLI uses.
 */
import { z } from 'zod';
import { ACTOR_PATTERN, CAMEO_PATTERN, DAY_PATTERN, DYAD_PATTERN } from '../app/queries.js';

const day = z.string().regex(DAY_PATTERN, 'use YYYY-MM-DD (or YYYY-MM, YYYY)');
const count = z.string().regex(/^[1-9]\d{0,5}$/, 'a whole number from 1');
const cursor = z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, 'a next_cursor value from an earlier page').describe('next_cursor of the previous page');
const limit = count.describe('page size (default 50, at most 500)');

export const idParams = z.object({ id: z.string().min(4).max(80).regex(/^[A-Za-z0-9_-]+$/, 'an id or a unique id prefix (4 characters at least)') });

export const eventQuery = z.object({
  actor: z.string().regex(ACTOR_PATTERN).optional().describe('actor code or its start (RUS matches RUS, RUSGOV …) on either side'),
  dyad: z.string().regex(DYAD_PATTERN, 'SOURCE-TARGET country codes, e.g. RUS-IRN').optional().describe('source and target countries, either way round'),
  cameo: z.string().regex(CAMEO_PATTERN, 'a CAMEO code or its start, e.g. 04 or 041').optional(),
  plover: z.string().regex(/^[A-Za-z_]{2,40}$/).optional().describe('PLOVER event type, e.g. CONSULT'),
  since: day.optional(),
  until: day.optional(),
  outlet: z.string().min(1).max(120).optional().describe('only events one of whose mentions comes from this outlet'),
  limit: limit.optional(),
  cursor: cursor.optional(),
  mentions: z.string().regex(/^(all|\d{1,3})$/, '"all" or a number of mentions').optional().describe('mentions carried per event: the first N reported (default 1: its first evidence sentence) or all; mention_count has the total, /api/events/{id} every one'),
});
export type EventQueryParams = z.infer<typeof eventQuery>;

export const articleQuery = z.object({
  outlet: z.string().min(1).max(120).optional(),
  since: day.optional(),
  until: day.optional(),
  originals: z.enum(['0', '1']).optional().describe('1: hide near-duplicates'),
  limit: limit.optional(),
  cursor: cursor.optional(),
});

export const articleViewQuery = z.object({ annotations: z.enum(['0', '1']).optional().describe('1: with sentences, entities, actors, times and claims') });

export const searchQuery = z.object({ q: z.string().trim().min(1, 'give a search query').max(500), limit: limit.optional() });

export const actorQuery = z.object({
  country: z.string().regex(/^[A-Za-z]{3}$/).optional(),
  role: z.string().regex(/^[A-Za-z]{3}$/).optional(),
  limit: limit.optional(),
});

export const storyQuery = z.object({ since: day.optional(), actor: z.string().regex(ACTOR_PATTERN).optional(), limit: limit.optional(), cursor: cursor.optional() });

export const pageQuery = z.object({ limit: limit.optional(), cursor: cursor.optional() });

export const exportQuery = eventQuery.omit({ cursor: true, mentions: true }).extend({
  format: z.enum(['jsonl', 'csv', 'geojson', 'parquet', 'gdelt-events', 'gdelt-mentions']).optional().describe('default jsonl'),
  header: z.enum(['0', '1']).optional().describe('GDELT files: 1 adds a header row'),
});

export const ingestQuery = z.object({ name: z.string().max(200).regex(/^[^/\\\0]+$/).optional().describe('a file name for the uploaded body (its extension hints the format)') });
export const ingestUrlBody = z.object({ url: z.url({ protocol: /^https?$/ }).max(2000) });

/** A page of a listing: the CLI's JSON records, and the cursor for the next page (null on the last). */
export interface Page<T> {
  readonly items: T[];
  readonly next_cursor: string | null;
}

/** Every error the API returns: the catalog code (src/errors.ts) and a message. */
export interface ApiError {
  readonly error: { readonly code: string; readonly message: string };
}
