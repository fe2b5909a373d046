/**
 * The HTTP face: a hono app over the application layer (src/app/). Reads mirror the CLI's JSON
 * contracts; writes (ingest) need the token. Every error is JSON with the catalog's code, mapped
 * to a status in one place (`statusOf`). Article text is data: responses are JSON or plain
 * text, and the web UI renders it with textContent only.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { extname, join, resolve, sep } from 'node:path';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { PipelinePass } from '../app/pipeline.js';
import {
  articleSummary, articleView, eventById, eventFilter, exportDocument, gdeltFiles, httpParam, parseCount, parseDateOption, searchHitRecord, storyHeadlines, summarizeEvents, storyReport, threadReport,
} from '../app/queries.js';
import { createError, usageError, WirescopeError, type ErrorCode } from '../errors.js';
import { inProcessRunner, type JobInput, type JobRunner } from './jobs.js';
import type { Store } from '../store/store.js';
import * as S from './schemas.js';

export interface ApiOptions {
  readonly store: Store;
  /** Bearer token for writes (and for reads when `requireTokenForReads`). Without one, writes are refused. */
  readonly token?: string;
  /** Served beyond loopback: reads need the token too. */
  readonly requireTokenForReads?: boolean;
  /** Largest request body (default 20 MB, the ingest limit). */
  readonly maxBodyBytes?: number;
  /** Requests per client per second, sustained (default 2000); bursts up to twice that. */
  readonly readRate?: number;
  /** Write requests per client per minute (default 30). */
  readonly writeRate?: number;
  /** The built web UI (dist/web); no UI routes when absent. */
  readonly webRoot?: string | null;
  /** Where ingest jobs run (default: on this thread, with `fetch` for URLs). `serve` runs them on worker threads. */
  readonly runJob?: JobRunner;
  /** For tests: fetch for URL ingestion by the default runner. */
  readonly fetch?: typeof fetch;
  /**
   * Which Host header values to answer (e.g. `127.0.0.1:8080`): others get 403, so a web page
   * whose domain an attacker re-points at 127.0.0.1 (DNS rebinding) cannot read the store. Unset: any.
   */
  readonly allowHost?: (host: string) => boolean;
  /** Jobs waiting at most (default 20): beyond it, 503 with Retry-After. */
  readonly maxQueuedJobs?: number;
  readonly now?: () => number;
}

interface RouteDef {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly query?: z.ZodObject;
  readonly params?: z.ZodObject;
  readonly body?: { readonly type: string; readonly description: string; readonly schema?: z.ZodType };
  readonly write?: boolean;
  readonly ok: string;
}

const DEFAULT_PAGE = 50;
const MAX_CACHED_RESPONSES = 1024;
const MAX_CACHED_RESPONSE = 2 * 1024 * 1024;
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
const MAX_PAGE = 500;

/** Status for each catalog code: the one mapping from errors to HTTP. */
export function statusOf(code: ErrorCode): ContentfulStatusCode {
  switch (code) {
    case 'USAGE':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'BUSY':
      return 503;
    case 'NOT_FOUND':
      return 404;
    case 'BODY_TOO_LARGE':
    case 'TOO_LARGE':
      return 413;
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL':
      return 500;
    default:
      return 422; // a problem with the submitted content (empty, binary, malformed…)
  }
}

const errorBody = (e: WirescopeError) => ({ error: { code: e.code, message: e.message } });

/** Opaque page cursors: the offset of the next page, base64url-encoded. */
export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}
export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof v.o === 'number' && Number.isSafeInteger(v.o) && v.o >= 0 && v.o <= 1e9) return v.o;
  } catch {
    // fall through
  }
  throw usageError('invalid cursor: use the next_cursor of an earlier page');
}

function page<T>(items: T[], offset: number, size: number): S.Page<T> {
  return { items: items.slice(0, size), next_cursor: items.length > size ? encodeCursor(offset + size) : null };
}

function validate<T extends z.ZodObject>(schema: T, value: unknown, where: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const name = issue.path.join('.') || where;
  throw usageError(issue.code === 'unrecognized_keys' ? `unknown ${where} parameter${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` : `invalid ${where} parameter "${name}": ${issue.message}`);
}

