import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataJson } from '../src/data/load.js';

// The event ontology in data/cameo/ (see data/cameo/README.md): CAMEO codebook, CAMEO -> PLOVER
// mapping, the PETRARCH verb dictionary and the hand-written extra verb patterns.

interface Code {
  code: string;
  root: string;
  parent: string | null;
  name: string;
  title: string;
  goldstein: number;
  quad_class: number;
  note?: string;
}
interface Codebook { version: number; source: string; codes: Code[] }

interface PloverEntry {
  cameo: string;
  name: string;
  plover: string | null;
  mode: string | null;
  context: string[];
  row: string | null;
  match: 'code' | 'meaning' | 'root' | 'none';
  note?: string;
}
interface PloverRow { cameo: string; plover: string; mode: string | null; context: string[]; label: string }
interface PloverFile {
  version: number;
  licence: string;
  source: string;
  mapping: PloverEntry[];
  source_rows: PloverRow[];
  source_roots: Record<string, string[]>;
}

interface Coded { code?: string | null; reverse_code?: string; cameo?: string }
interface Verb extends Coded { lemma: string; head?: string; forms: string[]; regular?: boolean }
interface Pattern extends Coded { text: string; tokens: string[]; comment?: string; undefined_synsets?: string[] }
interface Block extends Coded { id: string; code: string | null; verbs: Verb[]; patterns: Pattern[] }
interface Synset { members: string[]; exact?: string[] }
interface VerbsFile {
  version: number;
  source: string;
  licence: string;
  licence_text: string;
  counts: Record<string, number>;
  code_map: Record<string, { code: string; note: string }>;
  synsets: Record<string, Synset>;
  transformations: { text: string; code: string | null; cameo: string }[];
  entries: Block[];
}

interface ExtraEntry {
  lemmas: string[];
  patterns: { text: string; tokens: string[] }[];
  code: string;
  reverse_code?: string;
  name: string;
  example: string;
  note: string;
}
interface ExtraFile { version: number; synsets: Record<string, { members: string[] }>; entries: ExtraEntry[] }

const codebook = () => loadDataJson<Codebook>('cameo/codebook.json');
const plover = () => loadDataJson<PloverFile>('cameo/plover.json');
const verbs = () => loadDataJson<VerbsFile>('cameo/verbs.json');
const extra = () => loadDataJson<ExtraFile>('cameo/verbs-extra.json');

const ROOTS = Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0'));
const PLOVER_TYPES = new Set([
  'AGREE', 'CONSULT', 'SUPPORT', 'COOPERATE', 'AID', 'CONCEDE', 'RETREAT', 'ACCUSE', 'REQUEST', 'REJECT',
  'THREATEN', 'PROTEST', 'MOBILIZE', 'SANCTION', 'COERCE', 'ASSAULT',
]);

/** GDELT quad class of a root: 1 verbal coop. 01-05, 2 material coop. 06-08, 3 verbal conflict 09-13, 4 material conflict 14-20. */
function quadClass(root: string): number {
  const r = Number(root);
  if (r <= 5) return 1;
  if (r <= 8) return 2;
  if (r <= 13) return 3;
  return 4;
}

function codeMap(): Map<string, Code> {
  return new Map(codebook().codes.map((c) => [c.code, c]));
}

