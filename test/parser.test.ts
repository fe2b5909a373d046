import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { main } from '../src/cli/main.js';
import { readConllu, rewriteConllu } from '../src/nlp/conllu.js';
import { LEFT, MOVES, moveCosts, oracleMoves, ParseState, RIGHT, SHIFT } from '../src/nlp/parser/arc-hybrid.js';
import { defaultParserModel, parseWords } from '../src/nlp/parser/index.js';
import { lexicalHashes } from '../src/nlp/parser/lexical.js';
import { featureVector, LinearModel, PerceptronTrainer } from '../src/nlp/parser/linear.js';
import { deserializeModel, ModelFormatError, serializeModel, type ParserModel } from '../src/nlp/parser/model.js';
import { analyseSentence, labelCacheStats, parseIds } from '../src/nlp/parser/parser.js';
import { trainParser, type GoldSentence } from '../src/nlp/parser/train.js';
import { seededRandom } from '../src/util/random.js';
import { captureIo } from './helpers.js';

/** Replay moves; the heads they build (index 0 unused). */
function replay(n: number, moves: readonly number[]): number[] {
  const st = new ParseState(n);
  for (const m of moves) {
    assert.ok(st.valid(m), `move ${m} valid`);
    st.apply(m);
  }
  assert.ok(st.done);
  return [...st.heads].slice(1);
}

/** A random projective tree over n words with one root child (heads 1-based, 0 = root). */
function randomProjective(n: number, rnd: () => number): number[] {
  const heads = new Array<number>(n + 1).fill(0);
  const build = (lo: number, hi: number, parent: number) => {
    if (lo > hi) return;
    const r = lo + Math.floor(rnd() * (hi - lo + 1));
    heads[r] = parent;
    // Children spans left and right of r, each split into contiguous subtrees.
    let a = lo;
    while (a < r) {
      const b = a + Math.floor(rnd() * (r - a));
      build(a, b, r);
      a = b + 1;
    }
    a = r + 1;
    while (a <= hi) {
      const b = a + Math.floor(rnd() * (hi - a + 1));
      build(a, b, r);
      a = b + 1;
    }
  };
  build(1, n, 0);
  return heads.slice(1);
}

test('arc-hybrid: the oracle reproduces hand-built projective trees', () => {
  const trees: { words: string; heads: number[] }[] = [
    // Putin called Pezeshkian on Tuesday .
    { words: 'Putin called Pezeshkian on Tuesday .', heads: [2, 0, 2, 5, 2, 2] },
    // The Kremlin said Putin called for de-escalation
    { words: 'The Kremlin said Putin called for de-escalation', heads: [2, 3, 0, 5, 3, 7, 5] },
    // Single word.
    { words: 'Yes', heads: [0] },
    // Right-branching chain and left-branching chain.
    { words: 'a b c d', heads: [0, 1, 2, 3] },
    { words: 'a b c d', heads: [2, 3, 4, 0] },
  ];
  for (const t of trees) {
    const n = t.heads.length;
    const moves = oracleMoves(Int32Array.from([0, ...t.heads]), n);
    assert.equal(moves.length, 2 * n, `${t.words}: 2n moves`);
    assert.deepEqual(replay(n, moves), t.heads, t.words);
  }
});

test('arc-hybrid: the oracle reproduces 300 random projective trees', () => {
  const rnd = seededRandom(7);
  for (let k = 0; k < 300; k++) {
    const n = 1 + Math.floor(rnd() * 25);
    const heads = randomProjective(n, rnd);
    assert.deepEqual(replay(n, oracleMoves(Int32Array.from([0, ...heads]), n)), heads);
  }
});

