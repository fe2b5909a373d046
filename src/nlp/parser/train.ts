import { readFileSync } from 'node:fs';
import { readConllu } from '../conllu.js';
import { LEFT, MOVES, moveCosts, oracleMoves, ParseState, RIGHT, SHIFT } from './arc-hybrid.js';
import { BeamSearch } from './beam.js';
import { labelFeatures, MAX_LABEL_FEATURES, MAX_TRANSITION_FEATURES, sentenceView, transitionFeatures } from './features.js';
import { lexicalHashes, type ClusterTable, type LexicalHashes } from './lexical.js';
import { argmax, featureVector, type LinearModel, PerceptronTrainer } from './linear.js';
import { seededRandom } from '../../util/random.js';
import { jointTags, type ParserModel } from './model.js';
import { firstPassTags, parseIds, tagIds, type ParseOptions } from './parser.js';
import { reversedLex, SECOND_PASS_FEATURES, secondPassFeatures, taggerFeatures } from './tagger.js';

/** A treebank sentence with its gold analysis (heads 1-based, 0 = root). */
export interface GoldSentence {
  readonly forms: readonly string[];
  readonly xpos: readonly string[];
  readonly upos: readonly string[];
  readonly head: readonly number[];
  readonly deprel: readonly string[];
}

/** A CoNLL-U file's sentences whose every word has a head (multi-word tokens and empty nodes left out). */
export function readGold(path: string): GoldSentence[] {
  return readConllu(readFileSync(path, 'utf8'))
    .filter((s) => s.words.every((w) => w.head >= 0))
    .map((s) => ({ forms: s.words.map((w) => w.form), xpos: s.words.map((w) => w.xpos), upos: s.words.map((w) => w.upos), head: s.words.map((w) => w.head), deprel: s.words.map((w) => w.deprel) }));
}


export function shuffled<T>(xs: readonly T[], rnd: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Inventories in a fixed order (by frequency, then name), so ids are stable between runs. */
export function inventory(values: Iterable<string>): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
}

export interface TaggerModels {
  /** First pass (right to left) over the joint classes. */
  readonly tagger: LinearModel;
  /** Second pass (left to right) and the classes. */
  readonly joint: ParserModel['joint'] & object;
}

/** The joint tagger's classes: the fine|universal pairs of the training data, most frequent first. */
export function jointClasses(sents: readonly GoldSentence[]): string[] {
  return inventory(sents.flatMap((s) => s.xpos.map((x, i) => `${x}|${s.upos[i]}`)));
}

/**
 * Train the two-pass joint tagger: the first pass (right to left, on reversed sentences), then the
 * second (left to right) on the first pass's tags of its training sentences, jackknifed in
 * `innerFolds` folds so they are as wrong as at run time. Both are greedy and learn on their own
 * predicted history.
 */
export function trainTagger(sents: readonly GoldSentence[], xposTags: readonly string[], uposTags: readonly string[], classes: readonly string[], epochs: number, seed: number, clusters?: ClusterTable, innerFolds = 2): TaggerModels {
  const cIndex = new Map(classes.map((t, i) => [t, i]));
  const lex = sents.map((s) => lexicalHashes(s.forms, clusters));
  const gold = sents.map((s) => Int32Array.from(s.forms, (_, i) => cIndex.get(`${s.xpos[i]}|${s.upos[i]}`) ?? 0));
  const cx = Int32Array.from(classes, (c) => Math.max(0, xposTags.indexOf(c.split('|')[0]!)));
  const fv = featureVector(SECOND_PASS_FEATURES);
  const scores = new Float32Array(256);
  const all = sents.map((_, i) => i);

  const trainGreedy = (idx: readonly number[], sd: number, features: (si: number, i: number, p1: number, p2: number) => number): LinearModel => {
    const rnd = seededRandom(sd);
    const t = new PerceptronTrainer(classes.length);
    for (let e = 0; e < epochs; e++) {
      for (const si of shuffled(idx, rnd)) {
        let p1 = 0, p2 = 0;
        for (let i = 0; i < sents[si]!.forms.length; i++) {
          const g = features(si, i, p1, p2);
          t.score(fv, scores);
          const c = argmax(scores, classes.length);
          t.update(fv, g, c);
          t.tick();
          p2 = p1;
          p1 = cx[c]! + 1;
        }
      }
    }
    return t.finalize();
  };

  const firstPass = (idx: readonly number[], sd: number): LinearModel => {
    const rev = new Map(idx.map((si) => [si, reversedLex(lex[si]!)]));
    return trainGreedy(idx, sd, (si, i, p1, p2) => {
      taggerFeatures(rev.get(si)!, i, p1, p2, fv, true);
      return gold[si]![gold[si]!.length - 1 - i]!;
    });
  };
  const draft = new Array<Int32Array>(sents.length);
  for (let f = 0; f < innerFolds; f++) {
    const m = firstPass(all.filter((i) => i % innerFolds !== f), seed + 101 + f);
    for (const i of all) if (i % innerFolds === f) draft[i] = firstPassTags(m, cx, lex[i]!);
  }
  const tagger = firstPass(all, seed);
  const second = trainGreedy(all, seed + 1, (si, i, p1, p2) => {
    const d = draft[si]!;
    const n = d.length;
    secondPassFeatures(lex[si]!, i, p1, p2, cx[d[i]!]! + 1, i + 1 < n ? cx[d[i + 1]!]! + 1 : 0, i + 2 < n ? cx[d[i + 2]!]! + 1 : 0, fv);
    return gold[si]![i]!;
  });
  return { tagger, joint: jointTags(classes, xposTags, uposTags, second) };
}

