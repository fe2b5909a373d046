import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { annotateArticle } from '../src/annotate/annotate.js';
import { codeArticle } from '../src/events/coder.js';
import { defaultOntology } from '../src/events/ontology.js';
import { defaultLexicon } from '../src/nlp/lexicon.js';
import { MENTION_DICTIONARY_V1, MENTION_MARK_V1, packMention, unpackMention } from '../src/store/doc-codec.js';
import { articleFromText } from './helpers.js';

test('mention codec: real mentions pack to well under plain deflate and come back exactly; text and plainly deflated rows read as they are', () => {
  const article = articleFromText([
    'Russian President Vladimir Putin held a telephone conversation with Iranian President Masoud Pezeshkian on Friday, the Kremlin said.',
    'Kuwait condemned the drone attack on Wednesday and summoned the Iranian ambassador, state media reported.',
    'According to Al Jazeera, Qatar called for an immediate ceasefire and urged all parties to return to negotiations.',
  ]);
  // As the store writes them (CodedMention: what the coder gives, nothing of the article copied).
  const mentions = codeArticle(article, annotateArticle(article), { ontology: defaultOntology(), lexicon: defaultLexicon() }).map((m) => JSON.stringify(m));
  assert.ok(mentions.length >= 3, `${mentions.length} mentions`);
  let packed = 0;
  let plain = 0;
  for (const json of mentions) {
    const p = packMention(json);
    assert.equal(p[0], MENTION_MARK_V1);
    assert.equal(unpackMention(p), json);
    packed += p.length;
    plain += deflateRawSync(json).length;
    // Older rows: JSON text, and (SQLite before migration 15) deflated alone.
    assert.equal(unpackMention(json), json);
    assert.equal(unpackMention(deflateRawSync(json)), json);
    assert.equal(unpackMention(new Uint8Array(p)), json, 'a plain Uint8Array (a driver may return one)');
  }
  assert.ok(packed < 0.7 * plain, `${packed} bytes packed, ${plain} deflated alone`);
});

test('mention codec: any text comes back exactly (property), and the mark is a byte no raw deflate stream starts with', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => unpackMention(packMention(s)) === s));
  // A raw deflate stream starts with its first block's header: bit 0 BFINAL, bits 1-2 BTYPE, and BTYPE 3 is reserved (RFC 1951 3.2.3).
  assert.equal((MENTION_MARK_V1 >> 1) & 3, 3);
  assert.throws(() => inflateRawSync(Buffer.of(MENTION_MARK_V1, 0, 0, 0)), 'zlib refuses a stream that starts with the mark');
});

test('mention codec: the dictionary is frozen (stored mentions can only be read with the one they were packed with)', () => {
  assert.equal(createHash('sha256').update(MENTION_DICTIONARY_V1).digest('hex').slice(0, 16), FROZEN);
});

// The first 16 hex digits of the v1 dictionary's SHA-256. Changing the dictionary needs a new mark and a migration, not a new value here.
const FROZEN = '17ef34e1830aa66a';