test('arc-hybrid: dynamic oracle — from any state, the arcs lost equal the summed cost of the moves taken', () => {
  const rnd = seededRandom(11);
  for (let k = 0; k < 300; k++) {
    const n = 2 + Math.floor(rnd() * 15);
    const heads = randomProjective(n, rnd);
    const gold = Int32Array.from([0, ...heads]);
    const deps: number[][] = Array.from({ length: n + 1 }, () => []);
    for (let d = 1; d <= n; d++) deps[gold[d]!]!.push(d);
    const st = new ParseState(n);
    const costs = new Int32Array(MOVES);
    let spent = 0;
    while (!st.done) {
      moveCosts(st, gold, deps, costs);
      const valid = [SHIFT, LEFT, RIGHT].filter((m) => st.valid(m));
      // Half the time a random valid move, otherwise the cheapest: errors, then recovery.
      const m = rnd() < 0.5 ? valid[Math.floor(rnd() * valid.length)]! : valid.reduce((a, b) => (costs[b]! < costs[a]! ? b : a));
      spent += costs[m]!;
      st.apply(m);
    }
    let wrong = 0;
    for (let d = 1; d <= n; d++) if (st.heads[d] !== gold[d]) wrong++;
    assert.equal(wrong, spent, `tree ${heads.join(',')}`);
  }
});

test('arc-hybrid: every parse is one tree with a single root child', () => {
  const rnd = seededRandom(3);
  for (let k = 0; k < 200; k++) {
    const n = 1 + Math.floor(rnd() * 20);
    const st = new ParseState(n);
    while (!st.done) {
      const valid = [SHIFT, LEFT, RIGHT].filter((m) => st.valid(m));
      st.apply(valid[Math.floor(rnd() * valid.length)]!);
    }
    const heads = [...st.heads].slice(1);
    assert.equal(heads.filter((h) => h === 0).length, 1);
    for (let d = 1; d <= n; d++) {
      // Following heads from any word reaches the root without a cycle.
      let x = d;
      for (let steps = 0; x !== 0; steps++) {
        assert.ok(steps <= n, 'no cycle');
        x = st.heads[x]!;
      }
    }
  }
});

test('arc-hybrid: a copied state is the same state and moves on independently', () => {
  const rnd = seededRandom(5);
  for (let k = 0; k < 50; k++) {
    const n = 1 + Math.floor(rnd() * 15);
    const a = new ParseState(n);
    const b = new ParseState(n);
    const steps = Math.floor(rnd() * 2 * n);
    for (let i = 0; i < steps && !a.done; i++) {
      const valid = [SHIFT, LEFT, RIGHT].filter((m) => a.valid(m));
      a.apply(valid[Math.floor(rnd() * valid.length)]!, Math.floor(rnd() * 40));
    }
    b.copyFrom(a);
    const moves: number[] = [];
    while (!a.done) {
      const valid = [SHIFT, LEFT, RIGHT].filter((m) => a.valid(m));
      const m = valid[Math.floor(rnd() * valid.length)]!;
      moves.push(m);
      a.apply(m, 7);
    }
    for (const m of moves) b.apply(m, 7);
    assert.ok(b.done);
    assert.deepEqual([...b.heads], [...a.heads]);
    assert.deepEqual([...b.labels], [...a.labels]);
    assert.deepEqual([...b.leftSetLo, ...b.rightSetHi, ...b.l2, ...b.r2], [...a.leftSetLo, ...a.rightSetHi, ...a.l2, ...a.r2]);
  }
});

test('perceptron: a single-class adjustment is averaged over the clock like an update', () => {
  const t = new PerceptronTrainer(3);
  const f = featureVector(4);
  f.ids[0] = 12345;
  f.n = 1;
  t.adjust(f, 2, 1);
  t.adjust(f, 0, -1);
  for (let i = 0; i < 3; i++) t.tick();
  const u = new PerceptronTrainer(3);
  u.update(f, 2, 0);
  for (let i = 0; i < 3; i++) u.tick();
  const sa = new Float32Array(3), sb = new Float32Array(3);
  t.scoreAveraged(f, sa);
  u.scoreAveraged(f, sb);
  assert.deepEqual([...sa], [...sb]);
  assert.deepEqual([...sa], [-0.75, 0, 0.75]);
});

