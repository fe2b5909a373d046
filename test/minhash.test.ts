import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandKeys, LshIndex, signature, signatureFromBuffer, signatureToBuffer, similarity } from '../src/dedupe/minhash.js';

const base = Array.from({ length: 60 }, (_, i) => `Sentence ${i} reports that the ministry in city ${i % 7} said talks would continue on day ${i}.`).join(' ');

test('minhash: identical texts agree fully, unrelated texts barely', () => {
  assert.equal(similarity(signature(base), signature(base)), 1);
  const other = Array.from({ length: 60 }, (_, i) => `Football club ${i} signed striker number ${i * 3} for a record fee in season ${i}.`).join(' ');
  assert.ok(similarity(signature(base), signature(other)) < 0.1);
});

test('minhash: a syndicated copy with a new intro and footer stays above 0.7 and shares a band', () => {
  const copy = `Published under licence from the wire. ${base} This story was originally published by Gulf Wire.`;
  const a = signature(base);
  const b = signature(copy);
  assert.ok(similarity(a, b) >= 0.7, String(similarity(a, b)));
  const index = new LshIndex();
  index.add('orig', a);
  assert.ok(index.candidates(b).has('orig'));
});

test('minhash: signatures round-trip through bytes and band keys are stable', () => {
  const s = signature(base);
  assert.deepEqual(signatureFromBuffer(signatureToBuffer(s)), s);
  assert.deepEqual(bandKeys(s), bandKeys(signature(base)));
  assert.equal(bandKeys(s).length, 32);
});
