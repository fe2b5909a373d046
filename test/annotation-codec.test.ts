import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { annotateArticle, type Annotations } from '../src/annotate/annotate.js';
import { packAnnotations, unpackAnnotations } from '../src/store/annotation-codec.js';
import { articleFromText, SEED_LEGIT } from './helpers.js';

test('annotation codec: a real article packs to less and unpacks to the same JSON, key order included', () => {
  const paragraphs = readFileSync(SEED_LEGIT, 'utf8').split(/\n\s*\n/).filter((p) => p.trim()).slice(2);
  const article = articleFromText(paragraphs);
  const ann = annotateArticle(article);
  assert.ok(ann.tokens.start.length > 100 && ann.entities.length > 5 && ann.claims.length > 0);
  const packed = packAnnotations(ann, article.body);
  assert.match(packed, /"packed":1\}$/, 'packed, not kept plain');
  assert.equal(JSON.stringify(unpackAnnotations(packed, article.body)), JSON.stringify(ann));
  const plain = deflateRawSync(JSON.stringify(ann)).length;
  const small = deflateRawSync(packed).length;
  assert.ok(small < 0.8 * plain, `${small} bytes deflated, ${plain} plain`);
  // Documents written before the codec (plain JSON) read as they are.
  assert.deepEqual(unpackAnnotations(JSON.stringify(ann), article.body), ann);
});

test('annotation codec: any document comes back exactly, whatever its offsets and texts (property)', () => {
  const body = 'Putin spoke with Pezeshkian on Friday, the Kremlin said. «Emoji 🙂 and accents é» stay.';
  const span = fc.tuple(fc.nat({ max: body.length }), fc.nat({ max: body.length })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
  const mention = fc.tuple(span, fc.boolean(), fc.string()).map(([[start, end], fromBody, other]) => ({ text: fromBody ? body.slice(start, end) : other, start, end, type: 'PERSON' }));
  const tokens = fc.array(fc.tuple(fc.nat({ max: 5 }), fc.nat({ max: 9 }), fc.integer({ min: -1, max: 40 })), { maxLength: 40 }).map((ts) => {
    const start: number[] = [];
    const end: number[] = [];
    let at = 0;
    for (const [gap, len] of ts) {
      start.push(at + gap);
      end.push(at + gap + len);
      at += gap + len;
    }
    return { start, end, pos: ts.map(() => 'NOUN'), lemma: ts.map(() => ''), head: ts.map(([, , h]) => h), deprel: ts.map(() => 'dep') };
  });
  fc.assert(
    fc.property(fc.array(mention, { maxLength: 6 }), tokens, (entities, t) => {
      const ann = { article_id: 'x', annotator_version: 11, skipped: null, token_count: t.start.length, sentences: [], entities, actors: [], times: [], claims: [], tokens: t } as unknown as Annotations;
      assert.equal(JSON.stringify(unpackAnnotations(packAnnotations(ann, body), body)), JSON.stringify(ann));
    }),
    { seed: 18, numRuns: 300 },
  );
});
