import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchParse } from '../bench/parse.js';
import { packageRoot } from '../src/data/load.js';
import { loadModelFile, type ParserModel } from '../src/nlp/parser/model.js';
import { modelBeam } from '../src/nlp/parser/parser.js';
import { readGold, scoreParses } from '../src/nlp/parser/train.js';

/**
 * Accuracy and speed of one parser model at several beam widths: UAS/LAS (CoNLL 2018 style, as
 * scoreParses) on the UD English dev files or, with --test, the test files (final reports only), and
 * words/s of tag + parse over examples/ (bench/parse.ts) per width, all in one process.
 *   node dist/scripts/eval-beam.js --model a.bin [--model b.bin] [--beams 1,4,8] [--test] [--no-bench]
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', multiple: true, default: [join(packageRoot(), 'data', 'models', 'parser-en.bin')] },
      data: { type: 'string', default: join(packageRoot(), '..', 'shared', 'datasets', 'ud-english') },
      beams: { type: 'string' },
      test: { type: 'boolean', default: false },
      'no-bench': { type: 'boolean', default: false },
      words: { type: 'string', default: '100000' },
    },
  });
  const dir = resolve(values.data);
  const sets = values.test
    ? [['EWT test', 'en_ewt-ud-test.conllu'], ['GUM test', 'en_gum-ccby-ud-test.conllu']]
    : [['EWT dev', 'en_ewt-ud-dev.conllu'], ['GUM dev', 'en_gum-ccby-ud-dev.conllu']];
  const runs: { name: string; m: ParserModel; k: number }[] = [];
  for (const path of values.model) {
    const m = loadModelFile(resolve(path));
    const beams = values.beams ? values.beams.split(',').map(Number) : [modelBeam(m)];
    console.log(`model ${path}: trained with beam ${modelBeam(m)}, epoch ${String(m.meta['epochs'])} kept, ${String(m.meta['training_seconds'])} s`);
    for (const k of beams) runs.push({ name: basename(path), m, k });
  }
  for (const [set, file] of sets) {
    const sents = readGold(join(dir, file!));
    for (const { name, m, k } of runs) {
      const t = performance.now();
      const s = scoreParses(m, sents, { beam: k });
      const secs = (performance.now() - t) / 1000;
      console.log(`  ${set!.padEnd(9)} ${name} beam ${String(k).padStart(2)}: UAS ${s.uas.toFixed(2)} LAS ${s.las.toFixed(2)} UPOS ${s.upos.toFixed(2)} (${s.words} words, tag + parse ${Math.round(s.words / secs)} words/s)`);
    }
  }
  if (!values['no-bench']) {
    for (const { name, m, k } of runs) {
      console.log(`bench: ${name}, beam ${k}`);
      await benchParse(join(packageRoot(), 'examples'), Number(values.words), { model: m, beam: k });
    }
  }
}

await main();
