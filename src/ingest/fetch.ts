import { createError, WirescopeError } from '../errors.js';
import type { InputSource } from './sources.js';
import { safeUrl } from './url.js';

/** What a server said last time about a URL, for a conditional request (ETag, Last-Modified). */
export interface FetchState {
  readonly url: string;
  readonly etag: string | null;
  readonly last_modified: string | null;
  readonly fetched_at: string;
}

/** Where conditional-request state lives between runs (the store, in the CLI). */
export interface FetchStateStore {
  getFetchState(url: string): Promise<FetchState | null>;
  saveFetchState(state: FetchState): Promise<void>;
}

export interface FetchOptions {
  /** Whole request, headers and body (default 20 s). */
  readonly timeoutMs?: number;
  readonly maxRedirects?: number;
  readonly state?: FetchStateStore;
  readonly now?: () => Date;
  /** For tests; the global fetch otherwise. */
  readonly fetch?: typeof fetch;
}

export const USER_AGENT = 'wirescope/0.1 (+https://www.npmjs.com/package/wirescope; news event coding)';

/** Content types the readers take. Anything else (images, PDFs, archives, video) is refused before its body is read. */
const TEXT_TYPES = /^(text\/(html|plain|xml|markdown|x-markdown)|application\/(xhtml\+xml|rss\+xml|atom\+xml|rdf\+xml|xml|json|x-ndjson|ld\+json|feed\+json))$/;

export const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

/**
 * An input that is a web page or feed. Reading it fetches it: at most `maxRedirects` hops, each to
 * http(s) only; the whole exchange within `timeoutMs`; the body capped at the run's byte limit as it
 * streams; the content type checked before the body is read; with If-None-Match/If-Modified-Since
 * from the last fetch, so an unchanged page costs a 304 (`NOT_MODIFIED`, reported as unchanged).
 */
export function urlSource(url: string, opts: FetchOptions = {}): InputSource & { readonly url: string } {
  let fresh: FetchState | null = null;
  return {
    path: safeUrl(url) ?? url,
    url,
    size: null,
    read: async (maxBytes) => {
      const r = await fetchBytes(url, maxBytes, opts);
      fresh = r.state;
      return r.bytes;
    },
    // The validators are kept only once what was fetched is stored: a crash before that must not turn the next fetch into a 304.
    afterStored: async () => {
      if (fresh) await opts.state?.saveFetchState(fresh);
    },
  };
}

async function fetchBytes(url: string, maxBytes: number, opts: FetchOptions): Promise<{ bytes: Uint8Array; state: FetchState }> {
  const doFetch = opts.fetch ?? fetch;
  const maxRedirects = opts.maxRedirects ?? 5;
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 20_000);
  const previous = await opts.state?.getFetchState(url);
  let target = url;
  try {
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1' };
      if (previous && hop === 0) {
        if (previous.etag) headers['if-none-match'] = previous.etag;
        if (previous.last_modified) headers['if-modified-since'] = previous.last_modified;
      }
      const res = await doFetch(target, { redirect: 'manual', signal, headers });
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        const location = res.headers.get('location');
        await res.body?.cancel();
        if (!location) throw createError('UNREADABLE', `HTTP ${res.status} without a Location header`);
        if (hop >= maxRedirects) throw createError('UNREADABLE', `more than ${maxRedirects} redirects`);
        const next = new URL(location, target);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') throw createError('UNREADABLE', `redirected to a ${next.protocol} URL, which is not fetched`);
        target = next.href;
        continue;
      }
      if (res.status === 304) {
        await res.body?.cancel();
        throw createError('NOT_MODIFIED');
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw createError('UNREADABLE', `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
      }
      const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type && !TEXT_TYPES.test(type)) {
        await res.body?.cancel();
        throw createError('UNREADABLE', `content type ${type} is not a web page, feed or text`);
      }
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > maxBytes) {
        await res.body?.cancel();
        throw createError('TOO_LARGE', declared, maxBytes);
      }
      const bytes = await readCapped(res, maxBytes);
      const state = { url, etag: res.headers.get('etag'), last_modified: res.headers.get('last-modified'), fetched_at: (opts.now ?? (() => new Date()))().toISOString() };
      return { bytes, state };
    }
  } catch (e) {
    if (e instanceof WirescopeError) throw e;
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError') throw createError('UNREADABLE', `no complete answer within ${Math.round((opts.timeoutMs ?? 20_000) / 1000)} s`);
    throw createError('UNREADABLE', err.cause?.code ?? err.cause?.message ?? err.message);
  }
}

/** The body, stopped (and the connection dropped) as soon as it passes the limit. */
async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw createError('TOO_LARGE', total, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
