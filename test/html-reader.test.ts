import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readInput } from '../src/ingest/read.js';
import { ctxFor, FIXED_NOW, repoPath } from './helpers.js';

const page = (name: string) => {
  const path = repoPath('test', 'fixtures', 'pages', name);
  return readInput(readFileSync(path), ctxFor(path), { now: FIXED_NOW });
};

test('HTML page: metadata from JSON-LD @graph, canonical link resolved against og:url, site name', () => {
  const { articles, problems } = page('article.html');
  assert.deepEqual(problems, []);
  const a = articles[0]!;
  assert.equal(a.title, 'Ceasefire talks resume in Doha as mediators press both sides');
  assert.equal(a.url, 'https://www.harbourpost.example/world/2026/03/12/ceasefire-talks-resume-doha');
  assert.equal(a.outlet, 'Harbour Post');
  assert.equal(a.published, '2026-03-12T05:30:00Z');
  assert.equal(a.published_precision, 'second');
  assert.equal(a.byline, 'Lina Farouk');
  assert.equal(a.language, 'en');
  assert.equal(a.format, 'html');
  assert.deepEqual(a.warnings, []);
});

test('HTML page: the body is the article text only; scripts, navigation, captions and credits stay out', () => {
  const a = page('article.html').articles[0]!;
  assert.ok(a.body.startsWith('DOHA — Indirect talks on a ceasefire resumed'), a.body.slice(0, 80));
  assert.match(a.body, /Aid groups welcomed the resumption of talks/);
  for (const absent of ['INJECTED', 'tracker', 'cookies', 'Most read', 'All rights reserved', 'alert', 'Photo: Reuters', 'Photo: Getty', 'Home', '.ad', 'By Lina']) {
    assert.ok(!a.body.includes(absent), absent);
  }
  assert.deepEqual(
    a.captions.map((c) => [c.kind, c.text]),
    [
      ['caption', 'Delegates arrive at the talks venue in Doha on Thursday. Photo: Reuters'],
      ['byline', 'By Lina Farouk'],
      ['credit', 'Photo: Getty Images'],
    ],
  );
  for (const p of a.paragraphs) assert.equal(a.body.slice(p.start, p.end).trim(), a.body.slice(p.start, p.end));
});

test('HTML page without a date: kept, published null, with a warning', () => {
  const a = page('undated.html').articles[0]!;
  assert.equal(a.title, 'Port workers end strike after pay deal');
  assert.equal(a.published, null);
  assert.ok(a.warnings.includes('no publication date found'));
});

test('truncated HTML: text before the cut is kept with a warning; a page cut before any text is rejected', () => {
  const cut = page('truncated.html');
  assert.deepEqual(cut.problems, []);
  const a = cut.articles[0]!;
  assert.match(a.body, /three crossings\./);
  assert.ok(a.warnings.some((w) => w.startsWith('truncated HTML:')), a.warnings.join('; '));
  const head = page('truncated-head.html');
  assert.equal(head.articles.length, 0);
  assert.equal(head.problems[0]!.code, 'TRUNCATED_HTML');
  assert.match(head.problems[0]!.message, /^truncated HTML: the document ends inside a tag|^truncated HTML: no closing/);
});