test('codebook: codes are well formed, unique and consistent with their root', () => {
  const book = codebook();
  assert.equal(book.version, 1);
  assert.ok(book.source.length > 0);
  const seen = new Set<string>();
  for (const c of book.codes) {
    assert.match(c.code, /^\d{2,4}$/, `bad code "${c.code}"`);
    assert.ok(!seen.has(c.code), `duplicate code ${c.code}`);
    seen.add(c.code);
    assert.equal(c.root, c.code.slice(0, 2), `${c.code}: root`);
    const parent = c.code.length === 2 ? null : c.code.length === 3 ? c.root : c.code.slice(0, 3);
    assert.equal(c.parent, parent, `${c.code}: parent`);
    assert.equal(typeof c.goldstein, 'number', `${c.code}: goldstein`);
    assert.ok(c.goldstein >= -10 && c.goldstein <= 10, `${c.code}: goldstein ${c.goldstein} outside [-10, 10]`);
    assert.equal(c.quad_class, quadClass(c.root), `${c.code}: quad_class`);
    for (const s of [c.name, c.title]) {
      assert.ok(s.length > 0 && s === s.trim() && !/\s{2}/.test(s), `${c.code}: bad name or title "${s}"`);
    }
    assert.ok(c.note === undefined || c.note.length > 0, `${c.code}: empty note`);
  }
  for (const c of book.codes) {
    assert.ok(seen.has(c.root), `${c.code}: root ${c.root} missing`);
    if (c.parent) assert.ok(seen.has(c.parent), `${c.code}: parent ${c.parent} missing`);
  }
  for (const r of ROOTS) assert.ok(seen.has(r), `root ${r} missing`);
  assert.deepEqual(book.codes.filter((c) => c.code.length === 2).map((c) => c.code), ROOTS);
  assert.ok(book.codes.length >= 280, `only ${book.codes.length} codes`);
});

test('codebook: spot checks against the CAMEO table', () => {
  const codes = codeMap();
  const expect: [string, string, number, number][] = [
    ['01', 'MAKE PUBLIC STATEMENT', 0, 1],
    ['016', 'Make empathetic comment', 3.4, 1],
    ['041', 'Discuss by telephone', 1, 1],
    ['051', 'Praise or endorse', 3.4, 1],
    ['057', 'Sign formal agreement', 8, 1],
    ['062', 'Cooperate militarily', 7.4, 2],
    ['064', 'Share intelligence or information', 7, 2],
    ['111', 'Criticize or denounce', -2, 3],
    ['1823', 'Kill by physical assault', -10, 4],
    ['190', 'Use conventional military force, not specified below', -10, 4],
    ['195', 'Employ aerial weapons', -10, 4],
  ];
  for (const [code, name, goldstein, quad] of expect) {
    const c = codes.get(code);
    assert.ok(c, `${code} missing`);
    assert.equal(c.name, name, `${code}: name`);
    assert.equal(c.goldstein, goldstein, `${code}: goldstein`);
    assert.equal(c.quad_class, quad, `${code}: quad_class`);
  }
  assert.equal(codes.get('01')?.title, 'Make public statement');
  assert.equal(codes.get('0872')?.title, 'Ease military blockade');
  assert.ok(codes.get('0872')?.note, '0872: the repaired title needs a note');
});

test('plover: one mapping per codebook code, each pointing at a real PLOVER row', () => {
  const file = plover();
  const codes = codeMap();
  assert.equal(file.version, 1);
  assert.equal(file.licence, 'CC BY-SA 4.0');
  const rows = new Map(file.source_rows.map((r) => [r.cameo, r]));
  assert.equal(rows.size, file.source_rows.length, 'source_rows: duplicate CAMEO code');
  for (const r of file.source_rows) {
    assert.ok(PLOVER_TYPES.has(r.plover), `source row ${r.cameo}: unknown PLOVER type ${r.plover}`);
  }
  const mapped = new Set<string>();
  for (const m of file.mapping) {
    const c = codes.get(m.cameo);
    assert.ok(c, `mapping for unknown code ${m.cameo}`);
    assert.equal(m.name, c.name, `${m.cameo}: name differs from the codebook`);
    assert.ok(!mapped.has(m.cameo), `${m.cameo}: mapped twice`);
    mapped.add(m.cameo);
    assert.ok(Array.isArray(m.context), `${m.cameo}: context must be a list`);
    if (m.plover === null) {
      assert.equal(m.match, 'none', `${m.cameo}: no PLOVER type but match ${m.match}`);
      continue;
    }
    assert.ok(PLOVER_TYPES.has(m.plover), `${m.cameo}: unknown PLOVER type ${m.plover}`);
    if (m.match === 'root') {
      assert.equal(m.cameo.length, 2);
      assert.deepEqual(file.source_roots[m.cameo], [m.plover], `${m.cameo}: root line`);
      continue;
    }
    assert.ok(m.row, `${m.cameo}: no source row`);
    const row = rows.get(m.row);
    assert.ok(row, `${m.cameo}: source row ${m.row} missing`);
    assert.equal(m.plover, row.plover, `${m.cameo}: type differs from row ${m.row}`);
    assert.equal(m.mode, row.mode, `${m.cameo}: mode differs from row ${m.row}`);
    assert.deepEqual(m.context, row.context, `${m.cameo}: context differs from row ${m.row}`);
    if (m.match === 'code') assert.equal(m.row, m.cameo, `${m.cameo}: match "code" but row ${m.row}`);
    else assert.ok(m.match === 'meaning' && m.note, `${m.cameo}: a mapping by meaning needs a note`);
  }
  for (const c of codes.keys()) assert.ok(mapped.has(c), `codebook code ${c} has no PLOVER mapping entry`);
});

