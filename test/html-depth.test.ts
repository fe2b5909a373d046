import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { flattenDeepHtml } from '../src/ingest/html-depth.js';
import { readInput } from '../src/ingest/read.js';
import { ctxFor, FIXED_NOW, repoPath } from './helpers.js';

const TEXT = 'The council met on Tuesday to discuss the water dispute between the two provinces. '.repeat(6);

test('flattenDeepHtml: wrappers past the limit are dropped with their closing tags; text, scripts and shallow markup are kept', () => {
  const html = `<body>${'<div class="w">'.repeat(5)}<p>${TEXT}</p><script>var s = "<div>";</script>${'</div>'.repeat(5)}</body>`;
  assert.equal(flattenDeepHtml(html, 10).html, html, 'nothing that deep: the same string');
  const r = flattenDeepHtml(html, 3);
  assert.equal(r.dropped, 2);
  assert.equal(r.html, `<body>${'<div class="w">'.repeat(3)}<p>${TEXT}</p><script>var s = "<div>";</script>${'</div>'.repeat(3)}</body>`);
  // Stray closing tags and elements left open inside a closed one.
  const messy = `${'<span>'.repeat(4)}<b>x</span></i>${'</span>'.repeat(3)}y`;
  assert.equal(flattenDeepHtml(messy, 2).html, '<span><span>x</i></span></span>y');
  // Void and optional-end elements are neither counted nor dropped.
  assert.equal(flattenDeepHtml(`${'<p>a<br>'.repeat(50)}`, 2).dropped, 0);
});

test('a page of 20,000 nested elements is read in bounded time, its text kept, with a warning (issue #11: 2,000 took over 70 s)', { timeout: 60_000 }, () => {
  const body = `${'<div>'.repeat(10_000)}${'<x-wrap>'.repeat(10_000)}<p>${TEXT}</p>${'</x-wrap>'.repeat(10_000)}${'</div>'.repeat(10_000)}`;
  const html = `<!doctype html><html><head><title>Water talks</title><meta property="article:published_time" content="2026-03-10"></head><body>${body}</body></html>`;
  const { articles, problems } = readInput(Buffer.from(html), ctxFor('deep.html'), { now: FIXED_NOW });
  assert.deepEqual(problems, []);
  assert.equal(articles.length, 1);
  assert.match(articles[0]!.body, /The council met on Tuesday/);
  assert.ok(articles[0]!.warnings.some((w) => /nested deeper than 128 levels: 19872 wrapper elements/.test(w)), articles[0]!.warnings.join('; '));
});

test('real pages are not flattened: the fixture pages read without a depth warning', () => {
  for (const name of ['article.html']) {
    const path = repoPath('test', 'fixtures', 'pages', name);
    const a = readInput(readFileSync(path), ctxFor(path), { now: FIXED_NOW }).articles[0]!;
    assert.ok(!a.warnings.some((w) => /nested deeper/.test(w)), name);
  }
});
