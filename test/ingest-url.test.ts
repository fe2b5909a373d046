import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cliAsync as cli, scratch } from './helpers.js';

/**
 * Issue #11: `ingest URL` and `watch`, against a server the test starts on 127.0.0.1 (nothing
 * leaves the machine): redirects capped, content type checked, size capped as it streams, a
 * timeout, HTTP errors, conditional requests with ETag and Last-Modified.
 */

const PAGE = 'The city council voted on Monday to close the old bridge to heavy lorries from April, after engineers reported cracks in two of its piers. Hauliers said the detour would add an hour to each trip, and the mayor promised a temporary crossing by the summer.';
const LOCAL = 'Farmers in the northern valley began the harvest a week early this year, the agricultural board said, citing a warm spring. Prices for wheat at the regional market fell slightly on the first day of trading, while barley held steady, traders said.';
const BODY = 'Officials of the two provinces met on Tuesday in the regional capital to discuss the shared river, the regional government said in a statement. Both sides agreed to meet again next month and to publish the water readings every week, the statement said.';

function feed(items: number): string {
  const its = Array.from({ length: items }, (_, i) => `<item><title>River talks, part ${i + 1}</title><link>http://news.example/river/${i + 1}</link><pubDate>Tue, 10 Mar 2026 0${i}:00:00 GMT</pubDate><description>${BODY} Item ${i + 1} adds detail number ${i * 17 + 3} on the readings.</description></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Courier</title><link>http://news.example/</link>${its}</channel></rss>`;
}

interface Served {
  base: string;
  requests: { url: string; inm: string | null; ims: string | null }[];
  state: { items: number; etag: string; notModified: number; growAfter304: boolean };
  close: () => Promise<void>;
}

async function serve(): Promise<Served> {
  const requests: Served['requests'] = [];
  const state = { items: 2, etag: '"v1"', notModified: 0, growAfter304: false };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push({ url: req.url ?? '', inm: (req.headers['if-none-match'] as string) ?? null, ims: (req.headers['if-modified-since'] as string) ?? null });
    switch (req.url) {
      case '/feed.rss':
        if (req.headers['if-none-match'] === state.etag) {
          res.writeHead(304).end();
          state.notModified++;
          if (state.growAfter304 && state.notModified === 1) {
            // The feed gains an item once the watcher has seen it unchanged once.
            state.items++;
            state.etag = '"v2"';
          }
          return;
        }
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: state.etag, 'last-modified': 'Tue, 10 Mar 2026 09:00:00 GMT' }).end(feed(state.items));
        return;
      case '/page':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><head><title>River talks resume</title></head><body><article><h1>River talks resume</h1><p>${PAGE}</p><p>${PAGE.replace('Monday', 'Tuesday')}</p></article></body></html>`);
        return;
      case '/moved':
        res.writeHead(301, { location: '/page' }).end();
        return;
      case '/loop':
        res.writeHead(302, { location: '/loop' }).end();
        return;
      case '/to-file':
        res.writeHead(302, { location: 'file:///etc/passwd' }).end();
        return;
      case '/image':
        res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(100));
        return;
      case '/huge':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write(`Huge\n\n${'word '.repeat(10_000)}`);
        res.end();
        return;
      case '/slow':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><body><p>Never finishes'); // and never ends: the client's timeout must
        return;
      default:
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    state,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

test('ingest URL: pages and feeds are fetched; redirects, content types, sizes, time and HTTP errors are per-input problems', { timeout: 120_000 }, async (t) => {
  const srv = await serve();
  t.after(srv.close);
  const s = scratch(t);
  const r = await cli(['--db', s.db, 'ingest', `${srv.base}/feed.rss`, `${srv.base}/moved`, `${srv.base}/loop`, `${srv.base}/to-file`, `${srv.base}/image`, `${srv.base}/huge`, `${srv.base}/slow`, `${srv.base}/missing`,
    '--max-bytes', '20000', '--timeout', '2', '--json']);
  assert.equal(r.code, 0, r.err);
  const summary = JSON.parse(r.out) as { ingested: { path: string; title: string }[]; rejected: { path: string; message: string }[] };
  assert.deepEqual(summary.ingested.map((a) => a.title).sort(), ['River talks resume', 'River talks, part 1', 'River talks, part 2']);
  const why = Object.fromEntries(summary.rejected.map((x) => [x.path.replace(srv.base, ''), x.message]));
  assert.match(why['/loop']!, /more than 5 redirects/);
  assert.match(why['/to-file']!, /redirected to a file: URL/);
  assert.match(why['/image']!, /content type image\/png is not a web page, feed or text/);
  assert.match(why['/huge']!, /over the 19\.5 KB limit/);
  assert.match(why['/slow']!, /no complete answer within 2 s/);
  assert.match(why['/missing']!, /HTTP 404/);
  // A page that names no address of its own keeps the one it was fetched from (after the redirect's origin URL).
  const list = JSON.parse((await cli(['--db', s.db, 'articles', '--json'])).out) as { title: string; url: string | null }[];
  assert.equal(list.find((a) => a.title === 'River talks resume')!.url, `${srv.base}/moved`);

  // A second run sends the validators and costs a 304.
  const again = await cli(['--db', s.db, 'ingest', `${srv.base}/feed.rss`, '--json']);
  assert.equal(again.code, 0, again.err);
  assert.deepEqual((JSON.parse(again.out) as { unchanged: string[] }).unchanged, [`${srv.base}/feed.rss`]);
  const feedRequests = srv.requests.filter((q) => q.url === '/feed.rss');
  assert.deepEqual(feedRequests.map((q) => [q.inm, q.ims]), [[null, null], ['"v1"', 'Tue, 10 Mar 2026 09:00:00 GMT']]);
});

test('watch: each cycle fetches conditionally and runs the pipeline on what is new', { timeout: 120_000 }, async (t) => {
  const srv = await serve();
  t.after(srv.close);
  const s = scratch(t);
  s.write('folder/local.txt', `Harvest starts early\n\n${LOCAL}`);
  // Cycle 1 reads both; cycle 2 finds the feed unchanged (304) and the file unchanged; then the feed
  // grows, so cycle 3 gets one new item and cycle 4 nothing.
  srv.state.growAfter304 = true;
  const r = await cli(['--db', s.db, 'watch', `${srv.base}/feed.rss`, `${s.dir}/folder`, '--every', '1s', '--cycles', '4', '--json']);
  assert.equal(r.code, 0, r.err);
  const cycles = r.out.trim().split('\n').map((l) => JSON.parse(l) as { cycle: number; new_articles: number; unchanged: number; coded: number; stories: number });
  assert.equal(cycles.length, 4);
  assert.equal(cycles[0]!.new_articles, 3);
  assert.ok(cycles[0]!.coded === 3 && cycles[0]!.stories > 0, JSON.stringify(cycles[0]));
  assert.deepEqual([cycles[1]!.new_articles, cycles[1]!.unchanged], [0, 2]);
  assert.deepEqual(cycles.map((c) => c.new_articles), [3, 0, 1, 0], 'the third feed item arrives once, when the feed changes');
  assert.deepEqual(srv.requests.filter((q) => q.url === '/feed.rss').map((q) => q.inm), [null, '"v1"', '"v1"', '"v2"']);
  assert.equal(JSON.parse((await cli(['--db', s.db, 'articles', '--json'])).out).length, 4);
  assert.equal((await cli(['--db', s.db, 'watch', `${srv.base}/feed.rss`, '--every', '5x'])).code, 2);
});
