import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/data/load.js';
import { defaultCreditRules } from '../src/ingest/captions.js';
import { readFeed } from '../src/ingest/feed.js';
import { defaultOutletTable } from '../src/ingest/outlets.js';
import type { ReaderContext, ReadResult } from '../src/ingest/types.js';
import { evalFeeds } from '../eval/ingest-feeds.js';
import { decodeBytes } from '../src/ingest/decode.js';
import { WirescopeError } from '../src/errors.js';

function decodeFeedBytes(bytes: Uint8Array): string {
  const d = decodeBytes(bytes);
  if (d instanceof WirescopeError) throw d;
  return d.text;
}

const ROOT = packageRoot();
const FIXTURES = join(ROOT, 'test', 'fixtures', 'feeds');
const SHARED_FEEDS = join(ROOT, '..', 'shared', 'datasets', 'feeds');

const ctx = (): ReaderContext => ({ path: 'f.xml', outlets: defaultOutletTable(), credits: defaultCreditRules() });
const fixture = (name: string): ReadResult => readFeed(decodeFeedBytes(readFileSync(join(FIXTURES, name))), ctx());
const texts = (r: ReadResult, i: number) => r.drafts[i]!.paragraphs.map((p) => p.text);
/** Every string a draft carries, to check nothing from hostile markup leaks anywhere. */
const allText = (r: ReadResult) => JSON.stringify(r.drafts);

test('RSS 2.0 news feed: content:encoded, captions, credits, entities, guid fallback', () => {
  const r = fixture('news-rss2.rss');
  assert.deepEqual(r.problems, []);
  assert.equal(r.drafts.length, 3);
  const [a, b, c] = r.drafts;

  assert.equal(a!.title, 'Floods force thousands from homes in Kenya\u2019s west');
  assert.equal(a!.url, 'https://www.bbc.co.uk/news/world-africa-70000001');
  assert.equal(a!.published, '2026-03-10T08:15:00Z');
  assert.equal(a!.publishedPrecision, 'second');
  assert.equal(a!.byline, 'Anne Soy');
  assert.equal(a!.declaredLanguage, 'en-gb');
  assert.equal(a!.outlet, 'BBC News');
  assert.equal(a!.outletSource, 'domain-table');
  assert.equal(a!.format, 'rss');
  assert.equal(a!.locator, 'item 1');
  assert.deepEqual(a!.warnings, []);
  // content:encoded wins over description; the figure caption and credit stay out of the body.
  assert.deepEqual(texts(r, 0), [
    'Heavy rain has displaced more than 4,000 people in western Kenya, officials said on Tuesday.',
    'The Kenya Red Cross said it was sending tents & food to the worst-hit areas.',
    '\u201cWe have never seen water this high,\u201d one farmer told the BBC.',
  ]);
  assert.deepEqual(a!.captions, [
    { kind: 'caption', text: 'Residents wade through flood water in Kisumu on Monday' },
    { kind: 'credit', text: 'Image credit: Reuters' },
    { kind: 'related', text: 'Related: Kenya\u2019s drought ends in deluge' },
  ]);

  // CDATA title with markup; entity-escaped HTML description with &amp;quot; and &amp;nbsp;.
  assert.equal(b!.title, 'Talks on Sudan ceasefire resume in Jeddah');
  assert.equal(b!.url, 'https://www.bbc.co.uk/news/world-africa-70000002');
  assert.equal(b!.published, '2026-03-09T16:40:12Z');
  assert.equal(b!.byline, 'Mohamed Osman');
  assert.deepEqual(texts(r, 1), [
    'Negotiators from the army and the RSF met again on Monday.',
    'Mediators said the talks were "constructive" so far.',
  ]);

  // No <link>: a permalink guid stands in.
  assert.equal(c!.url, 'https://www.bbc.com/news/business-70000003');
  assert.equal(c!.published, '2026-03-08T12:00:00Z');
  assert.equal(c!.byline, null);
  assert.equal(c!.locator, 'item 3');
});