test('beam: global training learns a toy grammar, and any width gives one tree', () => {
  // Determiner-noun-verb-determiner-noun sentences, with or without a trailing prepositional phrase.
  const nouns = ['dog', 'cat', 'envoy', 'minister', 'talks', 'rebels'];
  const verbs = ['saw', 'met', 'hosted', 'blamed'];
  const rnd = seededRandom(11);
  const pick = (xs: string[]) => xs[Math.floor(rnd() * xs.length)]!;
  const sents: GoldSentence[] = [];
  for (let i = 0; i < 60; i++) {
    const pp = rnd() < 0.5;
    const forms = ['the', pick(nouns), pick(verbs), 'a', pick(nouns), ...(pp ? ['in', 'the', pick(nouns)] : [])];
    const xpos = ['DT', 'NN', 'VBD', 'DT', 'NN', ...(pp ? ['IN', 'DT', 'NN'] : [])];
    const upos = ['DET', 'NOUN', 'VERB', 'DET', 'NOUN', ...(pp ? ['ADP', 'DET', 'NOUN'] : [])];
    const head = [2, 3, 0, 5, 3, ...(pp ? [8, 8, 3] : [])];
    const deprel = ['det', 'nsubj', 'root', 'det', 'obj', ...(pp ? ['case', 'det', 'obl'] : [])];
    sents.push({ forms, xpos, upos, head, deprel });
  }
  const xTags = ['DT', 'NN', 'VBD', 'IN'], uTags = ['DET', 'NOUN', 'VERB', 'ADP'];
  const labels = ['root', 'dep', 'det', 'nsubj', 'obj', 'case', 'obl'];
  const tags = sents.map((s) => ({ xpos: Int32Array.from(s.xpos.map((t) => xTags.indexOf(t))), upos: Int32Array.from(s.upos.map((t) => uTags.indexOf(t))) }));
  for (const update of ['max-violation', 'early'] as const) {
    const trained = trainParser(sents, tags, labels, { epochs: 4, seed: 1, beam: 4, update });
    const model = { labels, transitions: trained.transitions, labeler: trained.labeler, meta: { beam: 4 } } as unknown as ParserModel;
    for (const [i, s] of sents.slice(0, 10).entries()) {
      const lex = lexicalHashes(s.forms);
      for (const k of [1, 2, 4, 8]) {
        const st = parseIds(model, lex, tags[i]!.xpos, tags[i]!.upos, { beam: k });
        assert.equal([...st.heads].slice(1).filter((h) => h === 0).length, 1);
        if (k === 4) {
          assert.deepEqual([...st.heads].slice(1), s.head, `${update}: ${s.forms.join(' ')}`);
          assert.deepEqual([...st.labels].slice(1).map((l) => labels[l]), s.deprel);
        }
      }
    }
  }
});

test('parser: beam width 1 is the greedy parser, and a wider beam still parses', () => {
  const model = defaultParserModel();
  const words = 'Iran said on Monday that it would not negotiate with Washington .'.split(' ');
  assert.deepEqual(analyseSentence(model, words, { beam: 1 }), parseWords(words, model));
  const wide = analyseSentence(model, words, { beam: 4 });
  assert.equal(wide.head.filter((h) => h === 0).length, 1);
  assert.equal(wide.head.length, words.length);
});