function sameToken(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** A token bucket per client: `rate` per `per` ms sustained, bursts up to `burst`. */
function limiter(rate: number, per: number, burst: number, now: () => number) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (key: string): number => {
    const t = now();
    const b = buckets.get(key) ?? { tokens: burst, at: t };
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) * rate) / per);
    b.at = t;
    if (buckets.size > 10_000) buckets.clear(); // bounded memory: a flood of clients resets the buckets
    buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) * per) / rate / 1000);
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.map': 'application/json',
};

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'geolocation=(), camera=(), microphone=()',
};

/** What reads answered from the response cache carry: the browser may keep them but must ask again. */
const READ_CACHE_CONTROL: [string, string] = ['Cache-Control', 'private, no-cache'];

interface CachedResponse {
  readonly keyHash: string;
  readonly etag: string;
  readonly status: ContentfulStatusCode;
  readonly headers: [string, string][];
  readonly body: Uint8Array;
  readonly gzip: Uint8Array | null;
}

/** A read answered from the response cache: a 304, or a stored page (gzipped when asked and worth it). */
export interface CachedAnswer {
  readonly status: 200 | 304 | ContentfulStatusCode;
  readonly headers: readonly [string, string][];
  readonly body: Uint8Array | null;
}

/** The parts of a node request the cache's hot path reads. */
export interface RawRequest {
  readonly method?: string;
  readonly url?: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly socket: { readonly remoteAddress?: string };
}

const acceptsGzip = (acceptEncoding: string) => /\bgzip\b/i.test(acceptEncoding);

/** Set on a request the hot path found over its rate: the app answers 429 without counting it twice. */
const RATE_WAIT = Symbol('wirescope.rateWait');

interface Job {
  readonly id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  readonly created_at: string;
  finished_at: string | null;
  readonly inputs: string[];
  result: PipelinePass | null;
  error: string | null;
}