/** Tag ids a tagger predicts for each sentence. */
export function predictTags(models: TaggerModels, sents: readonly GoldSentence[], clusters?: ClusterTable): { xpos: Int32Array; upos: Int32Array }[] {
  const m = { tagger: models.tagger, joint: models.joint } as unknown as ParserModel;
  return sents.map((s) => tagIds(m, lexicalHashes(s.forms, clusters)));
}

export interface ParserTrainingOptions {
  readonly epochs: number;
  readonly seed: number;
  readonly clusters?: ClusterTable;
  /** Beam width of the transition classifier's training; 1 (default): greedy, with the dynamic oracle. */
  readonly beam?: number;
  /** With a beam: update at the step of largest violation (default; Huang et al. 2012) or where gold first falls off (early). */
  readonly update?: 'max-violation' | 'early';
  /** Called after each epoch with the averaged models of that epoch; return a score to keep the best. */
  readonly onEpoch?: (epoch: number, models: { transitions: LinearModel; labeler: LinearModel }, info?: { updates: number }) => number;
}

/**
 * Train the transition classifier with the dynamic oracle (following the model's own moves after
 * the first epoch, so it learns to recover from its mistakes) and the arc labeller on every arc made.
 */
/** Per sentence: the features' view (predicted tags), gold heads, label ids and dependents (index 0 = root). */
function prepareGold(sents: readonly GoldSentence[], tags: readonly { xpos: Int32Array; upos: Int32Array }[], labelIndex: ReadonlyMap<string, number>, clusters?: ClusterTable) {
  return sents.map((s, si) => {
    const n = s.forms.length;
    const gold = new Int32Array(n + 1);
    const goldLabel = new Int32Array(n + 1);
    const deps: number[][] = Array.from({ length: n + 1 }, () => []);
    for (let i = 0; i < n; i++) {
      gold[i + 1] = s.head[i]!;
      goldLabel[i + 1] = labelIndex.get(s.deprel[i]!) ?? labelIndex.get('dep')!;
      deps[s.head[i]!]?.push(i + 1);
    }
    const lex: LexicalHashes = lexicalHashes(s.forms, clusters);
    return { view: sentenceView(lex, tags[si]!.xpos, tags[si]!.upos), gold, goldLabel, deps, n };
  });
}

/** What greedy and beam training both start from: the seeded shuffle, label ids, the two perceptrons and their feature buffers. */
function trainingState(labels: readonly string[], opts: ParserTrainingOptions) {
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  return {
    rnd: seededRandom(opts.seed),
    labelIndex,
    rootLabel: labelIndex.get('root')!,
    tt: new PerceptronTrainer(MOVES),
    tl: new PerceptronTrainer(labels.length),
    fv: featureVector(MAX_TRANSITION_FEATURES),
    lv: featureVector(MAX_LABEL_FEATURES),
    scores: new Float32Array(256),
  };
}