test('Atom feed: html, xhtml and text content; alternate links; authors; xml:lang', () => {
  const r = fixture('blog.atom');
  assert.deepEqual(r.problems, []);
  assert.deepEqual(
    r.drafts.map((d) => [d.title, d.url, d.published, d.byline, d.declaredLanguage, d.format, d.locator]),
    [
      ['Landtag beschließt Haushalt & Schuldenbremse', 'https://www.example-news.de/politik/landtag-haushalt-101', '2026-03-10T08:30:00Z', 'Petra Schulz', 'de', 'atom', 'item 1'],
      ['Wahlrecht: 5 < 6 Parteien im neuen Parlament', 'https://www.example-news.de/politik/wahlrecht-102', '2026-03-09T18:00:00Z', 'Jan Meyer, Petra Schulz', 'de', 'atom', 'item 2'],
      ['Kommentar', 'https://www.example-news.de/politik/kommentar-103', '2026-03-08', null, 'de', 'atom', 'item 3'],
    ],
  );
  assert.equal(r.drafts[2]!.publishedPrecision, 'day');
  assert.deepEqual(texts(r, 0), ['Der Landtag hat am Dienstag den Haushalt für 2026 beschlossen.', 'Die Opposition stimmte dagegen.']);
  assert.deepEqual(texts(r, 1), ['Nach der Reform ziehen fünf Parteien ein.', 'Die Kleinparteien & ihre Anhänger protestieren.']);
  // type="text": markup-looking text is text, blank lines separate paragraphs.
  assert.deepEqual(texts(r, 2), ['Ein kurzer Text mit <Klammern> und AT&T.', 'Zweiter Absatz.']);
  // Not in the outlet table: the feed's own title names the outlet.
  assert.equal(r.drafts[0]!.outlet, 'Nordkurier Politik');
  assert.equal(r.drafts[0]!.outletSource, 'metadata');
});

test('RSS 1.0 (RDF): items beside the channel, dc:date, dc:creator, rdf:about', () => {
  const r = fixture('science.rdf');
  assert.deepEqual(r.problems, []);
  assert.equal(r.drafts.length, 2);
  const [a, b] = r.drafts;
  assert.equal(a!.format, 'rdf');
  assert.equal(a!.title, 'Coral reefs recover after heatwave');
  assert.equal(a!.url, 'https://journal.example.org/a/1');
  assert.equal(a!.published, '2026-02-27T17:29:47Z');
  assert.equal(a!.byline, 'Lee, K.; Ortiz, M.');
  assert.equal(a!.declaredLanguage, 'en');
  assert.equal(a!.outlet, 'Example Journal: This Week');
  assert.equal(b!.title, 'A new map of the Milky Way');
  assert.equal(b!.url, 'https://journal.example.org/a/2');
  assert.equal(b!.published, '2026-02-26');
  assert.deepEqual(texts(r, 1), ['Astronomers charted a billion stars.']);
});

test('items are independent: empty items are reported, the rest are kept', () => {
  const r = fixture('gaps.rss');
  assert.deepEqual(
    r.drafts.map((d) => [d.locator, d.title, d.url, d.published]),
    [
      ['item 1', 'Council approves new bus lanes', 'https://wire.example.com/2026/bus-lanes', null],
      ['item 3', 'Bridge closed for repairs', 'https://wire.example.com/2026/bridge', '2026-03-05T16:00:00Z'],
      ['item 5', 'Library extends opening hours', 'https://wire.example.com/2026/library', '2026-03-04T09:30:00Z'],
    ],
  );
  assert.deepEqual(r.drafts[0]!.warnings, ['no publication date found']);
  assert.deepEqual(r.drafts[1]!.warnings, ['item has no body; title used as text']);
  assert.deepEqual(texts(r, 1), ['Bridge closed for repairs']);
  assert.deepEqual(r.drafts[2]!.warnings, []);
  assert.deepEqual(r.problems, [
    { locator: 'item 2', code: 'NO_TEXT', message: 'no article text found: item has no title and no text' },
    { locator: 'item 4', code: 'NO_TEXT', message: 'no article text found: item has no title and no text' },
  ]);
});

