import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataPath } from '../src/data/load.js';
import { analyseSentence, DEFAULT_MODEL_FILE, defaultParserModel } from '../src/nlp/parser/index.js';
import { loadModelFile, modelFromShared, shareModel } from '../src/nlp/parser/model.js';

const WORDS = ['Russian', 'President', 'Vladimir', 'Putin', 'held', 'a', 'telephone', 'conversation', 'with', 'his', 'Iranian', 'counterpart', 'on', 'Friday', ',', 'the', 'Kremlin', 'said', '.'];

test('parser model in shared memory: worker threads get one copy of the weights, and it parses as the model it came from', () => {
  const m = defaultParserModel();
  const expected = analyseSentence(m, WORDS);
  // Shared after loading: the tables are copied once into shared memory.
  const t = shareModel(m);
  for (const s of Object.values(t.sections)) for (const a of [s.keys, s.rowStart, s.cls, s.weights, s.slots]) assert.ok(a.buffer instanceof SharedArrayBuffer);
  // What a worker thread receives (a structured clone shares a SharedArrayBuffer's memory) parses the same.
  const cloned = structuredClone(t);
  assert.equal(cloned.sections.transitions!.slots.buffer.byteLength, t.sections.transitions!.slots.buffer.byteLength);
  const probe = t.sections.labeler!.weights[1]!; // the same memory, not a copy:
  cloned.sections.labeler!.weights[1] = probe + 1;
  assert.equal(t.sections.labeler!.weights[1], probe + 1, 'the clone writes through to the original');
  cloned.sections.labeler!.weights[1] = probe;
  assert.deepEqual(analyseSentence(modelFromShared(cloned), WORDS), expected);
  // Loaded straight into shared memory: sharing copies nothing.
  const direct = loadModelFile(dataPath(DEFAULT_MODEL_FILE), { shared: true });
  assert.equal(shareModel(direct).sections.tagger!.keys, direct.tagger.keys);
  assert.deepEqual(analyseSentence(direct, WORDS), expected);
});