export function trainParser(
  sents: readonly GoldSentence[],
  tags: readonly { xpos: Int32Array; upos: Int32Array }[],
  labels: readonly string[],
  opts: ParserTrainingOptions,
): { transitions: LinearModel; labeler: LinearModel; epoch: number } {
  if ((opts.beam ?? 1) > 1) return trainParserBeam(sents, tags, labels, opts);
  const { rnd, labelIndex, rootLabel, tt, tl, fv, lv, scores } = trainingState(labels, opts);
  const costs = new Int32Array(MOVES);
  const prepared = prepareGold(sents, tags, labelIndex, opts.clusters);
  let best = { transitions: null as LinearModel | null, labeler: null as LinearModel | null, score: -Infinity, epoch: 0 };
  const order = sents.map((_, i) => i);
  for (let e = 0; e < opts.epochs; e++) {
    for (const si of shuffled(order, rnd)) {
      const { view, gold, goldLabel, deps, n } = prepared[si]!;
      if (n === 0) continue;
      const st = new ParseState(n);
      while (!st.done) {
        transitionFeatures(view, st, fv);
        tt.score(fv, scores);
        moveCosts(st, gold, deps, costs);
        let guess = -1;
        let minCost = Infinity;
        for (let m = 0; m < MOVES; m++) {
          if (!st.valid(m)) continue;
          if (guess < 0 || scores[m]! > scores[guess]!) guess = m;
          if (costs[m]! < minCost) minCost = costs[m]!;
        }
        let truth = -1;
        for (let m = 0; m < MOVES; m++) if (st.valid(m) && costs[m] === minCost && (truth < 0 || scores[m]! > scores[truth]!)) truth = m;
        if (costs[guess]! > minCost) tt.update(fv, truth, guess);
        tt.tick();
        const move = e === 0 ? truth : guess;
        if (move === SHIFT) {
          st.apply(SHIFT);
          continue;
        }
        const h = st.headFor(move);
        const d = st.s(0);
        let label = rootLabel;
        if (h !== 0) {
          labelFeatures(view, st, h, d, lv);
          tl.score(lv, scores);
          const lg = argmax(scores, labels.length, rootLabel);
          const lt = goldLabel[d]!;
          if (lt !== rootLabel) {
            tl.update(lv, lt, lg);
            tl.tick();
          }
          label = e === 0 && lt !== rootLabel ? lt : lg;
        }
        st.apply(move === LEFT ? LEFT : RIGHT, label);
      }
    }
    const models = { transitions: tt.finalize(), labeler: tl.finalize() };
    const score = opts.onEpoch ? opts.onEpoch(e + 1, models) : e;
    if (score > best.score) best = { ...models, score, epoch: e + 1 };
  }
  return { transitions: best.transitions!, labeler: best.labeler!, epoch: best.epoch };
}

/**
 * Global training of the transition classifier (Zhang and Clark 2008; Zhang and Nivre 2011): the
 * structured averaged perceptron over whole move sequences, decoded with a beam of width k. The gold
 * sequence is the static oracle's (for non-projective trees: its least-cost moves, a projective tree
 * closest to gold). When the beam's best sequence is not gold, the weights move +1 along the gold
 * prefix and -1 along the beam's best prefix at the step where the beam's best most outscores gold
 * (max-violation; Huang, Fayong and Guo 2012), or at the step where gold first falls off the beam
 * (early update; Collins and Roark 2004). The averaging clock ticks once per beam step.
 *
 * The arc labeller stays a local classifier: labels are not searched over, the current labeller
 * names each arc an item makes (the same for the gold sequence), and it is trained along the gold
 * sequence, on states whose earlier labels are its own predictions, as at run time.
 */
