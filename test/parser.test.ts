import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { main } from '../src/cli/main.js';
import { readConllu, rewriteConllu } from '../src/nlp/conllu.js';
import { LEFT, MOVES, moveCosts, oracleMoves, ParseState, RIGHT, SHIFT } from '../src/nlp/parser/arc-hybrid.js';
import { defaultParserModel, parseWords } from '../src/nlp/parser/index.js';
import { deserializeModel, ModelFormatError, serializeModel } from '../src/nlp/parser/model.js';
import { seededRandom } from '../src/nlp/parser/train.js';
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
