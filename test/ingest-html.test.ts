import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { evalReadabilityNews, sameDay, sameOutlet } from '../eval/ingest-html.js';
import { defaultCreditRules } from '../src/ingest/captions.js';
import { dateFromUrl, readHtml, truncationSign } from '../src/ingest/html.js';
import { defaultOutletTable } from '../src/ingest/outlets.js';
import type { ReaderContext, ReadResult } from '../src/ingest/types.js';
import type { ArticleDraft } from '../src/types/article.js';

// Tests run from the repository root.
const fixture = (name: string): string => readFileSync(join(process.cwd(), 'test', 'fixtures', 'html', name), 'utf8');
const ctx = (): ReaderContext => ({ path: 'x.html', outlets: defaultOutletTable(), credits: defaultCreditRules() });
const read = (html: string): ReadResult => readHtml(html, ctx());

function draftOf(html: string): ArticleDraft {
  const r = read(html);
  assert.deepEqual(r.problems, []);
  assert.equal(r.drafts.length, 1);
  return r.drafts[0]!;
}

const bodyText = (d: ArticleDraft): string => d.paragraphs.map((p) => p.text).join('\n');

test('news page: metadata from the NewsArticle in a JSON-LD @graph, og tags and the canonical link', () => {
  const d = draftOf(fixture('bbc-graph.html'));
  assert.equal(d.title, 'Flooding closes rail lines across northern England');
  assert.equal(d.url, 'https://www.bbc.co.uk/news/uk-england-99990001');
  assert.equal(d.outlet, 'BBC News');
  assert.equal(d.outletSource, 'domain-table');
  // The NewsArticle's date, not the WebPage's 2019 one earlier in the graph.
  assert.equal(d.published, '2026-02-09T07:15:00Z');
  assert.equal(d.publishedPrecision, 'second');
  assert.equal(d.byline, 'Amira Holt');
  assert.equal(d.declaredLanguage, 'en-gb');
  assert.equal(d.format, 'html');
  assert.equal(d.locator, null);
  assert.deepEqual(d.warnings, []);
});

test('news page: the body is the article text only; captions, credits, related links and scripts stay out', () => {
  const d = draftOf(fixture('bbc-graph.html'));
  assert.ok(d.paragraphs[0]!.text.startsWith('Rail services across northern England were suspended'), d.paragraphs[0]!.text);
  assert.ok(d.paragraphs.at(-1)!.text.startsWith('The Met Office said'));
  assert.equal(d.paragraphs.length, 5);
  const body = bodyText(d);
  for (const absent of [
    'WRITTEN BY SCRIPT', '__wirescope', 'Water covered the tracks', 'Photo: Getty', 'Related:', 'By Amira Holt',
    '9 February 2026', 'Most read', 'Copyright', 'Home', '.promo', 'Flooding closes rail lines',
  ]) {
    assert.ok(!body.includes(absent), `body should not contain ${JSON.stringify(absent)}`);
  }
  assert.deepEqual(
    d.captions.map((c) => [c.kind, c.text]),
    [
      ['caption', 'Water covered the tracks near Hebden Bridge on Monday morning. Photo: Getty Images'],
      ['byline', 'By Amira Holt'],
      ['related', 'Related: How climate change is making floods more frequent'],
    ],
  );
});

test('reading a page runs none of it and fetches nothing: scripts and onerror handlers stay inert', () => {
  const g = globalThis as Record<string, unknown>;
  const realFetch = globalThis.fetch;
  let fetched = 0;
  globalThis.fetch = (() => {
    fetched++;
    return Promise.reject(new Error('no network in tests'));
  }) as typeof fetch;
  try {
    const d = draftOf(fixture('bbc-graph.html'));
    assert.ok(d.paragraphs.length > 0);
    assert.equal(g.__wirescopeScriptRan, undefined);
    assert.equal(g.__wirescopeOnerror, undefined);
    assert.equal(fetched, 0);
  } finally {
    globalThis.fetch = realFetch;
  }
});

test('JSON-LD as an array with a malformed block beside it; url from mainEntityOfPage; language from Content-Language', () => {
  const d = draftOf(fixture('ld-array.html'));
  assert.equal(d.title, 'Stadtwerke erhöhen Strompreise zum Frühjahr');
  assert.equal(d.url, 'https://www.lokalblatt-nord.example/wirtschaft/strompreise-fruehjahr-123.html');
  // JSON-LD publisher.name comes before application-name.
  assert.equal(d.outlet, 'Lokalblatt Nord');
  assert.equal(d.outletSource, 'metadata');
  assert.equal(d.published, '2026-03-02T17:45:00Z');
  assert.equal(d.byline, 'Jana Berger, Ole Hansen');
  assert.equal(d.declaredLanguage, 'de-de');
  assert.equal(d.paragraphs.length, 3);
  assert.ok(!bodyText(d).includes('broken'));
});

