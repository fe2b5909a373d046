import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { annotateArticle, defaultResources } from '../src/annotate/annotate.js';
import type { ChainLink, Claim } from '../src/attribution/claims.js';
import { readInput } from '../src/ingest/read.js';
import { compareClaims, distinctClaims, originKey, type CompareInput, type StoryClaim } from '../src/stories/compare.js';
import { ctxFor, FIXED_NOW, SEED_LEGIT, SEED_MT } from './helpers.js';

const resources = defaultResources();
function seed(path: string): CompareInput {
  const article = readInput(readFileSync(path), ctxFor(path), { now: FIXED_NOW }).articles[0]!;
  return { article, annotations: annotateArticle(article, resources) };
}
const inputs = [seed(SEED_MT), seed(SEED_LEGIT)];
const matrix = compareClaims(inputs);
const find = (pred: (c: StoryClaim) => boolean) => {
  const hit = matrix.find(pred);
  assert.ok(hit, 'claim not found');
  return hit;
};
const names = (chain: readonly ChainLink[]) => chain.map((l) => `${l.kind}:${l.name}`);

test('the intelligence-sharing claim: both outlets, two independent anonymous sources told apart by their relays', () => {
  const intel = find((c) => c.reports.some((r) => r.outlet === 'The Moscow Times' && /providing Iran with intelligence/.test(c.text)));
  assert.deepEqual(intel.reports.map((r) => r.outlet), ['The Moscow Times', 'Legit.ng']);
  assert.deepEqual(intel.reports.map((r) => names(r.chain)), [
    ['speaker:sources', 'relay:The Washington Post', 'publisher:The Moscow Times'],
    ['speaker:multiple sources familiar with US intelligence reporting', 'relay:CNN', 'publisher:Legit.ng'],
  ]);
  assert.equal(intel.independent_sources, 2);
  assert.deepEqual(intel.sources, ['anonymous via CNN', 'anonymous via The Washington Post']);
  assert.deepEqual(intel.omitted_by, []);
});

test('the Kremlin saying Tehran has not asked for support contradicts the intelligence-sharing reports', () => {
  const intel = find((c) => /providing Iran with intelligence/.test(c.text));
  const denial = find((c) => /have not asked for any support/.test(c.text));
  assert.equal(denial.negated, true);
  assert.deepEqual(denial.sources, ['RUSGOV']);
  assert.deepEqual(denial.omitted_by, ['Legit.ng']);
  assert.ok(denial.contradicts.includes(intel.id));
  assert.ok(intel.contradicts.includes(denial.id));
});

test('the phone call, relayed from the Kremlin, is one claim with one source', () => {
  const callClaim = find((c) => /held a phone call with Iranian President Masoud Pezeshkian/.test(c.text));
  // Legit.ng's lead ("…held a phone conversation with …, calling for a rapid reduction in tensions") has no
  // reporting cue: "calling for" is a directive, so it is no claim (it used to be one, said by "for a rapid reduction").
  assert.deepEqual(callClaim.reports.map((r) => r.outlet), ['The Moscow Times']);
  assert.equal(callClaim.independent_sources, 1);
  assert.deepEqual(callClaim.sources, ['RUSGOV']);
});

test('every report points into its article body; ids are k1..kn; each outlet is either reporting or omitting', () => {
  const bodies = new Map(inputs.map((x) => [x.article.id, x.article.body]));
  const claimsOf = new Map(inputs.map((x) => [x.article.id, x.annotations.claims]));
  matrix.forEach((c, i) => {
    assert.equal(c.id, `k${i + 1}`);
    assert.deepEqual(Object.keys(c).filter((k) => ['id', 'text', 'reports', 'independent_sources', 'contradicts', 'omitted_by'].includes(k)).length, 6);
    for (const r of c.reports) {
      const claim = claimsOf.get(r.article_id)!.find((x) => x.id === r.claim_id)!;
      assert.equal(bodies.get(r.article_id)!.slice(r.start, r.end), claim.text);
    }
    const reporting = new Set(c.reports.map((r) => r.outlet));
    assert.deepEqual([...new Set([...reporting, ...c.omitted_by])].sort(), ['Legit.ng', 'The Moscow Times']);
    assert.ok(c.independent_sources >= 1);
    for (const k of c.contradicts) assert.ok(matrix.find((x) => x.id === k)!.contradicts.includes(c.id), 'contradiction is symmetric');
  });
  assert.deepEqual(compareClaims(inputs), matrix, 'deterministic');
});

const claim = (id: string, start: number, end: number, chain: ChainLink[], quote = false): Claim => ({
  id, text: 'x'.repeat(end - start), start, end, quote, chain, negated: false, hedged: false, sentence: 0, cue: null,
  speaker: { name: chain[0]!.name, code: chain[0]!.code ?? null, anonymous: !!chain[0]!.anonymous, description: null, actor_id: null, start: null, end: null },
});
const SPEAKER = (name: string, code: string | null = null, anonymous = false): ChainLink => ({ name, kind: 'speaker', code, anonymous });
const RELAY = (name: string): ChainLink => ({ name, kind: 'relay', code: null, anonymous: false });
const PUB: ChainLink = { name: 'Paper', kind: 'publisher', code: null, anonymous: false };

test('nested claims collapse to the one with the longest chain, then reported speech over its quote', () => {
  const outer = claim('c1', 0, 100, [SPEAKER('CNN', 'USAMED'), PUB]);
  const inner = claim('c2', 40, 100, [SPEAKER('sources', null, true), RELAY('CNN'), PUB]);
  const speech = claim('c3', 200, 260, [SPEAKER('Kremlin', 'RUSGOV'), PUB]);
  const quote = claim('c4', 220, 250, [SPEAKER('Kremlin', 'RUSGOV'), PUB], true);
  assert.deepEqual(distinctClaims([outer, inner, speech, quote]).map((c) => c.id), ['c2', 'c3']);
});

test('origin keys: actor code, name for media or unknown codes, anonymous by relay or publisher', () => {
  const cases: [ChainLink[], string][] = [
    [[SPEAKER('Kremlin', 'RUSGOV'), RELAY('TASS'), PUB], 'RUSGOV'],
    [[SPEAKER('Vladimir Putin', 'RUSGOV'), PUB], 'RUSGOV'],
    [[SPEAKER('CNN', 'USAMED'), PUB], 'CNN'],
    [[SPEAKER('Saudi authorities'), PUB], 'Saudi authorities'],
    [[SPEAKER('sources', null, true), RELAY('The Washington Post'), PUB], 'anonymous via The Washington Post'],
    [[SPEAKER('officials', null, true), PUB], 'anonymous via Paper'],
  ];
  for (const [chain, want] of cases) assert.equal(originKey(chain, 'Paper'), want);
});