test('plover: spot checks', () => {
  const byCode = new Map(plover().mapping.map((m) => [m.cameo, m]));
  const expect: [string, string | null, string | null][] = [
    ['041', 'CONSULT', 'phone'],
    ['042', 'CONSULT', 'visit'],
    ['057', 'SUPPORT', null],
    ['062', 'COOPERATE', null],
    ['064', 'COOPERATE', null],
    ['111', 'ACCUSE', 'disapprove'],
    ['195', 'ASSAULT', 'heavy-weapons'],
    ['166', 'COERCE', 'restrict'], // codebook 166 "Impose embargo..." = PLOVER table row 163
    ['010', null, null], // PLOVER does not map CAMEO 01
  ];
  for (const [code, type, mode] of expect) {
    const m = byCode.get(code);
    assert.ok(m, `${code} missing`);
    assert.equal(m.plover, type, `${code}: PLOVER type`);
    assert.equal(m.mode, mode, `${code}: mode`);
  }
  assert.deepEqual(byCode.get('064')?.context, ['intelligence']);
  assert.deepEqual(byCode.get('062')?.context, ['military']);
});

/** Checks the codes of a verb block, verb or pattern; returns how many codes it carried. */
function checkCoded(where: string, x: Coded, codes: Map<string, Code>): number {
  let n = 0;
  if (x.code !== undefined && x.code !== null) {
    assert.ok(codes.has(x.code), `${where}: code ${x.code} not in the codebook`);
    n++;
  }
  if (x.reverse_code !== undefined) {
    assert.ok(codes.has(x.reverse_code), `${where}: reverse_code ${x.reverse_code} not in the codebook`);
    n++;
  }
  if (x.cameo !== undefined) assert.ok(x.cameo.length > 0, `${where}: empty cameo`);
  return n;
}

