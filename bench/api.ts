/**
 * API latency at a fixed request rate (autocannon) against `wirescope serve` in its own process,
 * so the load generator does not share the server's event loop (`npm run bench` runs this file in
 * a fresh process too, so the client's heap is not the bench's): an events page and a story
 * report, each for a fixed time at `rate` requests/s over `connections` connections.
 * Goal (issue #12): p99 under 50 ms at 1,000 requests/s on a 10,000-article store, loopback.
 */
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { openStore } from '../src/app/store.js';
import { packageRoot } from '../src/data/load.js';
import { join } from 'node:path';

export interface ApiBenchOptions {
  readonly rate?: number;
  readonly connections?: number;
  readonly seconds?: number;
}

async function startServe(db: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'wirescope.js'), '--db', db, 'serve', '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /at (http:\/\/[^/\s]+)\//.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${err}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

function run(url: string, o: Required<ApiBenchOptions>, headers: Record<string, string> = {}): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: o.connections, overallRate: o.rate, duration: o.seconds, headers }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

export async function benchApi(db: string, options: ApiBenchOptions = {}): Promise<void> {
  // 30 s a page: at 1,000 requests/s a p99 over 10 s moves with a single 100 ms stall of either process (1 % of the requests).
  const o = { rate: options.rate ?? 1000, connections: options.connections ?? 50, seconds: options.seconds ?? 30 };
  const store = openStore({ db }, 'read');
  const articles = await store.countArticles();
  const stories = await store.listStories({ limit: 200 });
  await store.close();
  // A typical busy story: the median of the 200 most recent by size.
  const sized = stories.map((s) => s.article_ids.length).sort((a, b) => a - b);
  const median = sized[Math.floor(sized.length / 2)] ?? 0;
  const story = stories.find((s) => s.article_ids.length === median) ?? stories[0];
  const server = await startServe(db);
  try {
    console.log(`API latency (autocannon, ${o.connections} connections, ${o.rate} requests/s for ${o.seconds} s each unless said, server in its own process) on a ${articles}-article store:`);
    console.log(['endpoint', 'first (uncached) ms', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors', 'non-2xx'].join('\t'));
    // Browsers (the web UI) ask for gzip; a client that does not gets the same page uncompressed (65 KB).
    const gzip = { 'accept-encoding': 'gzip' };
    const targets: [string, string, Record<string, string>?, number?][] = [
      ['events page (/api/events?limit=50)', '/api/events?limit=50&since=2026-01-01'],
      ['events page, gzip as browsers ask', '/api/events?limit=50&since=2026-01-01', gzip],
    ];
    if (story) {
      targets.push([`story report (${story.article_ids.length} articles)`, `/api/stories/${story.id}`]);
      targets.push([`story report (${story.article_ids.length} articles), gzip`, `/api/stories/${story.id}`, gzip]);
    }
    const biggest = [...stories].sort((a, b) => b.article_ids.length - a.article_ids.length)[0];
    // Beyond the goal: 10 s each.
    if (biggest && biggest !== story) targets.push([`story report (largest of the recent: ${biggest.article_ids.length} articles), 10 s`, `/api/stories/${biggest.id}`, {}, 10]);
    targets.push(['event summary (/api/events/summary), 10 s', '/api/events/summary', {}, 10]);
    for (const [name, path, headers, seconds] of targets) {
      const t0 = performance.now();
      await (await fetch(`${server.url}${path}`)).arrayBuffer();
      const first = performance.now() - t0;
      await run(`${server.url}${path}`, { ...o, seconds: 3 }, headers); // warm up (the JIT, the connections)
      const r = await run(`${server.url}${path}`, { ...o, seconds: seconds ?? o.seconds }, headers);
      console.log([name, first.toFixed(1), r.requests.average.toFixed(0), r.latency.p50, r.latency.p90, r.latency.p99, r.latency.max, r.errors + r.timeouts, r.non2xx].join('\t'));
    }
    console.log('(goal: p99 under 50 ms at 1,000 requests/s; after its first request a page is served from the response cache until the store changes)');
  } finally {
    server.stop();
  }
}

// `node dist/bench/api.js <store.db>`: the API part alone, on a store made earlier (`npm run bench -- --keep`).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/dist\//, '/dist/'))) {
  const db = process.argv[2];
  if (!db) {
    console.error('usage: node dist/bench/api.js <store.db> [rate]');
    process.exitCode = 2;
  } else await benchApi(db, { rate: process.argv[3] ? Number(process.argv[3]) : undefined });
}
