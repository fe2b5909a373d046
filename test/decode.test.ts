import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBytes } from '../src/ingest/decode.js';
import { WirescopeError } from '../src/errors.js';
import { PNG_BYTES } from './helpers.js';

const enc = (s: string) => new TextEncoder().encode(s);

test('decoding: each bad input has a precise reason', () => {
  const cases: [string, Uint8Array, string, RegExp][] = [
    ['empty', new Uint8Array(), 'EMPTY_FILE', /empty file/],
    ['whitespace only', enc('  \n\n \t'), 'EMPTY_FILE', /empty file/],
    ['png renamed .txt', PNG_BYTES, 'BINARY_FILE', /PNG image/],
    ['pdf', enc('%PDF-1.7\n...'), 'BINARY_FILE', /PDF/],
    ['nul bytes', Uint8Array.from([0x61, 0x62, 0x00, 0x63]), 'BINARY_FILE', /NUL/],
  ];
  for (const [name, bytes, code, message] of cases) {
    const r = decodeBytes(bytes);
    assert.ok(r instanceof WirescopeError, name);
    assert.equal(r.code, code, name);
    assert.match(r.message, message, name);
  }
});

test('decoding: Latin-1/Windows-1252 files without UTF-8 are decoded, with a warning', () => {
  const bytes = Uint8Array.from([...enc('S'), 0xe3, ...enc('o Paulo '), 0x93, ...enc('quoted'), 0x94, ...enc(' caf'), 0xe9]);
  const r = decodeBytes(bytes);
  assert.ok(!(r instanceof WirescopeError));
  assert.equal(r.text, 'São Paulo “quoted” café');
  assert.equal(r.encoding, 'windows-1252');
  assert.match(r.warnings[0]!, /decoded as Windows-1252/);
});

test('decoding: a declared charset is honoured; BOMs and CRLF are handled', () => {
  const latin = Uint8Array.from([...enc('<?xml version="1.0" encoding="ISO-8859-1"?><rss><t>Not'), 0xed, ...enc('cias</t></rss>')]);
  const r1 = decodeBytes(latin);
  assert.ok(!(r1 instanceof WirescopeError));
  assert.match(r1.text, /Notícias/);
  const utf16 = Uint8Array.from([0xff, 0xfe, ...Array.from(Buffer.from('Hi\r\nthere', 'utf16le'))]);
  const r2 = decodeBytes(utf16);
  assert.ok(!(r2 instanceof WirescopeError));
  assert.equal(r2.text, 'Hi\nthere');
  const bom = decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...enc('Title')]));
  assert.ok(!(bom instanceof WirescopeError));
  assert.equal(bom.text, 'Title');
});

test('decoding: one stray Latin-1 byte or NUL keeps the rest of a good article, with a warning (issue #11: the whole article was rejected)', () => {
  const mixed = decodeBytes(Uint8Array.from([...enc('Russia’s role in S'), 0xe3, ...enc('o Paulo talks, caf'), 0xe9, ...enc(' — “quoted”')]));
  assert.ok(!(mixed instanceof WirescopeError));
  assert.equal(mixed.text, 'Russia’s role in São Paulo talks, café — “quoted”');
  assert.equal(mixed.encoding, 'utf-8');
  assert.match(mixed.warnings[0]!, /^2 bytes not valid UTF-8 \(first at byte 20\) in a UTF-8 file; read as Windows-1252$/);
  const text = `A long enough article body about the talks. `.repeat(10);
  const nul = decodeBytes(Uint8Array.from([...enc(text), 0x00, ...enc(text)]));
  assert.ok(!(nul instanceof WirescopeError));
  assert.equal(nul.text, text + text);
  assert.deepEqual(nul.warnings, ['1 NUL byte removed']);
  // Many NULs are binary (or BOM-less UTF-16), as before.
  const utf16 = decodeBytes(Uint8Array.from(Buffer.from(text, 'utf16le')));
  assert.ok(utf16 instanceof WirescopeError && utf16.code === 'BINARY_FILE');
});