test('date from the <time datetime> by the title heading, not a teaser elsewhere; relative canonical resolved against og:url', () => {
  const d = draftOf(fixture('time-only.html'));
  assert.equal(d.title, "Le tramway prolongé jusqu'à l'aéroport");
  assert.equal(d.url, 'https://actu.rivegauche-quotidien.example/transports/tramway-aeroport');
  assert.equal(d.published, '2026-05-14T07:30:00Z');
  // No site name anywhere: the bare domain.
  assert.equal(d.outlet, 'actu.rivegauche-quotidien.example');
  assert.equal(d.outletSource, 'domain');
  assert.equal(d.declaredLanguage, 'fr');
  assert.ok(d.paragraphs[0]!.text.startsWith('La métropole a voté jeudi'));
  assert.ok(!bodyText(d).includes('Autre article'));
});

test('page without a date: kept, published and precision null, with a warning', () => {
  const d = draftOf(fixture('no-date.html'));
  assert.equal(d.title, 'Harbour dredging plan approved after long dispute');
  assert.equal(d.published, null);
  assert.equal(d.publishedPrecision, null);
  assert.deepEqual(d.warnings, ['no publication date found']);
  assert.equal(d.url, null);
  assert.equal(d.outlet, 'Kestrel Bay Courier');
  assert.equal(d.outletSource, 'metadata');
  assert.equal(d.byline, 'Tomas Reyes');
  assert.equal(d.declaredLanguage, 'en-us');
  assert.equal(d.paragraphs.length, 4);
});

test('truncated HTML: the text before the cut is kept with a warning', () => {
  const d = draftOf(fixture('truncated-body.html'));
  assert.equal(d.title, 'Flooding closes rail lines across northern England');
  assert.equal(d.published, '2026-02-09T07:15:00Z');
  assert.ok(d.warnings.some((w) => w.startsWith('truncated HTML:')), d.warnings.join('; '));
  assert.match(d.paragraphs.at(-1)!.text, /where rivers rose faster than$/);
  assert.ok(d.paragraphs[0]!.text.startsWith('Rail services across northern England'));
});

test('truncated HTML cut inside <head>: rejected as TRUNCATED_HTML with a reason', () => {
  const r = read(fixture('truncated-head.html'));
  assert.deepEqual(r.drafts, []);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.code, 'TRUNCATED_HTML');
  assert.equal(r.problems[0]!.locator, null);
  assert.match(r.problems[0]!.message, /^truncated HTML: the document ends inside a tag/);
});

test('no text at all: NO_TEXT, whether the body is empty or holds only scripts', () => {
  for (const html of [
    '<!doctype html><html><head><title>Nothing here</title></head><body></body></html>',
    '<!doctype html><html><head><title>x</title></head><body><script>var s = "not article text";</script><style>p{}</style></body></html>',
  ]) {
    const r = read(html);
    assert.deepEqual(r.drafts, []);
    assert.equal(r.problems[0]!.code, 'NO_TEXT');
  }
});

const PARA = 'The council met on Tuesday and agreed to repair the bridge over the river before the summer, officials said after the vote.';

test('a bare fragment Readability cannot frame falls back to the whole page, with a warning', () => {
  const d = draftOf(`<p>${PARA}</p>`);
  assert.deepEqual(d.paragraphs, [{ text: PARA, kind: 'text' }]);
  assert.ok(d.warnings.includes('no main article block found; used the whole page'), d.warnings.join('; '));
  assert.equal(d.title, null);
  assert.ok(d.warnings.includes('no title found'));
});

test('only absolute http(s) urls are kept: a javascript: canonical gives way to og:url; malformed JSON-LD alone is harmless', () => {
  const d = draftOf(
    `<!doctype html><html><head><title>Bridge repairs</title><link rel="canonical" href="javascript:alert(1)">
     <meta property="og:url" content="https://news.example.org/a/1"><script type="application/ld+json">{{{</script></head>
     <body><p>${PARA}</p></body></html>`,
  );
  assert.equal(d.url, 'https://news.example.org/a/1');
  assert.equal(d.title, 'Bridge repairs');
  const none = draftOf(`<!doctype html><html><head><title>T</title><link rel="canonical" href="/relative/only"></head><body><p>${PARA}</p></body></html>`);
  assert.equal(none.url, null);
});