function trainParserBeam(
  sents: readonly GoldSentence[],
  tags: readonly { xpos: Int32Array; upos: Int32Array }[],
  labels: readonly string[],
  opts: ParserTrainingOptions,
): { transitions: LinearModel; labeler: LinearModel; epoch: number } {
  const k = opts.beam!;
  const early = opts.update === 'early';
  const { rnd, labelIndex, rootLabel, tt, tl, fv, lv, scores } = trainingState(labels, opts);
  const lscores = new Float32Array(256);
  const prepared = prepareGold(sents, tags, labelIndex, opts.clusters).map((p) => ({ ...p, moves: Int32Array.from(p.n ? oracleMoves(p.gold, p.n) : []) }));
  const beam = new BeamSearch(k);
  let best = { transitions: null as LinearModel | null, labeler: null as LinearModel | null, score: -Infinity, epoch: 0 };
  const order = sents.map((_, i) => i);
  let goldLabels = new Int32Array(0), predMoves = new Int32Array(0), predLabels = new Int32Array(0);
  for (let e = 0; e < opts.epochs; e++) {
    let updates = 0;
    for (const si of shuffled(order, rnd)) {
      const { view, moves, goldLabel, n } = prepared[si]!;
      if (n === 0) continue;
      const T = 2 * n;
      if (goldLabels.length < T) {
        goldLabels = new Int32Array(T);
        predMoves = new Int32Array(T);
        predLabels = new Int32Array(T);
      }
      const labeler = (st: ParseState, h: number, d: number): number => {
        if (h === 0) return rootLabel;
        labelFeatures(view, st, h, d, lv);
        tl.score(lv, lscores);
        return argmax(lscores, labels.length, rootLabel);
      };
      beam.reset(n);
      const gs = new ParseState(n);
      let goldScore = 0;
      let goldSlot = 0;
      let maxViolation = -Infinity;
      let at = -1;
      for (let t = 0; t < T; t++) {
        // The gold sequence's score, and its next move.
        const gm = moves[t]!;
        transitionFeatures(view, gs, fv);
        tt.score(fv, scores);
        goldScore += scores[gm]!;
        beam.step(view, tt, labeler);
        tt.tick();
        // Label the gold arc as the beam would (the labeller before this step's update), then train the labeller on it.
        let gl = -1;
        if (gm !== SHIFT) {
          const h = gs.headFor(gm);
          const d = gs.s(0);
          gl = labeler(gs, h, d);
          const lt = goldLabel[d]!;
          if (h !== 0 && lt !== rootLabel) {
            tl.update(lv, lt, gl);
            tl.tick();
          }
        }
        gs.apply(gm, gl);
        goldLabels[t] = gl;
        if (goldSlot >= 0) {
          let j = -1;
          for (let s = 0; s < beam.size; s++) if (beam.parentOf(t, s) === goldSlot && beam.moveOf(t, s) === gm) j = s;
          goldSlot = j;
        }
        if (early) {
          if (goldSlot < 0) {
            at = t;
            break;
          }
        } else if (goldSlot !== 0 && beam.score[0]! - goldScore > maxViolation) {
          maxViolation = beam.score[0]! - goldScore;
          at = t;
        }
      }
      // No update when the beam's best complete sequence is gold.
      if (goldSlot === 0) continue;
      if (at < 0) at = T - 1;
      updates++;
      beam.history(at, 0, predMoves, predLabels);
      const g = new ParseState(n);
      const p = new ParseState(n);
      let same = true;
      for (let t = 0; t <= at; t++) {
        const gm = moves[t]!, pm = predMoves[t]!;
        if (same && (gm !== pm || goldLabels[t] !== predLabels[t])) same = false;
        if (!same) {
          transitionFeatures(view, g, fv);
          tt.adjust(fv, gm, 1);
          transitionFeatures(view, p, fv);
          tt.adjust(fv, pm, -1);
        }
        g.apply(gm, goldLabels[t]!);
        p.apply(pm, predLabels[t]!);
      }
    }
    const models = { transitions: tt.finalize(), labeler: tl.finalize() };
    const score = opts.onEpoch ? opts.onEpoch(e + 1, models, { updates }) : e;
    if (score > best.score) best = { ...models, score, epoch: e + 1 };
  }
  return { transitions: best.transitions!, labeler: best.labeler!, epoch: best.epoch };
}

export interface ParseScores {
  readonly words: number;
  readonly upos: number;
  readonly xpos: number;
  readonly uas: number;
  readonly las: number;
}

/** CoNLL 2018 style: every word counts (punctuation too); LAS compares universal relations (no subtype). */
export function scoreParses(model: ParserModel, sents: readonly GoldSentence[], opts: ParseOptions = {}): ParseScores {
  let words = 0, upos = 0, xpos = 0, uas = 0, las = 0;
  const univ = (r: string) => r.split(':')[0];
  for (const s of sents) {
    if (s.forms.length === 0) continue;
    const lex = lexicalHashes(s.forms, model.clusters);
    const t = tagIds(model, lex);
    const st = parseIds(model, lex, t.xpos, t.upos, opts);
    for (let i = 0; i < s.forms.length; i++) {
      words++;
      if (model.uposTags[t.upos[i]!] === s.upos[i]) upos++;
      if (model.xposTags[t.xpos[i]!] === s.xpos[i]) xpos++;
      if (st.heads[i + 1] === s.head[i]) {
        uas++;
        if (univ(model.labels[st.labels[i + 1]!] ?? 'dep') === univ(s.deprel[i]!)) las++;
      }
    }
  }
  const pct = (x: number) => (words ? (100 * x) / words : 0);
  return { words, upos: pct(upos), xpos: pct(xpos), uas: pct(uas), las: pct(las) };
}
