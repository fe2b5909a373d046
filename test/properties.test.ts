import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { main } from '../src/cli/main.js';
import { decodeBytes } from '../src/ingest/decode.js';
import { parseDate } from '../src/ingest/dates.js';
import { readInput } from '../src/ingest/read.js';
import { resolveTimes } from '../src/nlp/time.js';
import { WirescopeError } from '../src/errors.js';
import { captureIo, ctxFor, FIXED_NOW } from './helpers.js';

/**
 * Property-based tests (issue #11): arbitrary bytes and strings give a result or a named error,
 * never an exception or a hang. The seed is fixed so a failure replays; fast-check prints the
 * smallest counterexample it finds.
 */
const SEED = 20261206;
const NAMES = ['a.txt', 'a.md', 'a.html', 'a.xml', 'a.rss', 'a.atom', 'a.json', 'a.jsonl', 'noext'];

/** Pieces of the formats the readers know, so that random input reaches past their first checks. */
const PIECES = [
  '<', '>', '/', '=', '"', "'", '&', '&amp;', '&#x26;', '&lt;', ';', ' ', '\n', '\t', '\u0000', '\u202e', '\u001b[31m', 'é', '“', '😀',
  '<?xml version="1.0"?>', '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '&a;', '<rss version="2.0">', '<channel>', '</channel>', '</rss>', '<item>', '</item>',
  '<title>', '</title>', '<description>', '</description>', '<feed xmlns="http://www.w3.org/2005/Atom">', '<entry>', '</entry>', '<![CDATA[', ']]>',
  '<html>', '<body>', '<div>', '</div>', '<p>', '</p>', '<script>', '</script>', '<meta charset="latin1">', '<article>',
  '{', '}', '[', ']', ',', ':', '"title"', '"text"', '"html"', '"url"', '"published"', '"2026-03-10"', 'null', 'true', '1e999',
  '# ', 'Original url: https://example.org/a', ' date 2026-03-10 ', 'March 10, 2026', 'Putin said on Friday that ', 'the talks', '.',
];
const soup = fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).map((xs) => xs.join(''));

function checkResult(r: ReturnType<typeof readInput>): void {
  for (const a of r.articles) {
    assert.equal(typeof a.id, 'string');
    assert.ok(a.body.trim().length > 0, 'an article has text');
    for (const p of a.paragraphs) assert.ok(p.start >= 0 && p.end <= a.body.length && p.start <= p.end);
  }
  for (const p of r.problems) {
    assert.equal(typeof p.code, 'string');
    assert.ok(p.message.length > 0);
  }
}

test('every reader: arbitrary bytes under any name give articles or named problems, never an exception', { timeout: 120_000 }, () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom(...NAMES), (bytes, name) => {
      checkResult(readInput(bytes, ctxFor(name), { now: FIXED_NOW }));
    }),
    { seed: SEED, numRuns: 400 },
  );
  fc.assert(
    fc.property(soup, fc.constantFrom(...NAMES), (text, name) => {
      checkResult(readInput(Buffer.from(text, 'utf8'), ctxFor(name), { now: FIXED_NOW }));
    }),
    { seed: SEED, numRuns: 600 },
  );
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.constantFrom(...NAMES), (text, name) => {
      checkResult(readInput(Buffer.from(text, 'utf8'), ctxFor(name), { now: FIXED_NOW }));
    }),
    { seed: SEED, numRuns: 300 },
  );
});

test('decoding: arbitrary bytes give text or a named error', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
      const r = decodeBytes(bytes);
      if (r instanceof WirescopeError) assert.ok(r.code && r.message);
      else {
        assert.equal(typeof r.text, 'string');
        assert.ok(!r.text.includes('\u0000'), 'NUL bytes never reach the text');
      }
    }),
    { seed: SEED, numRuns: 1000 },
  );
});

test('the date resolver: arbitrary text and publication dates give sorted, non-overlapping, in-range mentions', { timeout: 120_000 }, () => {
  const published = fc.oneof(
    fc.constant(null),
    fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.string({ maxLength: 30 }),
  );
  const words = fc.array(fc.constantFrom('on', 'Friday', 'last', 'next', 'week', 'March', '10', '2026', 'in', 'the', '1980s', 'ago', 'two', 'days',
    'yesterday', 'Tuesday,', 'since', 'until', 'Q3', 'early', 'mid-2025', '31', 'February', '30', 'at', '3', 'p.m.', 'noon', '—', '-', '/', '99999'), { maxLength: 40 }).map((w) => w.join(' '));
  fc.assert(
    fc.property(fc.oneof(words, fc.string({ maxLength: 200 })), published, (text, pub) => {
      const ms = resolveTimes(text, { published: pub });
      let last = 0;
      for (const m of ms) {
        assert.ok(m.start >= last && m.start < m.end && m.end <= text.length, JSON.stringify(m));
        last = m.end;
      }
    }),
    { seed: SEED, numRuns: 600 },
  );
  fc.assert(
    fc.property(fc.oneof(words, fc.string({ maxLength: 60 })), (s) => {
      const d = parseDate(s);
      if (d) assert.ok(/^\d{4}(-\d{2}(-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.test(d.value), `${s} -> ${d.value}`);
    }),
    { seed: SEED, numRuns: 1000 },
  );
});

test('the command line: arbitrary arguments exit 0, 1 or 2 and never throw', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirescope-props-'));
  const cwd = process.cwd();
  process.chdir(dir);
  process.env.WIRESCOPE_DB = join(dir, 'w.db');
  try {
    const commands = ['articles', 'show', 'annotate', 'code', 'events', 'event', 'export', 'stories', 'story', 'threads', 'thread', 'search', 'actors', 'cluster', 'parse', 'ingest', 'nonsense', ''];
    const options = ['--json', '--limit', '--since', '--until', '--outlet', '--dyad', '--cameo', '--actor', '--format', '--events', '--force', '--from', '--max-bytes',
      '--batch-size', '--date', '--lang', '--force-meta', '--header', '--annotations', '--parse', '--help', '-q', '--db', '--version', '-'];
    // Values never name an absolute path: the commands run for real, inside the scratch folder.
    const value = fc.oneof(fc.constantFrom(...options), fc.string({ maxLength: 12 }).filter((s) => !s.startsWith('/') && !s.includes('..') && !/^https?:/i.test(s)), fc.constantFrom('0', '-1', '10', '2026-03-10', 'RUS-IRN', '04', 'gdelt', 'csv', 'conllu', 'x.db'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...commands), fc.array(value, { maxLength: 6 }), async (command, rest) => {
        const io = captureIo();
        const argv = ['node', 'wirescope', ...(command ? [command] : []), ...rest];
        const code = await main(argv, io, Readable.from([]));
        assert.ok(code === 0 || code === 1 || code === 2, `${argv.slice(2).join(' ')} -> ${code}: ${io.stderr()}`);
        assert.ok(!/\n\s+at .*\(/.test(io.stderr()), `no stack trace: ${io.stderr()}`);
      }),
      { seed: SEED, numRuns: 250 },
    );
  } finally {
    process.chdir(cwd);
    delete process.env.WIRESCOPE_DB;
    rmSync(dir, { recursive: true, force: true });
  }
});
