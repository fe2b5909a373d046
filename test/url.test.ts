import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeUrl } from '../src/ingest/url.js';
import { articleFromText } from './helpers.js';
import { finalizeDraft } from '../src/ingest/normalize.js';

test('urls: credentials and token-like query parameters never reach the store; other URLs stay as written', () => {
  assert.equal(safeUrl('https://user:pa55@news.example/a?id=7&token=abc&utm_source=x'), 'https://news.example/a?id=7&utm_source=x');
  assert.equal(safeUrl('https://news.example/a?X-Amz-Signature=zz&X-Amz-Credential=k&page=2'), 'https://news.example/a?page=2');
  assert.equal(safeUrl('https://news.example/a b?q=two+words'), 'https://news.example/a b?q=two+words');
  assert.equal(safeUrl('javascript:alert(1)'), null);
  assert.equal(safeUrl('not a url'), null);
  assert.equal(safeUrl(null), null);
});

test('urls: ingest stores the safe form', () => {
  const a = articleFromText(['Body text long enough to be an article about the talks.']);
  const draft = { title: 'T', url: 'https://u:p@news.example/story?sessionid=1&id=2', outlet: null, published: null, publishedPrecision: null, declaredLanguage: null, byline: null, paragraphs: [{ text: a.body, kind: 'text' as const }], captions: [], warnings: [], format: 'text' as const, locator: null };
  const out = finalizeDraft(draft as unknown as Parameters<typeof finalizeDraft>[0], { sourcePath: 'x', now: () => new Date(0) });
  assert.equal(out?.url, 'https://news.example/story?id=2');
});