export function createApi(opts: ApiOptions): { app: Hono; routes: readonly RouteDef[]; idle: () => Promise<void>; fastRead: (req: RawRequest) => Promise<CachedAnswer | null> } {
  const { store } = opts;
  const now = opts.now ?? Date.now;
  const maxBody = opts.maxBodyBytes ?? 20 * 1024 * 1024;
  const readLimit = limiter(opts.readRate ?? 2000, 1000, 2 * (opts.readRate ?? 2000), now);
  const writeLimit = limiter(opts.writeRate ?? 30, 60_000, opts.writeRate ?? 30, now);
  const failLimit = limiter(20, 60_000, 20, now);
  const heavyLimit = limiter(20, 1000, 40, now);
  const app = new Hono();
  const routes: RouteDef[] = [];
  const jobs = new Map<string, Job>();
  let queue: Promise<void> = Promise.resolve();
  let jobSeq = 0;

  /** A limiter's answer: a wait in seconds is a 429 with Retry-After. */
  const limited = (c: Context, wait: number): void => {
    if (wait <= 0) return;
    c.header('Retry-After', String(wait));
    throw createError('RATE_LIMITED', wait);
  };
  const incoming = (c: Context) => (c.env as { incoming?: RawRequest & { [RATE_WAIT]?: number } } | undefined)?.incoming;
  const client = (c: Context): string => incoming(c)?.socket?.remoteAddress ?? 'local';

  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
  });
  app.onError((err, c) => {
    const e = err instanceof WirescopeError ? err : createError('INTERNAL');
    if (!(err instanceof WirescopeError)) console.error(`wirescope serve: ${c.req.method} ${c.req.path}: ${(err as Error).stack ?? err}`);
    return c.json(errorBody(e), statusOf(e.code));
  });
  app.notFound((c) => c.json(errorBody(createError('NOT_FOUND', c.req.path.startsWith('/api/') ? `no endpoint ${c.req.method} ${c.req.path}` : `no page ${c.req.path}`)), 404));

  if (opts.allowHost) {
    const allow = opts.allowHost;
    app.use('*', async (c, next) => {
      // The request URL's host is the Host header (node-server builds the URL from it).
      if (!allow(new URL(c.req.url).host.toLowerCase())) throw createError('FORBIDDEN', 'unknown Host: open this server by its loopback address (127.0.0.1 or localhost)');
      await next();
    });
  }

  app.use('/api/*', async (c, next) => {
    const write = c.req.method === 'POST';
    const who = client(c);
    if (write || opts.requireTokenForReads) {
      const auth = c.req.header('authorization') ?? '';
      const given = /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
      if (!opts.token) throw createError('UNAUTHORIZED', 'writes are disabled: start `wirescope serve` with --token (or $WIRESCOPE_TOKEN)');
      if (!sameToken(given, opts.token)) {
        // Wrong or missing tokens have a bucket of their own: they cannot use up the holder's limits.
        limited(c, failLimit(who));
        c.header('WWW-Authenticate', 'Bearer realm="wirescope"');
        throw createError('UNAUTHORIZED', given ? 'wrong token' : 'this request needs the token: send "Authorization: Bearer <token>"');
      }
    }
    limited(c, incoming(c)?.[RATE_WAIT] ?? (write ? writeLimit(who) : readLimit(who)));
    await next();
    if (!write && (c.res.status === 200 || c.res.status === 304)) c.res.headers.set(...READ_CACHE_CONTROL);
  });
  // Reads are answered from a cache of whole responses, per URL, until the store changes: the
  // store's revision (and this process's boot id, since revisions restart with the connection)
  // is the ETag, so an unchanged page costs a 304 before any work, and a repeated one a lookup.
  const boot = randomBytes(6).toString('base64url');
  const responses = new Map<string, CachedResponse>();
  let responseBytes = 0;
  /** The cache's answer for a read (a 304 or a stored page), or null with the tag a fresh answer gets. */
  const fromCache = async (key: string, ifNoneMatch: string, acceptEncoding: string): Promise<{ answer: CachedAnswer | null; tag: string; keyHash: string }> => {
    const hit = responses.get(key);
    const keyHash = hit?.keyHash ?? createHash('sha1').update(key).digest('base64url').slice(0, 12);
    const tag = `W/"${boot}.${await store.revision()}.${keyHash}"`;
    if (ifNoneMatch.split(/\s*,\s*/).includes(tag)) return { answer: { status: 304, headers: [['ETag', tag], READ_CACHE_CONTROL], body: null }, tag, keyHash };
    if (!hit || hit.etag !== tag) return { answer: null, tag, keyHash };
    responses.delete(key);
    responses.set(key, hit); // most recently used last
    // Cached bodies are also kept gzipped (once, at caching): a large report is a tenth of the size on the wire.
    const gzip = hit.gzip && acceptsGzip(acceptEncoding) ? hit.gzip : null;
    const headers: [string, string][] = [...hit.headers, ['ETag', tag], ['Vary', 'Accept-Encoding'], READ_CACHE_CONTROL];
    if (gzip) headers.push(['Content-Encoding', 'gzip']);
    return { answer: { status: hit.status, headers, body: gzip ?? hit.body }, tag, keyHash };
  };
  app.use('/api/*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const url = new URL(c.req.url);
    const key = `${url.pathname}?${url.searchParams}`;
    const { answer, tag, keyHash } = await fromCache(key, c.req.header('if-none-match') ?? '', c.req.header('accept-encoding') ?? '');
    if (answer) {
      for (const [k, v] of answer.headers) c.header(k, v);
      return answer.body ? c.body(answer.body as Uint8Array<ArrayBuffer>, answer.status as ContentfulStatusCode) : c.body(null, 304);
    }
    const gzipOk = acceptsGzip(c.req.header('accept-encoding') ?? '');
    // Summaries and exports read every matching event: what is not cached is limited to 20 a second per client.
    if (/^\/api\/(export\/|events\/summary)/.test(url.pathname)) limited(c, heavyLimit(client(c)));
    await next();
    if (c.res.status !== 200) return;
    c.res.headers.set('ETag', tag);
    c.res.headers.set('Vary', 'Accept-Encoding');
    const body = new Uint8Array(await c.res.clone().arrayBuffer());
    if (body.length > MAX_CACHED_RESPONSE) return;
    const gzip = body.length >= 1024 ? new Uint8Array(gzipSync(body)) : null;
    // Read again: another request for this URL may have replaced the entry while this one ran.
    const prev = responses.get(key);
    if (prev) responseBytes -= prev.body.length + (prev.gzip?.length ?? 0);
    responses.delete(key);
    responses.set(key, { keyHash, etag: tag, status: 200, headers: [...c.res.headers.entries()].filter(([k]) => k === 'content-type' || k === 'content-disposition'), body, gzip });
    responseBytes += body.length + (gzip?.length ?? 0);
    while (responses.size > MAX_CACHED_RESPONSES || responseBytes > MAX_CACHE_BYTES) {
      const [oldest, old] = responses.entries().next().value!;
      responses.delete(oldest);
      responseBytes -= old.body.length + (old.gzip?.length ?? 0);
    }
    if (gzipOk && gzip) {
      const headers = new Headers(c.res.headers);
      headers.set('Content-Encoding', 'gzip');
      headers.delete('Content-Length');
      c.res = new Response(gzip as Uint8Array<ArrayBuffer>, { status: 200, headers });
    }
  });

  function route<Q extends z.ZodObject | undefined, P extends z.ZodObject | undefined>(
    def: RouteDef & { query?: Q; params?: P },
    handler: (c: Context, input: { query: Q extends z.ZodObject ? z.infer<Q> : Record<string, never>; params: P extends z.ZodObject ? z.infer<P> : Record<string, never> }) => Promise<Response> | Response,
  ): void {
    routes.push(def);
    const h = async (c: Context) => {
      const query = def.query ? validate(def.query.strict(), c.req.query(), 'query') : {};
      const params = def.params ? validate(def.params, c.req.param(), 'path') : {};
      return handler(c, { query, params } as never);
    };
    if (def.method === 'get') app.get(def.path, h);
    else app.post(def.path, bodyLimit({ maxSize: maxBody, onError: () => { throw createError('BODY_TOO_LARGE', maxBody); } }), h);
  }

  const pageSize = (limit: string | undefined) => parseCount(limit, 'limit', MAX_PAGE) ?? DEFAULT_PAGE;


  route({ method: 'get', path: '/api/health', summary: 'Liveness and store counts', tag: 'meta', ok: '{ ok, store, articles, events }' }, async (c) =>
    c.json({ ok: true, store: store.kind, articles: await store.countArticles(), events: await store.countEvents() }));

  route({ method: 'get', path: '/api/articles', summary: 'Articles, newest first (the `articles --json` records)', tag: 'articles', query: S.articleQuery, ok: 'Page of article records' }, async (c, { query: q }) => {
    const size = pageSize(q.limit);
    const offset = decodeCursor(q.cursor);
    const list = await store.listArticles({
      outlet: q.outlet, since: q.since ? parseDateOption(q.since, 'start', 'since') : undefined, until: q.until ? parseDateOption(q.until, 'end', 'until') : undefined,
      includeDuplicates: q.originals !== '1', limit: size + 1, offset,
    });
    return c.json(page(list.map(articleSummary), offset, size));
  });

  route({ method: 'get', path: '/api/articles/:id', summary: 'One article (`show --json`), with its annotations when asked', tag: 'articles', params: S.idParams, query: S.articleViewQuery, ok: '{ article, sentences?, entities?, actors?, times?, claims? }' }, async (c, { params, query }) =>
    c.json(await articleView(store, params.id, query.annotations === '1')));

  route({ method: 'get', path: '/api/search', summary: 'Full-text search over titles and bodies (`search --json`)', tag: 'articles', query: S.searchQuery, ok: 'List of hits' }, async (c, { query }) =>
    c.json({ items: (await store.search(query.q, parseCount(query.limit, 'limit', MAX_PAGE) ?? 20)).map(searchHitRecord), next_cursor: null }));

  route({ method: 'get', path: '/api/actors', summary: 'Actors across the store, most mentioned first (`actors --json`)', tag: 'actors', query: S.actorQuery, ok: 'List of actors' }, async (c, { query }) =>
    c.json({ items: await store.listActors({ country: query.country?.toUpperCase(), role: query.role?.toUpperCase(), limit: parseCount(query.limit, 'limit', MAX_PAGE) ?? 100 }), next_cursor: null }));

  route({ method: 'get', path: '/api/events', summary: 'Coded events, oldest first, with the filters of `wirescope events`', tag: 'events', query: S.eventQuery, ok: 'Page of event records (`events --json`)' }, async (c, { query }) => {
    const size = pageSize(query.limit);
    const offset = decodeCursor(query.cursor);
    const filter = eventFilter({ ...query, limit: undefined }, httpParam);
    const mentions = query.mentions === 'all' ? 'all' : Number(query.mentions ?? 1);
    return c.json(page(await store.listEvents({ ...filter, limit: size + 1, offset, mentions }), offset, size));
  });

  route({ method: 'get', path: '/api/events/summary', summary: 'Counts over every matching event for the explorer: by day or month and QuadClass, located places, dyads (negated events left out)', tag: 'events', query: S.eventQuery.omit({ cursor: true, limit: true, mentions: true }), ok: 'Event summary' }, async (c, { query }) => {
    return c.json(summarizeEvents(await store.listEvents({ ...eventFilter(query, httpParam), mentions: 0 })));
  });

  route({ method: 'get', path: '/api/events/:id', summary: 'One event with every mention, its chain and evidence offsets (`event --json`)', tag: 'events', params: S.idParams, ok: 'Event record' }, async (c, { params }) =>
    c.json(await eventById(store, params.id)));

  route({ method: 'get', path: '/api/stories', summary: 'Stories, most recent first (`stories --json`)', tag: 'stories', query: S.storyQuery, ok: 'Page of story records' }, async (c, { query }) => {
    const size = pageSize(query.limit);
    const offset = decodeCursor(query.cursor);
    const since = query.since ? parseDateOption(query.since, 'start', 'since') : undefined;
    return c.json(page(await store.listStories({ since, actor: query.actor, limit: size + 1, offset }), offset, size));
  });

  route({ method: 'get', path: '/api/today', summary: 'The latest stories, each with its latest development (the UI front page)', tag: 'stories', query: S.storyQuery.omit({ actor: true }), ok: 'Page of stories with a development line' }, async (c, { query }) => {
    const size = parseCount(query.limit, 'limit', 100) ?? 30;
    const offset = decodeCursor(query.cursor);
    const since = query.since ? parseDateOption(query.since, 'start', 'since') : undefined;
    return c.json(page(await storyHeadlines(store, { since, limit: size + 1, offset }), offset, size));
  });

  route({ method: 'get', path: '/api/stories/:id', summary: 'One story report (`story --json`): timeline, claims × outlets, chains, contradictions', tag: 'stories', params: S.idParams, ok: 'Story report' }, async (c, { params }) =>
    c.json(await storyReport(store, params.id)));

  route({ method: 'get', path: '/api/threads', summary: 'Threads of stories (`threads --json`)', tag: 'stories', query: S.pageQuery, ok: 'Page of thread records' }, async (c, { query }) => {
    const size = pageSize(query.limit);
    const offset = decodeCursor(query.cursor);
    return c.json(page((await store.listThreads()).slice(offset, offset + size + 1), offset, size));
  });

  route({ method: 'get', path: '/api/threads/:id', summary: 'One thread report (`thread --json`)', tag: 'stories', params: S.idParams, ok: 'Thread report' }, async (c, { params }) =>
    c.json(await threadReport(store, params.id)));

  route({ method: 'get', path: '/api/export/events', summary: 'Export events (jsonl, csv, geojson, parquet, or GDELT 2.0 events / mentions TSV)', tag: 'exports', query: S.exportQuery, ok: 'The file' }, async (c, { query }) => {
    const { format = 'jsonl', header, ...rest } = query;
    const list = await store.listEvents(eventFilter(rest, httpParam));
    if (format === 'gdelt-events' || format === 'gdelt-mentions') {
      const files = await gdeltFiles(store, list, header === '1');
      return download(c, format === 'gdelt-events' ? files.events : files.mentions, 'text/tab-separated-values; charset=utf-8', `events.${format === 'gdelt-events' ? 'export' : 'mentions'}.tsv`);
    }
    const doc = await exportDocument(list, format);
    const type = { jsonl: 'application/jsonl; charset=utf-8', csv: 'text/csv; charset=utf-8', geojson: 'application/geo+json', parquet: 'application/vnd.apache.parquet' }[format];
    return download(c, doc, type, `events.${format}`);
  });

  function download(c: Context, body: string | Uint8Array, type: string, name: string): Response {
    c.header('Content-Type', type);
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    return c.body(typeof body === 'string' ? body : new Uint8Array(body));
  }

  const runJob = opts.runJob ?? inProcessRunner(store, opts.fetch);
  const maxQueued = opts.maxQueuedJobs ?? 20;
  function enqueue(c: Context, input: JobInput, inputs: string[]): Response {
    const waiting = [...jobs.values()].filter((j) => j.status === 'queued').length;
    if (waiting >= maxQueued) {
      c.header('Retry-After', '30');
      throw createError('BUSY', `${waiting} ingest jobs are waiting`);
    }
    const job: Job = { id: `job-${++jobSeq}`, status: 'queued', created_at: new Date(now()).toISOString(), finished_at: null, inputs, result: null, error: null };
    jobs.set(job.id, job);
    // Keep the last 200 finished jobs; queued and running ones are never dropped.
    const finished = [...jobs.values()].filter((j) => j.status === 'done' || j.status === 'failed');
    for (const old of finished.slice(0, Math.max(0, finished.length - 200))) jobs.delete(old.id);
    queue = queue.then(async () => {
      job.status = 'running';
      try {
        job.result = await runJob(input);
        job.status = 'done';
      } catch (e) {
        job.status = 'failed';
        job.error = (e as Error).message;
      }
      job.finished_at = new Date(now()).toISOString();
    });
    c.header('Location', `/api/jobs/${job.id}`);
    return c.json(job, 202);
  }

  route({
    method: 'post', path: '/api/ingest', summary: 'Ingest an uploaded article file (text, Markdown, HTML, RSS/Atom, JSON or JSONL articles; multipart form files or a raw body), then run the pipeline on what is new', tag: 'write', write: true,
    query: S.ingestQuery, body: { type: 'application/octet-stream', description: 'the file itself, or multipart/form-data with one or more files' }, ok: '202 with the job; poll its Location',
  }, async (c, { query }) => {
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    const files: { name: string; bytes: Uint8Array }[] = [];
    if (type.startsWith('multipart/form-data')) {
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody({ all: true });
      } catch (e) {
        throw usageError(`malformed multipart body: ${(e as Error).message}`);
      }
      for (const v of Object.values(form).flat()) if (v instanceof File) files.push({ name: v.name || 'file', bytes: new Uint8Array(await v.arrayBuffer()) });
    } else {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length) files.push({ name: query.name ?? (type.includes('json') ? 'body.json' : type.includes('html') ? 'body.html' : 'body.txt'), bytes });
    }
    if (!files.length) throw usageError('nothing to ingest: send a file as the body or as multipart form data');
    return enqueue(c, { kind: 'files', files }, files.map((f) => `upload:${f.name}`));
  });

  route({
    method: 'post', path: '/api/ingest/url', summary: 'Fetch an article or feed by URL and ingest it, then run the pipeline on what is new', tag: 'write', write: true,
    body: { type: 'application/json', description: '{ "url": "https://…" }', schema: S.ingestUrlBody }, ok: '202 with the job',
  }, async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw usageError('the body must be JSON: { "url": "https://…" }');
    }
    const { url } = validate(S.ingestUrlBody, body, 'body');
    return enqueue(c, { kind: 'url', url }, [url]);
  });

  route({
    method: 'post', path: '/api/pipeline', summary: 'Annotate, code and cluster whatever is stored and not yet processed (articles ingested by the CLI or another process)', tag: 'write', write: true, ok: '202 with the job',
  }, (c) => enqueue(c, { kind: 'pending' }, []));

  route({ method: 'get', path: '/api/jobs/:id', summary: 'An ingest job: queued, running, done (with what the pass did) or failed', tag: 'write', params: z.object({ id: z.string().regex(/^job-\d+$/) }), ok: 'Job' }, (c, { params }) => {
    const job = jobs.get(params.id);
    if (!job) throw createError('NOT_FOUND', `job "${params.id}"`);
    return c.json(job);
  });

  app.get('/api/openapi.json', (c) => c.json(openapi(routes)));

  if (opts.webRoot && existsSync(opts.webRoot)) serveWeb(app, opts.webRoot);

  /**
   * The hot path, for the node server to try before the framework: a GET the response cache can
   * answer (a 304 or a stored page), on a Host this server answers, without a token to check,
   * from a client within its rate; with the headers the app would give it. Null: the app answers
   * (a miss, anything else, and every error, including one reading the store's revision).
   */
  const fastRead = async (req: RawRequest & { [RATE_WAIT]?: number }): Promise<CachedAnswer | null> => {
    if (req.method !== 'GET' || !req.url?.startsWith('/api/') || opts.requireTokenForReads) return null;
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v.join(', ') : (v ?? '');
    };
    if (opts.allowHost && !opts.allowHost(header('host').toLowerCase())) return null;
    let url: URL;
    try {
      url = new URL(req.url, 'http://localhost');
    } catch {
      return null;
    }
    const { answer } = await fromCache(`${url.pathname}?${url.searchParams}`, header('if-none-match'), header('accept-encoding'));
    if (!answer) return null;
    const wait = readLimit(req.socket.remoteAddress ?? 'local');
    if (wait > 0) {
      req[RATE_WAIT] = wait;
      return null;
    }
    return { ...answer, headers: [...answer.headers, ...Object.entries(SECURITY_HEADERS)] };
  };

  return { app, routes, idle: () => queue, fastRead };
}

