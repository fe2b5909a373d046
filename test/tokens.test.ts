import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { annotateArticle, ANNOTATOR_VERSION, defaultResources, type Annotations } from '../src/annotate/annotate.js';
import { main } from '../src/cli/main.js';
import { codeArticle } from '../src/events/coder.js';
import { defaultOntology } from '../src/events/ontology.js';
import { readInput } from '../src/ingest/read.js';
import { analyse, analyseCallCount, analysisFromAnnotations, toColumns, type DependencyParser } from '../src/nlp/analyse.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import type { Article } from '../src/types/article.js';
import { articleFromText, captureIo, ctxFor, FIXED_NOW, scratch, SEED_LEGIT, SEED_MT } from './helpers.js';

const res = { ontology: defaultOntology(), lexicon: defaultResources().lexicon };
const seed = (path: string): Article => readInput(readFileSync(path), ctxFor(path), { now: FIXED_NOW }).articles[0]!;
const SEEDS = [seed(SEED_MT), seed(SEED_LEGIT)];
/** As stored: through JSON and back. */
const stored = (a: Article, r = defaultResources()): Annotations => JSON.parse(JSON.stringify(annotateArticle(a, r))) as Annotations;

async function cli(args: string[], stdin?: string) {
  const io = captureIo();
  const code = await main(['node', 'wirescope', ...args], io, stdin === undefined ? undefined : Readable.from([Buffer.from(stdin)]));
  return { code, out: io.stdout(), err: io.stderr() };
}

test('tokens: the stored columns rebuild exactly the analysis the annotator made', () => {
  for (const a of SEEDS) {
    const fresh = analyse(a.body, a.paragraphs, defaultResources().parse);
    const ann = stored(a);
    assert.equal(ann.annotator_version, ANNOTATOR_VERSION);
    assert.equal(ann.tokens.start.length, ann.token_count);
    const rebuilt = analysisFromAnnotations(a.body, ann);
    assert.deepEqual(rebuilt, fresh);
    assert.deepEqual(toColumns(rebuilt), ann.tokens);
    for (const t of rebuilt.tokens) assert.equal(a.body.slice(t.start, t.end), t.text);
    ann.sentences.forEach((s, i) => {
      assert.equal(ann.tokens.start[s.token_start], s.start, `sentence ${i} starts at its first token`);
      assert.equal(ann.tokens.end[s.token_end - 1], s.end, `sentence ${i} ends at its last token`);
    });
    // Compact lemmas: most are the lower-cased text, stored as ''.
    assert.ok(ann.tokens.lemma.filter((l) => l === '').length > ann.token_count / 2);
    // Parsed: one root per sentence, every other token's head inside its own sentence.
    for (const sn of ann.sentences) {
      const heads = ann.tokens.head.slice(sn.token_start, sn.token_end);
      assert.equal(heads.filter((h) => h === -1).length, 1, 'one root');
      assert.ok(heads.every((h) => h === -1 || (h >= sn.token_start && h < sn.token_end)));
    }
    assert.ok(ann.tokens.deprel.every((d) => d !== ''));
  }
});

test('tokens: a parser hook gives heads (article-level) and relations, and may replace the tags', () => {
  const a = articleFromText(['Putin called Pezeshkian on Friday. Both leaders spoke.', 'Iran thanked Russia.']);
  // A toy parser: every word hangs on the one before it; the first is the root.
  const calls: string[][] = [];
  const parse: DependencyParser = (words, tags) => {
    calls.push([...words]);
    assert.equal(tags.length, words.length);
    return { upos: words.map(() => 'X'), head: words.map((_, k) => k), deprel: words.map((_, k) => (k === 0 ? 'root' : 'dep')) };
  };
  const analysis = analyse(a.body, a.paragraphs, parse);
  assert.equal(calls.length, analysis.sentences.length);
  assert.equal(analysis.sentences.length, 3);
  for (const s of analysis.sentences) {
    assert.equal(analysis.tokens[s.tokenStart]!.head, -1);
    assert.equal(analysis.tokens[s.tokenStart]!.deprel, 'root');
    for (let i = s.tokenStart + 1; i < s.tokenEnd; i++) {
      assert.equal(analysis.tokens[i]!.head, i - 1);
      assert.equal(analysis.tokens[i]!.deprel, 'dep');
    }
  }
  assert.ok(analysis.tokens.every((t) => t.pos === 'X'));
  // Threaded through annotate, stored, rebuilt.
  const ann = stored(a, { ...defaultResources(), parse });
  assert.deepEqual(analysisFromAnnotations(a.body, ann), analysis);
  assert.throws(() => analyse(a.body, a.paragraphs, (w) => ({ head: w.map(() => 99), deprel: w.map(() => 'dep') })), /head 99/);
  assert.throws(() => analyse(a.body, a.paragraphs, () => ({ head: [], deprel: [] })), /returned 0 heads/);
});