test('a feed with one broken item keeps its other items and names the broken one (issue #11: the whole feed was rejected)', () => {
  const r = fixture('malformed.rss');
  assert.deepEqual(r.drafts.map((d) => [d.locator, d.title]), [['item 1', 'First item']]);
  assert.equal(r.problems.length, 1);
  const p = r.problems[0]!;
  assert.equal(p.code, 'MALFORMED_XML');
  assert.equal(p.locator, 'item 2');
  assert.match(p.message, /^malformed XML feed: Expected closing tag 'title'.*\(inside the item\); the feed's other items were kept$/);
});

test('malformed XML with no well-formed item is rejected whole, with the validator message and line', () => {
  const broken = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n<item><title>A</title><description>Never closed\n</channel></rss>';
  const r = readFeed(broken, ctx());
  assert.equal(r.drafts.length, 0);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.locator, null);
  assert.match(r.problems[0]!.message, /^malformed XML feed: .*\(line \d+, column \d+\)$/);
  // Items after a broken one, and Atom entries, are kept the same way.
  const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>One</title><content>First entry text.</content></entry><entry><title>Two & three</title><content>x</content></entry><entry><title>Four</title><content>Fourth entry text.</content></entry></feed>';
  const a = readFeed(atom, ctx());
  assert.deepEqual(a.drafts.map((d) => [d.locator, d.title]), [['item 1', 'One'], ['item 3', 'Four']]);
  assert.deepEqual(a.problems.map((p) => [p.locator, p.code]), [['item 2', 'MALFORMED_XML']]);
});

test('an HTML page saved as .rss is not a feed', () => {
  const r = fixture('not-a-feed.rss');
  assert.deepEqual(r.drafts, []);
  assert.deepEqual(r.problems, [
    { locator: null, code: 'NOT_A_FEED', message: 'XML document is not an RSS or Atom feed (root element <html>)' },
  ]);
  const other = readFeed('<?xml version="1.0"?><opml version="2.0"><body/></opml>', ctx());
  assert.equal(other.problems[0]!.code, 'NOT_A_FEED');
  assert.match(other.problems[0]!.message, /<opml>/);
});

test('scripts, event handlers and javascript: links stay inert and out of the text', () => {
  const r = fixture('hostile.rss');
  assert.deepEqual(r.problems, []);
  assert.equal(r.drafts.length, 2);
  assert.equal(r.drafts[0]!.title, 'Escaped payload');
  assert.deepEqual(texts(r, 0), ['Officials confirmed the report.']);
  assert.equal(r.drafts[1]!.title, 'CDATA payload');
  assert.deepEqual(texts(r, 1), ['The minister resigned on Sunday.']);
  assert.equal(r.drafts[1]!.url, null, 'a javascript: link is not a URL');
  const all = allText(r);
  for (const bad of ['alert', 'onerror', 'onclick', 'injected', 'display:none', 'javascript', '<img', '<script']) {
    assert.ok(!all.includes(bad), `${bad} leaked: ${all}`);
  }
});

test('DOCTYPE entity expansion is bounded (billion laughs)', () => {
  const start = Date.now();
  const r = fixture('entities.rss');
  assert.ok(Date.now() - start < 2000);
  // Either read with the entities left unexpanded, or refused; never blown up.
  assert.ok(allText(r).length < 10_000);
  assert.ok(r.drafts.length === 1 || r.problems.length === 1);
  if (r.drafts.length) {
    assert.ok(r.drafts[0]!.paragraphs.every((p) => p.text.length < 100));
    assert.equal(r.drafts[0]!.url, 'https://laughs.example.org/1');
  }
});

test('ISO-8859-1 feed: decoded as Windows-1252; a localised RFC 822 date is still read', () => {
  const bytes = readFileSync(join(FIXTURES, 'latin1.rss'));
  assert.equal(bytes.includes(Buffer.from('Câmara', 'utf8')), false, 'fixture is really Latin-1');
  const r = fixture('latin1.rss');
  assert.deepEqual(r.problems, []);
  const d = r.drafts[0]!;
  assert.equal(d.title, 'Câmara aprova orçamento para 2026');
  assert.equal(d.url, 'https://jornal.example.pt/nacional/orcamento-2026');
  assert.equal(d.published, '2026-03-03T14:05:00Z');
  assert.equal(d.outlet, 'Jornal Exemplo - Últimas Notícias');
  assert.equal(d.declaredLanguage, 'pt-pt');
});