/** The OpenAPI 3.1 document, generated from the route table and its zod schemas. */
export function openapi(routes: readonly RouteDef[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const err = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', r.params], ['query', r.query]] as const) {
      if (!schema) continue;
      const js = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, { description?: string }>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), description: s.description, schema: s });
      }
    }
    const responses: Record<string, unknown> = { [r.write ? '202' : '200']: { description: r.ok }, 400: err, 404: err, 429: err };
    if (r.write) Object.assign(responses, { 401: err, 413: err, 422: err });
    paths[path] = {
      ...paths[path],
      [r.method]: {
        summary: r.summary, tags: [r.tag], parameters,
        ...(r.body ? { requestBody: { required: true, description: r.body.description, content: { [r.body.type]: { schema: r.body.schema ? z.toJSONSchema(r.body.schema, { io: 'input' }) : { type: 'string', format: 'binary' } } } } } : {}),
        ...(r.write ? { security: [{ bearer: [] }] } : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'wirescope API', version: '0.1.0', description: 'Source-linked event data from news: articles, events, stories, threads and exports. Reads are open on loopback; writes need the bearer token given to `wirescope serve --token`.' },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } } } },
    },
  };
}

/** The web UI's files from `root` (dist/web): index.html for `/`, assets by name, nothing outside the folder. */
function serveWeb(app: Hono, root: string): void {
  const cache = new Map<string, { body: Uint8Array; etag: string; type: string }>();
  const file = (rel: string) => {
    const base = resolve(root);
    const full = resolve(base, rel);
    if (!full.startsWith(base + sep) || !statSync(full, { throwIfNoEntry: false })?.isFile()) return null;
    let f = cache.get(full);
    if (!f) {
      const body = new Uint8Array(readFileSync(full));
      f = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, type: CONTENT_TYPES[extname(full)] ?? 'application/octet-stream' };
      cache.set(full, f);
    }
    return f;
  };
  const send = (c: Context, rel: string) => {
    const f = file(rel);
    if (!f) return c.json(errorBody(createError('NOT_FOUND', `no page ${c.req.path}`)), 404);
    c.header('ETag', f.etag);
    c.header('Cache-Control', 'no-cache');
    if (c.req.header('if-none-match') === f.etag) return c.body(null, 304);
    c.header('Content-Type', f.type);
    return c.body(f.body as Uint8Array<ArrayBuffer>);
  };
  app.get('/', (c) => send(c, 'index.html'));
  app.get('/assets/:name', (c) => send(c, join('assets', c.req.param('name'))));
}