test('coder: reads the stored tokens and never runs the NLP pipeline again', () => {
  for (const a of SEEDS) {
    const ann = stored(a);
    const before = analyseCallCount();
    const ms = codeArticle(a, ann, res);
    assert.equal(analyseCallCount(), before, 'codeArticle must not call analyse()');
    assert.ok(ms.length > 5);
    // The output follows the stored tags: a verb tagged NOUN in the store is no longer coded as a verb.
    const m = ms.find((x) => ann.tokens.pos[ann.tokens.start.indexOf(x.start)] === 'VERB');
    assert.ok(m, 'an event triggered by a verb');
    const i = ann.tokens.start.indexOf(m.start);
    const altered: Annotations = { ...ann, tokens: { ...ann.tokens, pos: ann.tokens.pos.map((p, k) => (k === i ? 'NOUN' : p)) } };
    const after = codeArticle(a, altered, res);
    assert.ok(!after.some((x) => x.start === m.start && x.cameo === m.cameo), 'no event is triggered by the re-tagged token');
    assert.deepEqual(codeArticle(a, ann, res), ms, 'the same stored tokens code the same events');
  }
});

test('coder: annotations from before the token table ask for `wirescope annotate`', async (t) => {
  const a = SEEDS[0]!;
  const { tokens: _tokens, ...old } = stored(a);
  const v1 = { ...old, annotator_version: 1, sentences: old.sentences.map(({ start, end, paragraph }) => ({ start, end, paragraph })) } as unknown as Annotations;
  assert.throws(() => codeArticle(a, v1, res), /run `wirescope annotate`/);

  // Through the store and the CLI: `code` explains and skips; after `annotate`, it codes.
  const s = scratch(t);
  assert.equal((await cli(['ingest', SEED_MT, '--db', s.db, '-q'])).code, 0);
  const id = JSON.parse((await cli(['articles', '--json', '--db', s.db])).out)[0].id as string;
  const store = new SqliteStore(s.db);
  await store.saveAnnotations([{ annotations: { ...v1, article_id: id }, annotatedAt: '2026-01-01T00:00:00Z' }]);
  await store.close();
  const stale = await cli(['code', '--db', s.db]);
  assert.equal(stale.code, 1);
  assert.match(stale.out, /1 article not coded: its annotations are out of date .*run `wirescope annotate`/);
  const json = JSON.parse((await cli(['code', '--json', '--db', s.db])).out);
  assert.equal(json.coded, 0);
  assert.equal(json.outdated.length, 1);
  assert.equal(JSON.parse((await cli(['annotate', '--json', '--db', s.db])).out).annotated, 1, 'annotate redoes the older annotations');
  const ok = JSON.parse((await cli(['code', '--json', '--db', s.db])).out);
  assert.equal(ok.coded, 1);
  assert.equal(ok.outdated.length, 0);
  assert.ok(ok.mentions > 5);
});

