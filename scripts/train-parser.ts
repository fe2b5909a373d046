import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/data/load.js';
import { serializeModel, trainingReportPath, type ParserModel } from '../src/nlp/parser/model.js';
import { inventory, jointClasses, predictTags, readGold, scoreParses, trainParser, trainTagger } from '../src/nlp/parser/train.js';

/**
 * `npm run train:parser`: rebuilds data/models/parser-en.bin from the UD English treebanks in
 * ../shared/datasets/ud-english (EWT and the CC BY part of GUM): train files for training, dev files
 * to choose the epoch; the test files are never read here. Deterministic: a fixed seed, sentences
 * shuffled by it, no clock or thread in any decision.
 */

const fmt = (x: number) => x.toFixed(2);

/** data/models/word-clusters.tsv (made by scripts/build-clusters.ts): word, coarse id, fine id. */
function readClusters(path: string): Map<string, number> {
  const out = new Map<string, number>();
  if (!existsSync(path)) {
    console.log(`no word clusters at ${path}: training without them`);
    return out;
  }
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [w, c, f] = line.split('\t');
    if (w && !out.has(w)) out.set(w, (Number(c) << 16) | Number(f));
  }
  return out;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: join(packageRoot(), '..', 'shared', 'datasets', 'ud-english') },
      out: { type: 'string', default: join(packageRoot(), 'data', 'models', 'parser-en.bin') },
      epochs: { type: 'string', default: '10' },
      'tagger-epochs': { type: 'string', default: '6' },
      folds: { type: 'string', default: '5' },
      seed: { type: 'string', default: '20261206' },
      limit: { type: 'string' },
      prune: { type: 'string', default: '1' },
      beam: { type: 'string', default: '8' },
      update: { type: 'string', default: 'max-violation' },
      clusters: { type: 'string', default: join(packageRoot(), 'data', 'models', 'word-clusters.tsv') },
    },
  });
  const dir = resolve(values.data);
  const files = { train: ['en_ewt-ud-train.conllu', 'en_gum-ccby-ud-train.conllu'], dev: ['en_ewt-ud-dev.conllu', 'en_gum-ccby-ud-dev.conllu'] };
  for (const f of [...files.train, ...files.dev]) {
    if (!existsSync(join(dir, f))) {
      console.error(`train:parser: ${join(dir, f)} not found (the UD English treebanks live in ../shared/datasets/ud-english)`);
      process.exit(2);
    }
  }
  const seed = Number(values.seed);
  const clusters = readClusters(values.clusters);
  const t0 = performance.now();
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;
  let train = files.train.flatMap((f) => readGold(join(dir, f)));
  if (values.limit) train = train.slice(0, Number(values.limit));
  const dev = files.dev.flatMap((f) => readGold(join(dir, f)));
  const xposTags = inventory(train.flatMap((s) => s.xpos));
  const uposTags = inventory(train.flatMap((s) => s.upos));
  const classes = jointClasses(train);
  const labels = inventory(['root', 'dep', ...train.flatMap((s) => s.deprel)]);
  console.log(`train: ${train.length} sentences, ${train.reduce((n, s) => n + s.forms.length, 0)} words; dev: ${dev.length} sentences; ${xposTags.length} fine tags, ${uposTags.length} universal tags, ${labels.length} relations`);

  // Jackknifed tags: the parser learns from tags as wrong as the ones it will see.
  const folds = Number(values.folds);
  const taggerEpochs = Number(values['tagger-epochs']);
  const tags = new Array<{ xpos: Int32Array; upos: Int32Array }>(train.length);
  for (let f = 0; f < folds; f++) {
    const inFold = (i: number) => i % folds === f;
    const models = trainTagger(train.filter((_, i) => !inFold(i)), xposTags, uposTags, classes, taggerEpochs, seed + f + 1, clusters);
    const held = train.map((s, i) => [s, i] as const).filter(([, i]) => inFold(i));
    const pred = predictTags(models, held.map(([s]) => s), clusters);
    held.forEach(([, i], k) => {
      tags[i] = pred[k]!;
    });
    console.log(`  tagger fold ${f + 1}/${folds} done (${elapsed()})`);
  }
  const tagger = trainTagger(train, xposTags, uposTags, classes, taggerEpochs, seed, clusters);
  console.log(`tagger trained on all of train (${elapsed()})`);

  const beam = Number(values.beam);
  const update = values.update === 'early' ? 'early' : 'max-violation';
  if (!(beam >= 1) || (values.update !== 'early' && values.update !== 'max-violation')) {
    console.error('train:parser: --beam takes a width >= 1, --update early or max-violation');
    process.exit(2);
  }
  const meta: Record<string, unknown> = {
    trained_on: files.train, tuned_on: files.dev, seed, tagger_epochs: taggerEpochs, jackknife_folds: folds, beam,
    system: beam > 1
      ? `arc-hybrid, beam ${beam}, global training (structured averaged perceptron, ${update} update, static oracle); local arc labeller trained along gold; averaged perceptrons over hashed features; two-pass joint fine|universal tagger (right to left, then left to right)`
      : 'arc-hybrid, dynamic oracle, greedy; averaged perceptrons over hashed features; two-pass joint fine|universal tagger (right to left, then left to right)',
    ...(beam > 1 ? { update } : {}),
  };
  const model = (t: { transitions: ParserModel['transitions']; labeler: ParserModel['labeler'] }, extra: Record<string, unknown> = {}): ParserModel => ({
    xposTags, uposTags, labels, clusters, tagger: tagger.tagger, joint: tagger.joint, transitions: t.transitions, labeler: t.labeler, meta: { ...meta, ...extra },
  });
  const devScores: Record<number, ReturnType<typeof scoreParses>> = {};
  const parsed = trainParser(train, tags, labels, {
    epochs: Number(values.epochs),
    seed,
    clusters,
    beam,
    update,
    onEpoch: (e, t, info) => {
      const s = scoreParses(model(t), dev);
      devScores[e] = s;
      const upd = info ? `, ${info.updates} updates` : '';
      console.log(`  parser epoch ${e}: dev UPOS ${fmt(s.upos)} XPOS ${fmt(s.xpos)} UAS ${fmt(s.uas)} LAS ${fmt(s.las)} (${t.transitions.pairs + t.labeler.pairs} weights${upd}, ${elapsed()})`);
      return s.las;
    },
  });
  const prune = Number(values.prune);
  const kept = { transitions: parsed.transitions.pruned(prune), labeler: parsed.labeler.pruned(prune) };
  const devPruned = scoreParses(model(kept), dev);
  console.log(`pruned features with every |weight| < ${prune}: transitions ${parsed.transitions.keys.length} -> ${kept.transitions.keys.length}, labels ${parsed.labeler.keys.length} -> ${kept.labeler.keys.length}; dev UAS ${fmt(devPruned.uas)} LAS ${fmt(devPruned.las)}`);
  const trainingSeconds = Math.round((performance.now() - t0) / 1000);
  // The model holds nothing that varies between runs (so a rebuild is byte-identical); how long
  // training took, and the dev score of every epoch, go to a report beside it.
  const final = model(kept, { epochs: parsed.epoch, dev: devPruned, dev_unpruned: devScores[parsed.epoch], prune });
  const bytes = serializeModel(final);
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, bytes);
  writeFileSync(trainingReportPath(values.out), `${JSON.stringify({ training_seconds: trainingSeconds, machine: `${cpus().length} cores, node ${process.version}`, dev_by_epoch: devScores, kept_epoch: parsed.epoch }, null, 2)}\n`);
  console.log(`kept epoch ${parsed.epoch}; wrote ${values.out} (${(statSync(values.out).size / 1e6).toFixed(1)} MB) in ${trainingSeconds} s`);
}

main();