test('edge cases: empty feed, leading whitespace, prefixed Atom, title-only and type="text" titles', () => {
  const empty = readFeed('<rss version="2.0"><channel><title>Quiet</title></channel></rss>', ctx());
  assert.deepEqual(empty.drafts, []);
  assert.deepEqual(empty.problems, [{ locator: null, code: 'NO_TEXT', message: 'no article text found: feed has no items' }]);

  const padded = readFeed(
    '\n\n  <?xml version="1.0"?>\n<rss><channel><item><title>A &amp;amp; B</title><description>x &lt; y</description><link> https://example.org/a </link></item></channel></rss>',
    ctx(),
  );
  assert.deepEqual(padded.problems, []);
  assert.equal(padded.drafts[0]!.title, 'A & B');
  assert.deepEqual(texts(padded, 0), ['x < y']);
  assert.equal(padded.drafts[0]!.url, 'https://example.org/a');

  const badLine = readFeed('\n\n<rss><channel><item></channel></rss>', ctx());
  assert.match(badLine.problems[0]!.message, /line 3,/);

  const prefixed = readFeed(
    `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>P</a:title>
      <a:entry><a:title type="text">&lt;b&gt;not bold&lt;/b&gt;</a:title><a:link href="https://p.example/1"/>
      <a:updated>2026-01-02T03:04:05Z</a:updated><a:summary type="html">&lt;p&gt;One.&lt;/p&gt;</a:summary></a:entry></a:feed>`,
    ctx(),
  );
  assert.deepEqual(prefixed.problems, []);
  assert.equal(prefixed.drafts[0]!.format, 'atom');
  assert.equal(prefixed.drafts[0]!.title, '<b>not bold</b>');
  assert.equal(prefixed.drafts[0]!.url, 'https://p.example/1');
  assert.equal(prefixed.drafts[0]!.published, '2026-01-02T03:04:05Z');
  assert.deepEqual(texts(prefixed, 0), ['One.']);

  // HTML named entities (not XML ones) still decode, in text elements and in plain fields.
  const html = readFeed(
    '<rss><channel><title>Wire&nbsp;X</title><item><title>Kenya&rsquo;s rain</title><dc:creator>Jane&nbsp;Doe &amp; Jo&#8217;e</dc:creator><description>a&nbsp;b &copy; 2026</description></item></channel></rss>',
    ctx(),
  );
  assert.equal(html.drafts[0]!.title, 'Kenya\u2019s rain');
  assert.equal(html.drafts[0]!.byline, 'Jane Doe & Jo\u2019e');
  assert.deepEqual(texts(html, 0), ['a b \u00a9 2026']);
  assert.equal(html.drafts[0]!.outlet, 'Wire X');

  // <guid isPermaLink="false"> is never used as the URL.
  const guid = readFeed('<rss><channel><item><title>T</title><guid isPermaLink="false">https://x.example/1</guid></item></channel></rss>', ctx());
  assert.equal(guid.drafts[0]!.url, null);
  assert.deepEqual(guid.drafts[0]!.warnings, ['item has no body; title used as text', 'no publication date found']);
});

test('real feeds (../shared/datasets/feeds): every feed is read or rejected with a reason', (t) => {
  if (!existsSync(SHARED_FEEDS)) {
    t.skip('../shared/datasets/feeds not present');
    return;
  }
  const { feeds } = evalFeeds(SHARED_FEEDS);
  assert.ok(feeds.length > 0);
  for (const f of feeds) {
    assert.ok(f.items >= 1 || (f.problems.length > 0 && f.problems.every((p) => p.trim() !== '')), `${f.file}: no items and no reason`);
  }
  const guardian = readFeed(decodeFeedBytes(readFileSync(join(SHARED_FEEDS, 'guardian.rss'))), { ...ctx(), path: 'guardian.rss' });
  assert.ok(guardian.drafts.length > 10);
  for (const d of guardian.drafts) {
    assert.ok(d.title && d.title.length > 0, `${d.locator}: no title`);
    assert.match(d.url ?? '', /^https:\/\/www\.theguardian\.com\//, `${d.locator}: ${d.url}`);
    assert.ok(d.paragraphs.length > 0);
  }
  assert.equal(guardian.drafts[0]!.title, 'Trump State of the Union address promised unity but emphasized discord');
  assert.equal(guardian.drafts[0]!.published, '2018-01-31T07:26:05Z');
});