test('parser: labels remembered by their features are the labels scoring gives, at any width, and another model never reads the first one\'s', () => {
  const model = defaultParserModel();
  const text = [
    'Russian President Vladimir Putin held a telephone conversation with Iranian President Masoud Pezeshkian on Friday , the Kremlin said .',
    'The talks , which were hosted by Oman , ended without an agreement after the delegations failed to settle the question of sanctions .',
    'A drone attack that killed six U.S. service members was condemned by Kuwait , Qatar and Bahrain , officials told reporters in Doha .',
    'Putin called for de-escalation and a political settlement , and Pezeshkian thanked Russia for its solidarity .',
  ];
  // Twice over: the second pass answers from the cache.
  const sentences = [...text, ...text].map((x) => x.split(' '));
  const before = labelCacheStats.hits;
  for (const beam of [1, 8]) {
    for (const words of sentences) assert.deepEqual(analyseSentence(model, words, { beam }), analyseSentence(model, words, { beam, labelCache: false }), words.join(' '));
  }
  assert.ok(labelCacheStats.hits > before, 'the cache answered');
  // A model with other label weights (every weight negated): its labels, not the cached ones of the first.
  const l = model.labeler;
  const other: ParserModel = { ...model, labeler: new LinearModel(l.nClasses, l.keys, l.rowStart, l.cls, l.weights.map((w) => -w)) };
  let differ = 0;
  for (const words of sentences) {
    const cached = analyseSentence(other, words);
    assert.deepEqual(cached, analyseSentence(other, words, { labelCache: false }));
    if (JSON.stringify(cached.deprel) !== JSON.stringify(analyseSentence(model, words).deprel)) differ++;
  }
  assert.ok(differ > 0, 'the other labeller labels some sentence differently');
});

test('parser: the shipped model loads and parses a fixed sentence the same way every time', () => {
  const model = defaultParserModel();
  assert.ok(model.labels.includes('nsubj') && model.labels.includes('obl:agent'));
  const words = ['Putin', 'called', 'Pezeshkian', 'on', 'Tuesday', '.'];
  const a = parseWords(words);
  assert.deepEqual(a.head, [2, 0, 2, 5, 2, 2]);
  assert.deepEqual(a.deprel, ['nsubj', 'root', 'obj', 'case', 'obl', 'punct']);
  assert.deepEqual(a.upos, ['PROPN', 'VERB', 'PROPN', 'ADP', 'PROPN', 'PUNCT']);
  assert.deepEqual(parseWords(words), a);
  const passive = parseWords(['The', 'talks', 'were', 'hosted', 'by', 'Oman', '.']);
  assert.equal(passive.deprel[1], 'nsubj:pass');
  assert.equal(passive.deprel[5], 'obl:agent');
  assert.deepEqual(parseWords([]), { upos: [], xpos: [], head: [], deprel: [] });
});

test('parser: the model survives serialisation byte for byte, and a damaged file is refused', () => {
  const model = defaultParserModel();
  const bytes = serializeModel(model);
  const again = deserializeModel(bytes);
  const words = 'Iran said on Monday that it would not negotiate with Washington .'.split(' ');
  assert.deepEqual(parseWords(words, again), parseWords(words, model));
  assert.throws(() => deserializeModel(Buffer.from('not a model')), ModelFormatError);
  assert.throws(() => deserializeModel(bytes.subarray(0, bytes.length >> 1)), ModelFormatError);
});

