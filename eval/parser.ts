import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { dataPath } from '../src/data/load.js';
import { readConllu } from '../src/nlp/conllu.js';
import { DEFAULT_MODEL_FILE, defaultParserModel } from '../src/nlp/parser/index.js';
import { trainingReportPath } from '../src/nlp/parser/model.js';
import { lexicalHashes } from '../src/nlp/parser/lexical.js';
import { modelBeam, parseIds, tagIds } from '../src/nlp/parser/parser.js';

/**
 * Dependency parsing and tagging on the UD English test sets, CoNLL 2018 style: gold tokens, every
 * word scored (punctuation too), LAS on the universal relation (subtypes stripped). The model never
 * saw these files (trained on train, epoch chosen on dev).
 */

const TESTS = [
  ['EWT test', 'en_ewt-ud-test.conllu'],
  ['GUM test (CC BY genres)', 'en_gum-ccby-ud-test.conllu'],
] as const;

/** Relations whose recall (right head and full relation) the event coder depends on. */
const KEY_RELATIONS = ['nsubj', 'nsubj:pass', 'obj', 'iobj', 'obl', 'obl:agent', 'ccomp', 'xcomp', 'advcl', 'conj', 'appos', 'compound', 'flat', 'nmod', 'acl:relcl'];

const f1 = (x: number) => x.toFixed(1);

export function evalParser(shared: string): string[] {
  const dir = join(shared, 'ud-english');
  const lines: string[] = [];
  if (!existsSync(dir)) return ['  ../shared/datasets/ud-english not found: parser evaluation skipped.'];
  const m = defaultParserModel();
  const meta = m.meta as { epochs?: number; dev?: { uas: number; las: number; upos: number } };
  const reportPath = trainingReportPath(dataPath(DEFAULT_MODEL_FILE));
  const report = existsSync(reportPath) ? (JSON.parse(readFileSync(reportPath, 'utf8')) as { training_seconds?: number }) : {};
  const size = statSync(dataPath(DEFAULT_MODEL_FILE)).size;
  lines.push(`  model: data/${DEFAULT_MODEL_FILE}, ${(size / 1e6).toFixed(1)} MB, decoded with beam ${modelBeam(m)}; trained in ${report.training_seconds ?? '?'} s on a 2-core machine (epoch ${meta.epochs ?? '?'} kept on dev: UAS ${meta.dev ? f1(meta.dev.uas) : '?'}, LAS ${meta.dev ? f1(meta.dev.las) : '?'})`);
  lines.push('  set                       sentences   words    UPOS    XPOS     UAS     LAS   wink UPOS (same words)');
  const perRel = new Map<string, [number, number]>();
  const nlp = winkNLP(model);
  for (const [name, file] of TESTS) {
    const path = join(dir, file);
    if (!existsSync(path)) {
      lines.push(`  ${name}: ${file} not found, skipped`);
      continue;
    }
    let words = 0, upos = 0, xpos = 0, uas = 0, las = 0, aligned = 0, winkRight = 0, oursOnAligned = 0;
    const sentences = readConllu(readFileSync(path, 'utf8'));
    for (const s of sentences) {
      const forms = s.words.map((w) => w.form);
      const lex = lexicalHashes(forms, m.clusters);
      const t = tagIds(m, lex);
      const st = parseIds(m, lex, t.xpos, t.upos);
      s.words.forEach((w, i) => {
        words++;
        const ours = m.uposTags[t.upos[i]!];
        if (ours === w.upos) upos++;
        if (m.xposTags[t.xpos[i]!] === w.xpos) xpos++;
        const rel = m.labels[st.labels[i + 1]!] ?? 'dep';
        const headOk = st.heads[i + 1] === w.head;
        if (headOk) uas++;
        if (headOk && rel.split(':')[0] === w.deprel.split(':')[0]) las++;
        const r = perRel.get(w.deprel) ?? [0, 0];
        r[1]++;
        if (headOk && rel === w.deprel) r[0]++;
        perRel.set(w.deprel, r);
      });
      // wink-nlp's own tags, on the words its tokenizer splits the same way.
      const text = s.lines.find((l) => l.startsWith('# text = '))?.slice(9);
      if (!text) continue;
      const doc = nlp.readDoc(text);
      const values = doc.tokens().out(nlp.its.value) as string[];
      const tags = doc.tokens().out(nlp.its.pos) as string[];
      const winkAt = new Map<string, string>();
      let cur = 0;
      values.forEach((v, k) => {
        const at = text.indexOf(v, cur);
        if (at < 0) return;
        winkAt.set(`${at}:${at + v.length}`, tags[k]!);
        cur = at + v.length;
      });
      cur = 0;
      s.words.forEach((w, i) => {
        const at = text.indexOf(w.form, cur);
        if (at < 0) return;
        cur = at + w.form.length;
        const wt = winkAt.get(`${at}:${cur}`);
        if (wt === undefined) return;
        aligned++;
        if (wt === w.upos) winkRight++;
        if (m.uposTags[t.upos[i]!] === w.upos) oursOnAligned++;
      });
    }
    const pct = (x: number, d = words) => (100 * x) / d;
    lines.push(
      `  ${name.padEnd(26)}${String(sentences.length).padStart(9)}${String(words).padStart(8)}${f1(pct(upos)).padStart(8)}${f1(pct(xpos)).padStart(8)}${f1(pct(uas)).padStart(8)}${f1(pct(las)).padStart(8)}   ${f1(pct(winkRight, aligned))} vs ours ${f1(pct(oursOnAligned, aligned))} on ${f1(pct(aligned))}% of words`,
    );
  }
  lines.push(`  recall of key relations (right head and full relation, both test sets): ${KEY_RELATIONS.filter((r) => perRel.has(r)).map((r) => `${r} ${f1((100 * perRel.get(r)![0]) / perRel.get(r)![1])}`).join(', ')}`);
  return lines;
}
