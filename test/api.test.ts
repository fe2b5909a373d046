import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '../src/server/api.js';
import { threadRunner } from '../src/server/jobs.js';
import { get as httpGet } from 'node:http';
import { defaultWebRoot, startServer } from '../src/server/serve.js';
import type { Store } from '../src/store/store.js';
import { main } from '../src/cli/main.js';
import { captureIo } from './helpers.js';
import { demoStore } from './serve-fixture.js';

const TOKEN = 'test-token-0123456789';
let dir: string;
let store: Store;
let hostileId: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wirescope-api-'));
  ({ store, hostileId } = await demoStore(join(dir, 'demo.db')));
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const api = (opts: Parameters<typeof createApi>[0] extends infer O ? Partial<O> : never = {}) => createApi({ store, token: TOKEN, webRoot: defaultWebRoot(), ...opts });
async function get(path: string, init?: RequestInit, opts = {}) {
  const res = await api(opts).app.request(path, init);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { res, body: body as Record<string, unknown> & { items?: Record<string, unknown>[]; next_cursor?: string | null; error?: { code: string; message: string } } };
}

test('api: the OpenAPI document is generated from the routes and their zod schemas', async () => {
  const { app, routes } = api();
  const doc = (await (await app.request('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, { parameters: { name: string; in: string }[]; security?: unknown }>> };
  assert.equal(doc.openapi, '3.1.0');
  for (const r of routes) {
    const op = doc.paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method];
    assert.ok(op, `${r.method} ${r.path} is documented`);
    for (const name of Object.keys(r.query?.shape ?? {})) assert.ok(op.parameters.some((p) => p.name === name && p.in === 'query'), `${r.path} documents ?${name}`);
    assert.equal(Boolean(op.security), Boolean(r.write), `${r.path}: security only on writes`);
  }
  assert.ok(doc.paths['/api/events']!.get!.parameters.some((p) => p.name === 'dyad'));
});

test('api: reads mirror the CLI JSON contracts, with cursor pagination', async () => {
  const health = await get('/api/health');
  assert.equal(health.res.status, 200);
  assert.ok((health.body.articles as number) >= 10);

  // Articles, two at a time, every one once.
  const seen: string[] = [];
  let cursor: string | null | undefined;
  do {
    const p = await get(`/api/articles?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(p.res.status, 200);
    assert.ok(p.body.items!.length <= 4);
    seen.push(...p.body.items!.map((a) => a.id as string));
    cursor = p.body.next_cursor;
  } while (cursor);
  assert.equal(seen.length, health.body.articles);
  assert.equal(new Set(seen).size, seen.length, 'no article on two pages');
  assert.equal((await get('/api/articles?limit=1')).body.items![0]!.chars !== undefined, true, 'the `articles --json` record');

  const one = await get(`/api/articles/${hostileId.slice(0, 10)}?annotations=1`);
  assert.equal(one.res.status, 200);
  assert.equal((one.body.article as { id: string }).id, hostileId);
  assert.ok(Array.isArray(one.body.sentences) && Array.isArray(one.body.claims));

  const search = await get('/api/search?q=Pezeshkian');
  assert.ok(search.body.items!.length > 0);
  assert.match(search.body.items![0]!.snippet as string, /«/);

  const actors = await get('/api/actors?country=IRN&limit=5');
  assert.ok(actors.body.items!.length > 0 && actors.body.items!.every((a) => a.country === 'IRN'));

  const events = await get('/api/events?dyad=RUS-IRN');
  assert.ok(events.body.items!.length > 0);
  for (const e of events.body.items!) {
    const pair = [(e.source as { country: string }).country, (e.target as { country: string }).country].sort().join('-');
    assert.equal(pair, 'IRN-RUS');
  }
  const all: string[] = [];
  cursor = undefined;
  do {
    const p = await get(`/api/events?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
    all.push(...p.body.items!.map((e) => e.id as string));
    cursor = p.body.next_cursor;
  } while (cursor);
  assert.equal(all.length, await store.countEvents());
  // Listings carry the first few mentions (mention_count has them all); ?mentions=all every one.
  const bare = await get('/api/events?mentions=0&limit=500');
  assert.ok(bare.body.items!.every((e) => (e.mentions as unknown[]).length === 0 && (e.mention_count as number) >= 1));
  const full = await get('/api/events?mentions=all&limit=500');
  assert.ok(full.body.items!.every((e) => (e.mentions as unknown[]).length === e.mention_count));
  const busiest = full.body.items!.reduce((a, b) => ((b.mention_count as number) > (a.mention_count as number) ? b : a));
  assert.ok((busiest.mention_count as number) > 3, 'the demo has an event with more than three mentions');
  const capped = (await get('/api/events?limit=500')).body.items!.find((e) => e.id === busiest.id)!;
  assert.equal((capped.mentions as unknown[]).length, 1, 'one by default: the first evidence sentence');
  assert.equal((await get('/api/events?mentions=lots')).res.status, 400);
  // The store side: only one article's mentions, only the events named.
  const multi = full.body.items!.find((e) => new Set((e.mentions as { article_id: string }[]).map((m) => m.article_id)).size > 1)!;
  assert.ok(multi, 'the demo has an event reported by two articles');
  const art = (multi.mentions as { article_id: string }[])[0]!.article_id;
  const only = await store.listEvents({ article: art, mentions: 'article', ids: [multi.id as string] });
  assert.equal(only.length, 1);
  assert.ok(only[0]!.mentions.length >= 1 && only[0]!.mentions.every((m) => m.article_id === art));
  assert.equal(only[0]!.mention_count, multi.mention_count);
  const sum = await get('/api/events/summary');
  const live = (await store.listEvents()).filter((e) => !e.negated);
  assert.equal(sum.body.total, live.length);
  const periods = sum.body.periods as { quad: number[] }[];
  assert.equal(periods.reduce((n, p) => n + p.quad.reduce((a, b) => a + b, 0), 0) + (sum.body.undated as number), live.length, 'every counted event in one period, or undated');
  assert.equal((sum.body.places as { events: number }[]).reduce((n, p) => n + p.events, 0), live.filter((e) => e.location?.lat != null).length);
  const rusIrn = await get('/api/events/summary?dyad=RUS-IRN');
  assert.deepEqual((rusIrn.body.dyads as { a: string; b: string }[]).map((d) => `${d.a}-${d.b}`), ['IRN-RUS']);
  assert.equal((await get('/api/events/summary?limit=5')).res.status, 400, 'a summary has no pages');
  const ev = await get(`/api/events/${all[0]}`);
  assert.equal(ev.body.id, all[0]);
  assert.ok(Array.isArray(ev.body.mentions));

  const stories = await get('/api/stories');
  const story = stories.body.items!.find((s) => (s.outlets as string[]).length > 1)!;
  const report = await get(`/api/stories/${story.id}`);
  assert.equal(report.res.status, 200);
  assert.ok(Array.isArray(report.body.claims) && Array.isArray(report.body.timeline_events));
  const today = await get('/api/today?limit=3');
  assert.ok(today.body.items!.length > 0 && 'development' in today.body.items![0]!);
  const threads = await get('/api/threads');
  const thread = await get(`/api/threads/${threads.body.items![0]!.id}`);
  assert.ok(Array.isArray(thread.body.stories));
});

test('api: exports in each format, with the event filters', async () => {
  const n = (await store.listEvents({ cameo: '04' })).length;
  const jsonl = await api().app.request('/api/export/events?cameo=04');
  assert.equal(jsonl.status, 200);
  assert.match(jsonl.headers.get('content-disposition') ?? '', /attachment; filename="events.jsonl"/);
  assert.equal((await jsonl.text()).trim().split('\n').filter(Boolean).length, n);
  const csv = await (await api().app.request('/api/export/events?format=csv')).text();
  assert.match(csv.split('\n')[0]!, /id/);
  const geo = JSON.parse(await (await api().app.request('/api/export/events?format=geojson')).text()) as { type: string };
  assert.equal(geo.type, 'FeatureCollection');
  const gdelt = await (await api().app.request('/api/export/events?format=gdelt-events')).text();
  assert.equal(gdelt.trim().split('\n')[0]!.split('\t').length, 61, 'GDELT 2.0 events have 61 columns');
});

test('api: bad parameters are 400 with the catalog code; unknown ids and routes 404', async () => {
  for (const path of ['/api/events?limit=0', '/api/events?limit=abc', '/api/events?since=yesterday', '/api/events?dyad=xx', '/api/events?cameo=4x', '/api/events?bogus=1', '/api/events?cursor=!!', '/api/events?cursor=eyJvIjotMX0', '/api/search?q=', '/api/articles?limit=100000', '/api/events?since=2026-13-01']) {
    const r = await get(path);
    assert.equal(r.res.status, 400, path);
    assert.equal(r.body.error?.code, 'USAGE', path);
    assert.ok(r.body.error!.message.length > 5);
  }
  for (const path of ['/api/events/evzzzzzzzzzzzz', '/api/stories/s-zzzzzzzz', '/api/threads/t-zzzzzzzz', '/api/articles/ffffffffffffffff', '/api/nothing', '/nothing.html', '/api/jobs/job-999']) {
    const r = await get(path);
    assert.equal(r.res.status, 404, path);
    assert.equal(r.body.error?.code, 'NOT_FOUND', path);
  }
});

test('api: ETag and If-None-Match; caching and security headers on every response', async () => {
  const { app } = api();
  const first = await app.request('/api/events?limit=5');
  const tag = first.headers.get('etag');
  assert.ok(tag);
  assert.equal(first.headers.get('cache-control'), 'private, no-cache');
  const again = await app.request('/api/events?limit=5', { headers: { 'if-none-match': tag! } });
  assert.equal(again.status, 304);
  for (const path of ['/', '/api/health', '/api/nothing', '/assets/app.js']) {
    const r = await app.request(path);
    assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'self'; script-src 'self'/, path);
    assert.doesNotMatch(r.headers.get('content-security-policy') ?? '', /unsafe-inline|unsafe-eval/, path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(r.headers.get('referrer-policy'), 'no-referrer', path);
  }
  const page = await (await app.request('/')).text();
  assert.doesNotMatch(page, /<script>|<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son\w+=/i, 'no inline script, style or handler in the page');
  assert.equal((await app.request('/assets/..%2F..%2Fpackage.json')).status, 404, 'nothing outside dist/web');
});

test('api: a cached read answered before the framework (fastRead) is the answer the app gives, byte for byte', async () => {
  const { app, fastRead } = api({ allowHost: (h) => h === 'localhost' });
  const raw = (url: string, headers: Record<string, string> = {}, method = 'GET') => ({ method, url, headers: { host: 'localhost', ...headers }, socket: { remoteAddress: '127.0.0.1' } });
  const path = '/api/events?limit=30&since=2026-01-01';
  assert.equal(await fastRead(raw(path)), null, 'a miss goes to the app');
  const first = await app.request(path);
  assert.equal(first.status, 200);
  const firstBody = new Uint8Array(await first.arrayBuffer());
  const tag = first.headers.get('etag')!;
  const same = (answer: { status: number; headers: readonly [string, string][]; body: Uint8Array | null } | null, res: Response, body: Uint8Array, what: string) => {
    assert.ok(answer, `${what}: answered by the hot path`);
    assert.equal(answer.status, res.status, what);
    const mine = new Map(answer.headers.map(([k, v]) => [k.toLowerCase(), v]));
    const theirs = new Map([...res.headers].filter(([k]) => k !== 'content-length'));
    assert.deepEqual(Object.fromEntries([...mine].sort()), Object.fromEntries([...theirs].sort()), `${what}: the same headers`);
    assert.deepEqual(answer.body ?? new Uint8Array(), body, `${what}: the same body`);
  };
  for (const [what, headers] of [['plain', {}], ['gzip', { 'accept-encoding': 'gzip, br' }], ['not modified', { 'if-none-match': tag }]] as const) {
    const hit = await app.request(path, { headers });
    same(await fastRead(raw(path, headers)), hit, new Uint8Array(await hit.arrayBuffer()), what);
  }
  assert.deepEqual(new Uint8Array(await (await app.request(path)).arrayBuffer()), firstBody, 'the cached page is the first one');
  // Everything else is the app's: other methods, other hosts, reads needing the token, pages outside /api.
  assert.equal(await fastRead(raw(path, {}, 'POST')), null);
  assert.equal(await fastRead(raw(path, { host: 'evil.example' })), null);
  assert.equal(await api({ requireTokenForReads: true }).fastRead(raw(path)), null);
  assert.equal(await fastRead(raw('/index.html')), null);
  // Over its rate a client is told so by the app (429), counted once.
  const slow = api({ readRate: 1 });
  await slow.app.request('/api/health');
  const over = { ...raw('/api/health', { host: 'localhost' }), socket: { remoteAddress: 'local' } };
  assert.ok(await slow.fastRead(over), 'within the burst (2): from the cache');
  assert.equal(await slow.fastRead(over), null, 'over the rate: to the app');
  assert.ok(Number((over as { [k: symbol]: unknown })[Object.getOwnPropertySymbols(over)[0]!]) >= 1, 'with the wait it found');
});

test('serve: repeated reads through the server (answered from the cache) equal the first', async () => {
  const running = await startServer(store, '127.0.0.1', 0);
  try {
    const fetchRaw = (path: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        httpGet(`${running.url}${path}`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: Object.fromEntries(Object.entries(res.headers).filter(([k]) => !['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(k))), body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
    for (const headers of [{}, { 'accept-encoding': 'gzip' }] as Record<string, string>[]) {
      const path = `/api/events?limit=${40 + Object.keys(headers).length}`;
      const first = await fetchRaw(path, headers);
      const second = await fetchRaw(path, headers);
      assert.equal(first.status, 200);
      assert.deepEqual(second, first);
      const notModified = await fetchRaw(path, { ...headers, 'if-none-match': String(first.headers['etag']) });
      assert.equal(notModified.status, 304);
      assert.equal(notModified.body.length, 0);
      assert.equal(notModified.headers['x-content-type-options'], 'nosniff');
    }
    const evil = await fetchRaw('/api/health', { host: 'evil.example' });
    assert.equal(evil.status, 403, 'a foreign Host is refused, cached page or not');
  } finally {
    await running.close();
  }
});

test('api: rate limits answer 429 with Retry-After; beyond loopback reads need the token', async () => {
  const { app } = api({ readRate: 2 });
  const codes: number[] = [];
  for (let i = 0; i < 8; i++) codes.push((await app.request('/api/health')).status);
  assert.ok(codes.includes(429), codes.join(','));
  const limited = await app.request('/api/health');
  assert.equal(limited.status, 429);
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  assert.equal(((await limited.json()) as { error: { code: string } }).error.code, 'RATE_LIMITED');

  const open = api({ requireTokenForReads: true }).app;
  assert.equal((await open.request('/api/health')).status, 401);
  assert.equal((await open.request('/api/health', { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);
});

test('api: writes need the token (401), bodies have a size limit (413), ingest runs the pipeline once', async () => {
  const body = JSON.stringify({ title: 'Turkey and Greece hold talks on maritime dispute', outlet: 'Test Wire', published: '2026-03-12', body: 'ANKARA — Turkish Foreign Minister Hakan Fidan met Greek Foreign Minister Giorgos Gerapetritis in Ankara on Thursday, the ministry said. The two ministers agreed to continue talks on the maritime dispute.' });
  assert.equal((await get('/api/ingest', { method: 'POST', body }, { token: undefined })).res.status, 401, 'no token configured: writes disabled');
  const noAuth = await get('/api/ingest', { method: 'POST', body });
  assert.equal(noAuth.res.status, 401);
  assert.equal(noAuth.body.error?.code, 'UNAUTHORIZED');
  assert.equal((await get('/api/ingest', { method: 'POST', body, headers: { authorization: 'Bearer wrong-token-0000000000' } })).res.status, 401);
  const big = await get('/api/ingest', { method: 'POST', body: 'x'.repeat(5000), headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' } }, { maxBodyBytes: 1024 });
  assert.equal(big.res.status, 413);
  assert.equal(big.body.error?.code, 'BODY_TOO_LARGE');
  const badUrl = await get('/api/ingest/url', { method: 'POST', body: JSON.stringify({ url: 'javascript:alert(1)' }), headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } });
  assert.equal(badUrl.res.status, 400);

  const before = await store.countArticles();
  const server = api();
  const post = () => server.app.request('/api/ingest?name=talks.json', { method: 'POST', body, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } });
  const accepted = await post();
  assert.equal(accepted.status, 202);
  const job = (await accepted.json()) as { id: string };
  assert.equal(accepted.headers.get('location'), `/api/jobs/${job.id}`);
  await server.idle();
  const done = (await (await server.app.request(`/api/jobs/${job.id}`)).json()) as { status: string; result: { new_articles: number; annotated: number; coded: number } };
  assert.equal(done.status, 'done', JSON.stringify(done));
  assert.equal(done.result.new_articles, 1);
  assert.equal(done.result.annotated, 1);
  assert.equal(await store.countArticles(), before + 1);
  await post();
  await server.idle();
  assert.equal(await store.countArticles(), before + 1, 'the same article twice is stored once');

  // Articles stored by another face and not yet processed: POST /api/pipeline runs the stages on them.
  const { ingest } = await import('../src/pipeline/ingest.js');
  const { expandInputs } = await import('../src/ingest/sources.js');
  const { writeFileSync } = await import('node:fs');
  const extra = join(dir, 'extra.txt');
  writeFileSync(extra, ' 2026-03-13 Kremlin says Putin and Erdogan discussed Syria\n\nMOSCOW — Russian President Vladimir Putin spoke by telephone with Turkish President Recep Tayyip Erdogan on Friday, the Kremlin said.\n');
  await ingest((await expandInputs([extra])).sources, store);
  const run = await server.app.request('/api/pipeline', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(run.status, 202);
  await server.idle();
  const ran = (await (await server.app.request(`/api/jobs/${((await run.json()) as { id: string }).id}`)).json()) as { status: string; result: { annotated: number; coded: number } };
  assert.equal(ran.status, 'done');
  assert.equal(ran.result.annotated, 1);
  assert.equal(ran.result.coded, 1);

  const html = '<html><head><title>Iran and Russia sign deal</title></head><body><article><h1>Iran and Russia sign deal</h1><p>TEHRAN — Iran and Russia signed an energy agreement in Tehran on Friday, officials said, after talks between the two governments that lasted two days and covered gas and oil.</p><p>The deal was signed by the ministers of both countries, the officials said.</p></article></body></html>';
  const viaUrl = api({ fetch: (async () => new Response(html, { status: 200, headers: { 'content-type': 'text/html' } })) as typeof fetch });
  const r = await viaUrl.app.request('/api/ingest/url', { method: 'POST', body: JSON.stringify({ url: 'https://news.example/iran-russia-deal' }), headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } });
  assert.equal(r.status, 202);
  await viaUrl.idle();
  const urlJob = (await (await viaUrl.app.request(`/api/jobs/${((await r.json()) as { id: string }).id}`)).json()) as { status: string; result: { new_articles: number } };
  assert.equal(urlJob.status, 'done', JSON.stringify(urlJob));
  assert.equal(urlJob.result.new_articles, 1);
});

test('api: hostile requests get 4xx, never a 500 (review findings)', async () => {
  const forged = Buffer.from(JSON.stringify({ o: 1e300 })).toString('base64url');
  for (const path of [`/api/articles?cursor=${forged}`, `/api/events?cursor=${forged}`]) assert.equal((await get(path)).res.status, 400, path);
  const multipart = await get('/api/ingest', { method: 'POST', body: 'garbage', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'multipart/form-data; boundary=xyz' } });
  assert.equal(multipart.res.status, 400);
  assert.equal(multipart.body.error?.code, 'USAGE');
  assert.equal((await get('/assets/..%2Fassets')).res.status, 404, 'a folder is not a file');
  assert.equal((await get('/api/health', { method: 'OPTIONS' })).res.status, 404, 'only POST writes');

  // A client without the token cannot use up the token holder's write allowance.
  const { app } = api({ writeRate: 5 });
  for (let i = 0; i < 25; i++) await app.request('/api/pipeline', { method: 'POST' });
  const holder = await app.request('/api/pipeline', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(holder.status, 202);
  assert.equal((await app.request('/api/pipeline', { method: 'POST' })).status, 429, 'failed tokens are limited in a bucket of their own');

  // Summaries and exports that are not cached have a limit of their own; cached ones do not count.
  const heavy = api().app;
  const same: number[] = [];
  for (let i = 0; i < 60; i++) same.push((await heavy.request('/api/events/summary?cameo=04')).status);
  assert.ok(same.every((x) => x === 200), 'the same summary again is a cache hit');
  const varied: number[] = [];
  for (let i = 0; i < 60; i++) varied.push((await heavy.request(`/api/events/summary?since=2026-01-${String((i % 28) + 1).padStart(2, '0')}&outlet=o${i}`)).status);
  assert.ok(varied.includes(429), 'sixty different summaries at once are limited');

  // DNS rebinding: only the loopback names are answered.
  const pinned = api({ allowHost: (h) => h === '127.0.0.1:8080' }).app;
  assert.equal((await pinned.request('http://127.0.0.1:8080/api/health')).status, 200);
  const rebound = await pinned.request('http://attacker.example/api/health');
  assert.equal(rebound.status, 403);
  assert.equal(((await rebound.json()) as { error: { code: string } }).error.code, 'FORBIDDEN');

  // 304s keep their caching header; a full queue says so.
  const one = api().app;
  const first = await one.request('/api/health');
  const again = await one.request('/api/health', { headers: { 'if-none-match': first.headers.get('etag')! } });
  // Large bodies go gzipped to clients that accept it, the first time and from the cache alike.
  const fresh = await one.request('/api/events?limit=19', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(fresh.headers.get('content-encoding'), 'gzip', 'on a cache miss too');
  assert.equal((JSON.parse(gunzipSync(new Uint8Array(await fresh.arrayBuffer())).toString('utf8')) as { items: unknown[] }).items.length, 19);
  for (let i = 0; i < 2; i++) {
    const plain = await one.request('/api/events?limit=20');
    const zipped = await one.request('/api/events?limit=20', { headers: { 'accept-encoding': 'gzip, deflate' } });
    assert.equal(zipped.headers.get('content-encoding'), 'gzip');
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(zipped.headers.get('vary'), 'Accept-Encoding');
    assert.equal(gunzipSync(new Uint8Array(await zipped.arrayBuffer())).toString('utf8'), await plain.text());
  }
  assert.equal((await api().app.request('/api/health', { headers: { 'if-none-match': first.headers.get('etag')! } })).status, 200, 'another process (boot) never matches an old ETag');
  assert.equal(again.status, 304);
  assert.equal(again.headers.get('cache-control'), 'private, no-cache');
  const full = await get('/api/pipeline', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } }, { maxQueuedJobs: 0 });
  assert.equal(full.res.status, 503);
  assert.equal(full.body.error?.code, 'BUSY');
});

test('api: serve runs ingest jobs on a worker thread with its own connection; reads see the result', async () => {
  const server = api({ runJob: threadRunner({ db: join(dir, 'demo.db') }) });
  const before = await store.countArticles();
  const cachedHealth = await server.app.request('/api/health');
  const tagBefore = cachedHealth.headers.get('etag')!;
  assert.equal(((await cachedHealth.json()) as { articles: number }).articles, before);
  assert.equal((await server.app.request('/api/health', { headers: { 'if-none-match': tagBefore } })).status, 304);
  const body = JSON.stringify({ title: 'Egypt and Sudan discuss Nile dam', outlet: 'Thread Wire', published: '2026-03-14', body: 'CAIRO — Egyptian Foreign Minister Badr Abdelatty met Sudanese Foreign Minister Ali Youssef in Cairo on Saturday to discuss the Nile dam, the ministry said.' });
  const r = await server.app.request('/api/ingest?name=nile.json', { method: 'POST', body, headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(r.status, 202);
  const health = await server.app.request('/api/health');
  assert.equal(health.status, 200, 'reads are answered while the job runs');
  await server.idle();
  const job = (await (await server.app.request(`/api/jobs/${((await r.json()) as { id: string }).id}`)).json()) as { status: string; error: string | null; result: { new_articles: number; annotated: number } };
  assert.equal(job.status, 'done', job.error ?? '');
  assert.deepEqual([job.result.new_articles, job.result.annotated], [1, 1]);
  assert.equal(await store.countArticles(), before + 1, 'this connection sees the worker\'s write');
  // The response cache and the ETags follow the store, whoever wrote it.
  const after = await server.app.request('/api/health', { headers: { 'if-none-match': tagBefore } });
  assert.equal(after.status, 200, 'a write by another connection makes the old ETag stale');
  assert.notEqual(after.headers.get('etag'), tagBefore);
  assert.equal(((await after.json()) as { articles: number }).articles, before + 1, 'not served from the cache');
});

test('serve: usage errors exit 2 before anything listens', async () => {
  const run = async (...args: string[]) => main(['node', 'wirescope', '--db', join(dir, 'demo.db'), 'serve', ...args], captureIo());
  assert.equal(await run('--host', '0.0.0.0'), 2, 'beyond loopback needs a token');
  assert.equal(await run('--port', 'eighty'), 2);
  assert.equal(await run('--port', '70000'), 2);
  assert.equal(await run('--token', 'short'), 2);
});