test('verbs: every verb and pattern code exists in the codebook', () => {
  const file = verbs();
  const codes = codeMap();
  assert.equal(file.version, 1);
  assert.equal(file.licence, 'MIT');
  assert.match(file.licence_text, /Copyright \(c\) 2015 Open Event Data Alliance/);
  for (const [from, to] of Object.entries(file.code_map)) {
    assert.ok(codes.has(to.code), `code_map ${from}: ${to.code} not in the codebook`);
    assert.ok(to.note.length > 0, `code_map ${from}: no note`);
  }
  let nVerbs = 0;
  let nPatterns = 0;
  const ids = new Set<string>();
  for (const b of file.entries) {
    assert.ok(!ids.has(b.id), `duplicate block ${b.id}`);
    ids.add(b.id);
    checkCoded(b.id, b, codes);
    for (const v of b.verbs) {
      nVerbs++;
      assert.ok(/^[a-z0-9' .-]+$/.test(v.lemma), `${b.id}: bad lemma "${v.lemma}"`);
      assert.ok(Array.isArray(v.forms), `${b.id} ${v.lemma}: forms`);
      checkCoded(`${b.id} ${v.lemma}`, v, codes);
    }
    for (const p of b.patterns) {
      nPatterns++;
      assert.ok(p.text.length > 0 && p.tokens.length > 0, `${b.id}: empty pattern`);
      checkCoded(`${b.id} "${p.text}"`, p, codes);
      for (const t of p.tokens) {
        if (t.startsWith('&') && !(p.undefined_synsets ?? []).includes(t)) {
          assert.ok(t in file.synsets, `${b.id} "${p.text}": unknown synset ${t}`);
        }
      }
    }
  }
  for (const t of file.transformations) if (t.code !== null) assert.ok(codes.has(t.code), `transformation ${t.text}`);
  assert.equal(nVerbs, file.counts.verbs);
  assert.equal(nPatterns, file.counts.patterns);
  assert.ok(nVerbs > 1500 && nPatterns > 4000, `only ${nVerbs} verbs, ${nPatterns} patterns`);
});

test('verbs: spot checks of the converted dictionary', () => {
  const file = verbs();
  const block = (id: string) => {
    const b = file.entries.find((e) => e.id === id);
    assert.ok(b, `block ${id} missing`);
    return b;
  };
  const call = block('CALL');
  assert.equal(call.code, '041');
  assert.equal(call.reverse_code, '041');
  assert.ok(call.verbs.some((v) => v.lemma === 'telephone'));
  const condemn = block('BLAME').verbs.find((v) => v.lemma === 'condemn');
  assert.equal(condemn?.code, '111');
  // "call for ceasefire" is CAMEO 1.1b3 0256, which this codebook has as 025 "Appeal to yield".
  const ceasefire = call.patterns.find((p) => p.text === '* (FOR &CEASEFIRE)');
  assert.equal(ceasefire?.code, '025');
  assert.equal(ceasefire?.cameo, '0256');
  // Condolences: CAMEO 1.1b3 018 -> codebook 016 "Make empathetic comment".
  assert.equal(file.code_map['018']?.code, '016');
  const ask = block('ASK').verbs.find((v) => v.lemma === 'ask for');
  assert.deepEqual(ask?.forms, ['asked for', 'asking for', 'asks for']);
  assert.equal(ask?.head, 'ask');
  assert.ok(file.synsets['&CEASEFIRE']?.members.includes('ceasefire'));
});

test('verbs-extra: entries use codebook codes and names, and explain themselves', () => {
  const file = extra();
  const codes = codeMap();
  const dictSynsets = verbs().synsets;
  assert.equal(file.version, 1);
  assert.ok(file.entries.length > 0);
  for (const e of file.entries) {
    const c = codes.get(e.code);
    assert.ok(c, `extra "${e.example}": code ${e.code} not in the codebook`);
    assert.equal(e.name, c.name, `extra ${e.code}: name must be the codebook's`);
    if (e.reverse_code !== undefined) assert.ok(codes.has(e.reverse_code), `extra ${e.code}: reverse_code`);
    assert.ok(e.note.length > 0 && e.example.length > 0, `extra ${e.code}: note and example required`);
    assert.ok(e.lemmas.length > 0 && e.patterns.length > 0, `extra ${e.code}: lemmas and patterns required`);
    for (const p of e.patterns) {
      assert.ok(p.tokens.includes('*'), `extra ${e.code} "${p.text}": no verb position`);
      for (const t of p.tokens) {
        if (t.startsWith('&')) assert.ok(t in file.synsets || t in dictSynsets, `extra "${p.text}": unknown synset ${t}`);
      }
    }
  }
  const find = (lemma: string, code: string) => file.entries.some((e) => e.lemmas.includes(lemma) && e.code === code);
  assert.ok(find('phone', '041'), 'phone -> 041');
  assert.ok(find('express', '016'), 'expressed condolences -> 016');
  assert.ok(find('condemn', '111'), 'condemned -> 111');
  assert.ok(find('thank', '051'), 'thanked -> 051');
  assert.ok(find('sign', '057'), 'signed an agreement -> 057');
  assert.ok(find('provide', '064'), 'provided intelligence -> 064');
  assert.ok(find('deepen', '062'), 'military cooperation -> 062');
  assert.ok(find('attack', '195'), 'attacked with drones -> 195');
  assert.ok(find('escalate', '190'), 'escalated attacks -> 190');
});