test('cli: show --parse prints each sentence\'s tokens (JSON and CoNLL-U-like text)', async (t) => {
  const s = scratch(t);
  await cli(['ingest', SEED_LEGIT, '--db', s.db, '-q']);
  await cli(['annotate', '--db', s.db]);
  const id = JSON.parse((await cli(['articles', '--json', '--db', s.db])).out)[0].id as string;
  const plain = JSON.parse((await cli(['show', id, '--annotations', '--json', '--db', s.db])).out);
  assert.ok(!('tokens' in plain.sentences[0]), 'tokens only with --parse');
  const doc = JSON.parse((await cli(['show', id, '--annotations', '--parse', '--json', '--db', s.db])).out);
  for (const key of ['article', 'sentences', 'entities', 'actors', 'times', 'claims']) assert.ok(key in doc, key);
  for (const sentence of doc.sentences) {
    for (const key of ['start', 'end', 'paragraph', 'token_start', 'token_end', 'tokens']) assert.ok(key in sentence, key);
    assert.equal(sentence.tokens.length, sentence.token_end - sentence.token_start);
    for (const tok of sentence.tokens) {
      assert.deepEqual(Object.keys(tok), ['text', 'start', 'end', 'pos', 'lemma', 'head', 'deprel']);
      assert.equal(doc.article.body.slice(tok.start, tok.end), tok.text);
      assert.ok(Number.isInteger(tok.head) && tok.head >= 0 && tok.head <= sentence.tokens.length, 'parsed: 1-based head, 0 for the root');
      assert.ok(tok.deprel.length > 0);
    }
    assert.equal(sentence.tokens.filter((x: { head: number }) => x.head === 0).length, 1, 'one root per sentence');
  }
  assert.equal(doc.sentences[0].tokens[0].start, doc.sentences[0].start);
  const text = await cli(['show', id.slice(0, 10), '--parse', '--db', s.db]);
  assert.equal(text.code, 0);
  assert.match(text.out, /tokens \(ID FORM LEMMA UPOS HEAD DEPREL offsets\):/);
  assert.match(text.out, /^ {4}1\t\S+\t\S+\t[A-Z]+\t\d+\t[a-z:]+\t\d+-\d+$/m);
  assert.match(text.out, /\tPutin\t\S+\tPROPN\t\d+\t[a-z:]+\t\d+-\d+$/m);
});

test('tokens: a line break inside a paragraph is not a token', () => {
  const body = 'Putin met Xi in Moscow.\nXi thanked Putin.';
  const { sentences, tokens } = analyse(body, [{ start: 0, end: body.length, kind: 'text' }]);
  assert.deepEqual(tokens.map((t) => t.text), ['Putin', 'met', 'Xi', 'in', 'Moscow', '.', 'Xi', 'thanked', 'Putin', '.']);
  assert.equal(sentences.length, 2);
  assert.equal(body.slice(sentences[1]!.start, sentences[1]!.end), 'Xi thanked Putin.');
});

test('sentences: a dot inside brackets before a lower-case word ends no sentence ("(R-Fla.) said")', async () => {
  const { analyse } = await import('../src/nlp/analyse.js');
  const body = 'Rep. John Mica (R-Fla.) said the vote was fair. The panel then adjourned.';
  const a = analyse(body, [{ start: 0, end: body.length, kind: 'text' }]);
  assert.deepEqual(a.sentences.map((s) => body.slice(s.start, s.end)), ['Rep. John Mica (R-Fla.) said the vote was fair.', 'The panel then adjourned.']);
});

test('entities: a given name before a known person\'s bare surname is a namesake ("Ivana Trump" is not Donald Trump); titles and the person\'s own name still link', () => {
  const body = 'Ivana Trump later dismissed those reports. Donald J. Trump spoke later. President Trump left.';
  const a = articleFromText([body]);
  const ann = annotateArticle(a);
  const people = ann.entities.filter((e) => e.type === 'PERSON').map((e) => `${e.text}=${ann.actors.find((x) => x.id === e.actor_id)?.name ?? '?'}`);
  assert.deepEqual(people, ['Ivana Trump=Ivana Trump', 'Donald J. Trump=Donald Trump', 'Trump=Donald Trump']);
});