const CONLLU = `# sent_id = x1
# text = I don't know.
1	I	I	PRON	PRP	_	3	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	3	aux	_	_
3	n't	not	PART	RB	_	3	advmod	_	_
3.1	ghost	_	_	_	_	_	_	_	_
4	know	know	VERB	VB	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	.	_	4	punct	_	_

`.replace(/^3\tn't\tnot\tPART\tRB\t_\t3/m, "3\tn't\tnot\tPART\tRB\t_\t4");

test('conllu: words skip ranges and empty nodes; rewriting keeps every other line and column', () => {
  const [s] = readConllu(CONLLU);
  assert.deepEqual(s!.words.map((w) => w.form), ['I', 'do', "n't", 'know', '.']);
  const out = rewriteConllu(s!, { upos: ['X', 'X', 'X', 'X', 'X'], head: [4, 4, 4, 0, 4], deprel: ['a', 'b', 'c', 'root', 'd'] });
  const lines = out.trim().split('\n');
  assert.equal(lines.length, 9);
  assert.equal(lines[3], "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_");
  assert.equal(lines[6], '3.1\tghost\t_\t_\t_\t_\t_\t_\t_\t_');
  assert.equal(lines[7], '4\tknow\tknow\tX\tVB\t_\t0\troot\t_\tSpaceAfter=No');
  assert.throws(() => readConllu('1\tonly\tthree\n'), /line 1: expected 10/);
});

async function cli(args: string[], stdin?: string) {
  const io = captureIo();
  const code = await main(['node', 'wirescope', ...args], io, stdin === undefined ? undefined : Readable.from([Buffer.from(stdin)]));
  return { code, out: io.stdout(), err: io.stderr() };
}

test('cli parse: --from conllu keeps the input tokens exactly and fills UPOS, HEAD and DEPREL', async () => {
  const r = await cli(['parse', '-', '--from', 'conllu'], CONLLU);
  assert.equal(r.code, 0, r.err);
  const [s] = readConllu(r.out);
  assert.deepEqual(s!.words.map((w) => w.form), ['I', 'do', "n't", 'know', '.']);
  assert.ok(r.out.includes("2-3\tdon't") && r.out.includes('3.1\tghost') && r.out.includes('# text = I don\'t know.'));
  assert.equal(s!.words[3]!.deprel, 'root');
  assert.equal(s!.words[0]!.deprel, 'nsubj');
  assert.equal(s!.words[0]!.head, 4);
  const j = await cli(['parse', '-', '--from', 'conllu', '--format', 'json'], CONLLU);
  const parsed = JSON.parse(j.out) as { sentences: { tokens: { form: string; head: number; deprel: string }[] }[] };
  assert.deepEqual(parsed.sentences[0]!.tokens.map((t) => t.form), ['I', 'do', "n't", 'know', '.']);
});

test('cli parse: text is split, tokenized and parsed with offsets; bad input and options fail cleanly', async () => {
  const text = 'Putin called Pezeshkian on Tuesday.\n\nIran thanked Russia for its support.';
  const r = await cli(['parse', '-', '--format', 'json'], text);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out) as { sentences: { tokens: { form: string; start: number; end: number; head: number; deprel: string }[] }[] };
  assert.equal(out.sentences.length, 2);
  for (const s of out.sentences) for (const t of s.tokens) assert.equal(text.slice(t.start, t.end), t.form);
  const thanked = out.sentences[1]!.tokens;
  assert.equal(thanked.find((t) => t.form === 'Iran')!.deprel, 'nsubj');
  assert.equal(thanked.find((t) => t.form === 'Russia')!.deprel, 'obj');
  const c = await cli(['parse', '-'], text);
  assert.match(c.out, /^# sent_id = 1\n# text = Putin called Pezeshkian on Tuesday\.\n1\tPutin\t/);
  assert.equal((await cli(['parse', '-', '--from', 'xml'], text)).code, 2);
  assert.equal((await cli(['parse', '-', '--format', 'yaml'], text)).code, 2);
  const bad = await cli(['parse', '-', '--from', 'conllu'], '1\tbroken\n');
  assert.equal(bad.code, 1);
  assert.match(bad.err, /CoNLL-U line 1/);
  assert.equal((await cli(['parse', '/nonexistent/file.txt'])).code, 1);
});

test('data: word-clusters.tsv loads (word, coarse, fine), and the shipped model carries the same table', async () => {
  const { readFileSync } = await import('node:fs');
  const { dataPath } = await import('../src/data/load.js');
  const lines = readFileSync(dataPath('models/word-clusters.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  assert.ok(lines.length >= 50_000);
  const table = new Map<string, number>();
  for (const l of lines) {
    const [w, c, f] = l.split('\t');
    assert.ok(w && /^\d+$/.test(c!) && /^\d+$/.test(f!), `bad line ${JSON.stringify(l)}`);
    assert.equal(Math.floor(Number(f) / 16), Number(c), 'a fine cluster lies inside its coarse one');
    if (!table.has(w)) table.set(w, (Number(c) << 16) | Number(f));
  }
  const model = defaultParserModel();
  assert.equal(model.clusters.size, table.size);
  for (const w of ['the', 'kremlin', 'ceasefire', 'said']) assert.equal(model.clusters.get(w), table.get(w), w);
});
