import { readFileSync } from 'node:fs';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { defaultCreditRules } from '../src/ingest/captions.js';
import { defaultOutletTable } from '../src/ingest/outlets.js';
import { readInput } from '../src/ingest/read.js';
import { expandInputs } from '../src/ingest/sources.js';
import { analyse } from '../src/nlp/analyse.js';
import { defaultParserModel, type ParserModel } from '../src/nlp/parser/index.js';
import { lexicalHashes } from '../src/nlp/parser/lexical.js';
import { analyseSentence, modelBeam, tagIds } from '../src/nlp/parser/parser.js';

/**
 * Tagging and parsing speed in words per second on one core, beside wink-nlp's own `readDoc` (its
 * tokenizer, sentence splitter and tagger) over the same paragraphs in the same run. Text: the
 * articles of examples/ (real news prose), repeated until about `words` words.
 */
export async function benchParse(examplesDir: string, words = 200_000, opts: { model?: ParserModel; beam?: number } = {}): Promise<void> {
  const { sources } = await expandInputs([examplesDir]);
  const ctx = { outlets: defaultOutletTable(), credits: defaultCreditRules() };
  const paragraphs: string[] = [];
  for (const s of sources) {
    const res = readInput(readFileSync(s.path), { ...ctx, path: s.path }, { now: () => new Date() });
    for (const a of res.articles) if (a.language === 'en') for (const p of a.paragraphs) paragraphs.push(a.body.slice(p.start, p.end));
  }
  const sentences: string[][] = [];
  let total = 0;
  const pool: string[] = [];
  while (total < words && paragraphs.length) {
    for (const p of paragraphs) {
      const { sentences: ss, tokens } = analyse(p, [{ start: 0, end: p.length, kind: 'text' }]);
      for (const s of ss) sentences.push(tokens.slice(s.tokenStart, s.tokenEnd).map((t) => t.text));
      total += tokens.length;
      pool.push(p);
      if (total >= words) break;
    }
  }
  const nlp = winkNLP(model);
  const m = opts.model ?? defaultParserModel();
  const po = opts.beam === undefined ? {} : { beam: opts.beam };
  // Warm up both (JIT), then time.
  for (const p of pool.slice(0, 50)) nlp.readDoc(p).tokens().out(nlp.its.pos);
  for (const s of sentences.slice(0, 200)) analyseSentence(m, s, po);
  let t = performance.now();
  for (const p of pool) nlp.readDoc(p).tokens().out(nlp.its.pos);
  const winkMs = performance.now() - t;
  t = performance.now();
  for (const s of sentences) tagIds(m, lexicalHashes(s, m.clusters));
  const tagMs = performance.now() - t;
  t = performance.now();
  for (const s of sentences) analyseSentence(m, s, po);
  const parseMs = performance.now() - t;
  const rate = (ms: number) => Math.round(total / (ms / 1000)).toLocaleString('en-US');
  console.log(`parse: ${total.toLocaleString('en-US')} words in ${sentences.length.toLocaleString('en-US')} sentences (examples/ prose, repeated), one core`);
  console.log(`  wink-nlp readDoc (tokenize, split, tag)  ${rate(winkMs).padStart(10)} words/s`);
  console.log(`  wirescope tagger alone (given tokens)     ${rate(tagMs).padStart(10)} words/s`);
  console.log(`  wirescope tag + parse (given tokens, beam ${opts.beam ?? modelBeam(m)}) ${rate(parseMs).padStart(10)} words/s  (${((parseMs / total) * 800).toFixed(2)} ms per 800-word article)`);
}