test('meta date names are tried in order after JSON-LD and article:published_time', () => {
  const page = (head: string) => `<!doctype html><html><head><title>T</title>${head}</head><body><p>${PARA}</p></body></html>`;
  assert.equal(draftOf(page('<meta name="parsely-pub-date" content="2025-12-01T10:00:00Z">')).published, '2025-12-01T10:00:00Z');
  assert.equal(
    draftOf(page('<meta name="date" content="2025-01-01"><meta property="article:published_time" content="2025-12-02T09:00:00+01:00">')).published,
    '2025-12-02T08:00:00Z',
  );
  const d = draftOf(page('<meta name="DC.date.issued" content="2024-06-30">'));
  assert.equal(d.published, '2024-06-30');
  assert.equal(d.publishedPrecision, 'day');
});

test('truncationSign looks at the tail only', () => {
  const full = fixture('bbc-graph.html');
  assert.equal(truncationSign(full), null);
  assert.equal(truncationSign(`<p>${PARA}</p>`), null);
  assert.equal(truncationSign('<p>Text</p><p class="x'), 'the document ends inside a tag');
  assert.match(truncationSign(fixture('truncated-body.html')) ?? '', /no closing <\/body> or <\/html>/);
});

test('dateFromUrl reads /yyyy/mm/dd/ paths only', () => {
  assert.equal(dateFromUrl('https://www.example.com/world/2015/03/18/story.html'), '2015-03-18');
  assert.equal(dateFromUrl('https://www.example.com/world/2015/13/18/story.html'), null);
  assert.equal(dateFromUrl('https://www.example.com/story-2015'), null);
  assert.equal(dateFromUrl(null), null);
});

/** A page shaped like a saved news page: most of its 100 KB is scripts, styles and navigation around ~40 paragraphs. */
function hundredKbPage(): string {
  const script = `<script>window.dataLayer = window.dataLayer || []; ${'dataLayer.push({event: "view", section: "news", id: 12345});'.repeat(40)}</script>`;
  const style = `<style>${'.story p { margin: 0 0 1em; font: 16px/1.5 serif } '.repeat(60)}</style>`;
  const nav = `<nav><ul>${Array.from({ length: 80 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('')}</ul></nav>`;
  const related = `<aside><h2>More stories</h2><ul>${Array.from({ length: 60 }, (_, i) => `<li><a href="/story/${i}">Another headline number ${i} about local news</a><time datetime="2020-01-01">1 Jan</time></li>`).join('')}</ul></aside>`;
  const paras = Array.from({ length: 40 }, (_, i) => `<p>${PARA} Paragraph ${i} adds a little more detail about the vote and the works.</p>`).join('\n');
  let html = `<!doctype html><html lang="en"><head><title>Long read</title><meta property="og:site_name" content="Test">${script}${style}</head>
    <body>${nav}<main><article><h1>Long read</h1>${paras}</article></main>${related}<footer>${'Footer links and legal text. '.repeat(40)}</footer>`;
  while (html.length < 100_000) html += script;
  return `${html}</body></html>`;
}

test('a 100 KB news page: the article is found among navigation, scripts and related links', () => {
  // Speed is measured by `npm run bench`, not asserted here.
  const html = hundredKbPage();
  assert.ok(html.length >= 100_000);
  const d = draftOf(html);
  assert.equal(d.paragraphs.length, 40);
  assert.ok(!bodyText(d).includes('Another headline'));
});

test('eval helpers: outlet names and calendar days compare leniently', () => {
  assert.ok(sameOutlet('The Guardian', 'Guardian'));
  assert.ok(sameOutlet('BBC', 'BBC News'));
  assert.ok(!sameOutlet('MSN', 'Business Insider'));
  assert.ok(!sameOutlet('MSN', null));
  assert.ok(sameDay('2021-11-01T00:52:50+0100', '2021-10-31T23:52:50Z'));
  assert.ok(sameDay('2017-11-03 03:01:00.000000', '2017-11-03T03:01:00'));
  assert.ok(sameDay('2015-03-13', '2015-03-14T02:30:09Z'));
  assert.ok(!sameDay('2015-03-13', '2015-03-16'));
});

test('readability-news: at least 95% of titles match the expected metadata', (t) => {
  const dir = resolve(process.cwd(), '..', 'shared', 'datasets', 'readability-news');
  if (!existsSync(dir)) {
    t.skip('../shared/datasets/readability-news not present');
    return;
  }
  const r = evalReadabilityNews(dir);
  assert.ok(r.pages > 0);
  const misses = r.failures.filter((f) => f.field === 'title');
  assert.ok(r.title.matched >= 0.95 * r.title.total, `${r.title.matched}/${r.title.total}: ${JSON.stringify(misses)}`);
});
