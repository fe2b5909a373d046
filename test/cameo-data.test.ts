import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataJson } from '../src/data/load.js';
import { defaultOntology } from '../src/events/ontology.js';

// The event ontology in data/cameo/ (see data/cameo/README.md): CAMEO 1.1b3 codebook, CAMEO -> PLOVER
// mapping, the PETRARCH verb dictionary and the hand-written extra verb patterns.

interface Code {
  code: string;
  root: string;
  parent: string | null;
  name: string;
  title: string;
  goldstein: number;
  quad_class: number;
  goldstein_from?: 'parent';
  note?: string;
}
interface Codebook { version: number; source: string; codes: Code[]; table_map: Record<string, string> }

interface PloverEntry {
  cameo: string;
  name: string;
  plover: string | null;
  mode: string | null;
  context: string[];
  row: string | null;
  match: 'code' | 'parent' | 'root' | 'none';
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
  code_map?: Record<string, { code: string; note: string }>;
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
  assert.equal(book.version, 2);
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
    assert.ok(c.goldstein_from === undefined || c.goldstein_from === 'parent', `${c.code}: goldstein_from`);
  }
  const codes = codeMap();
  for (const c of book.codes) {
    assert.ok(seen.has(c.root), `${c.code}: root ${c.root} missing`);
    if (c.parent) assert.ok(seen.has(c.parent), `${c.code}: parent ${c.parent} missing`);
    if (c.goldstein_from === 'parent') {
      assert.ok(c.parent, `${c.code}: a root cannot take its Goldstein value from a parent`);
      assert.equal(c.goldstein, codes.get(c.parent)?.goldstein, `${c.code}: goldstein_from "parent" but differs from ${c.parent}`);
      assert.ok(c.note, `${c.code}: a Goldstein value from the parent needs a note`);
    }
  }
  for (const r of ROOTS) assert.ok(seen.has(r), `root ${r} missing`);
  assert.deepEqual(book.codes.filter((c) => c.code.length === 2).map((c) => c.code), ROOTS);
  assert.ok(book.codes.length >= 310, `only ${book.codes.length} codes`);
});

test('codebook: spot checks against CAMEO 1.1b3', () => {
  const codes = codeMap();
  const expect: [string, string, number, number][] = [
    ['01', 'MAKE PUBLIC STATEMENT', 0, 1],
    ['016', 'Deny responsibility', -5, 1],
    ['018', 'Make empathetic comment', 3.4, 1],
    ['019', 'Express accord', 3.4, 1],
    ['020', 'Make an appeal or request, not specified below', 3, 1],
    ['025', 'Appeal to yield, not specified below', -0.3, 1],
    ['0256', 'Appeal for de-escalation of military engagement', -0.3, 1],
    ['041', 'Discuss by telephone', 1, 1],
    ['051', 'Praise or endorse', 3.4, 1],
    ['057', 'Sign formal agreement', 8, 1],
    ['062', 'Cooperate militarily', 7.4, 2],
    ['064', 'Share intelligence or information', 7, 2],
    ['111', 'Criticize or denounce', -2, 3],
    ['127', 'Reject plan, agreement to settle dispute', -4, 3],
    ['163', 'Impose embargo, boycott, or sanctions', -8, 4],
    ['166', 'Expel or withdraw, not specified below', -7, 4],
    ['1823', 'Kill by physical assault', -10, 4],
    ['190', 'Use conventional military force, not specified below', -10, 4],
    ['195', 'Employ aerial weapons, not specified below', -10, 4],
    ['1952', 'Employ remotely piloted aerial munitions', -10, 4],
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
  // 025 has the six 1.1b3 sub-codes, which the GDELT sample table lacks (Goldstein from 025).
  for (const sub of ['0251', '0252', '0253', '0254', '0255', '0256']) {
    assert.equal(codes.get(sub)?.parent, '025', `${sub}: parent`);
    assert.equal(codes.get(sub)?.goldstein_from, 'parent', `${sub}: goldstein_from`);
  }
  assert.equal(codes.get('1952')?.parent, '195');
  // Where the GDELT sample table numbers an event differently, the note says so.
  assert.match(codes.get('018')?.note ?? '', /Numbered 016/);
  assert.match(codes.get('016')?.note ?? '', /127/);
  assert.equal(codes.get('057')?.goldstein_from, undefined);
});

test('codebook: table_map converts every code of the GDELT sample table to a 1.1b3 code', () => {
  const book = codebook();
  const codes = codeMap();
  const entries = Object.entries(book.table_map);
  assert.equal(entries.length, 280);
  for (const [from, to] of entries) {
    assert.match(from, /^\d{2,4}$/, `table_map: bad key "${from}"`);
    assert.ok(codes.has(to), `table_map ${from}: target ${to} not in the codebook`);
  }
  const expect: [string, string][] = [
    ['016', '018'], // Make empathetic comment
    ['018', '019'], // Express accord
    ['127', '016'], // Reject accusation, deny responsibility
    ['0357', '0356'], // Express intent to de-escalate military engagement
    ['105', '108'], // Demand mediation
    ['107', '1056'], // Demand ceasefire
    ['124', '125'], // Reject proposal to meet
    ['163', '164'], // Halt negotiations
    ['166', '163'], // Impose embargo, boycott, or sanctions
    ['1641', '1661'], // Expel or withdraw peacekeepers
    ['041', '041'],
    ['195', '195'],
  ];
  for (const [from, to] of expect) assert.equal(book.table_map[from], to, `table_map ${from}`);
  // Every renumbered code is explained in the target's note.
  for (const [from, to] of entries) {
    if (from !== to) assert.ok(codes.get(to)?.note?.includes(from), `${to}: note should name table code ${from}`);
  }
});

test('plover: one mapping per codebook code, each pointing at a real PLOVER row', () => {
  const file = plover();
  const codes = codeMap();
  assert.equal(file.version, 2);
  assert.equal(file.licence, 'CC BY-SA 4.0');
  const rows = new Map(file.source_rows.map((r) => [r.cameo, r]));
  assert.equal(rows.size, file.source_rows.length, 'source_rows: duplicate CAMEO code');
  for (const r of file.source_rows) {
    assert.ok(PLOVER_TYPES.has(r.plover), `source row ${r.cameo}: unknown PLOVER type ${r.plover}`);
    // The PLOVER table is in CAMEO 1.1b3 numbering, like the codebook.
    assert.ok(codes.has(r.cameo), `source row ${r.cameo}: not in the codebook`);
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
    if (m.match === 'code') {
      assert.equal(m.row, m.cameo, `${m.cameo}: match "code" but row ${m.row}`);
    } else {
      assert.equal(m.match, 'parent', `${m.cameo}: unknown match ${m.match}`);
      assert.ok(!rows.has(m.cameo), `${m.cameo}: has a row of its own but uses its parent's`);
      const parent = m.cameo.length === 4 ? m.cameo.slice(0, 3) : `${m.cameo.slice(0, 2)}0`;
      assert.equal(m.row, parent, `${m.cameo}: match "parent" but row ${m.row}`);
      assert.ok(m.note, `${m.cameo}: a mapping through the parent needs a note`);
    }
  }
  for (const c of codes.keys()) assert.ok(mapped.has(c), `codebook code ${c} has no PLOVER mapping entry`);
  assert.equal(file.mapping.length, codes.size);
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
    ['1952', 'ASSAULT', 'heavy-weapons'], // no row of its own: 195's
    ['163', 'COERCE', 'restrict'], // "Impose embargo, boycott, or sanctions"
    ['166', 'SANCTION', 'expel'], // "Expel or withdraw"
    ['1246', 'REJECT', 'yield'], // "Refuse to de-escalate military engagement"
    ['010', null, null], // PLOVER does not map CAMEO 01
    ['0256', null, null], // ... nor 02
  ];
  for (const [code, type, mode] of expect) {
    const m = byCode.get(code);
    assert.ok(m, `${code} missing`);
    assert.equal(m.plover, type, `${code}: PLOVER type`);
    assert.equal(m.mode, mode, `${code}: mode`);
  }
  assert.deepEqual(byCode.get('064')?.context, ['intelligence']);
  assert.equal(byCode.get('041')?.match, 'code');
  assert.equal(byCode.get('1952')?.match, 'parent');
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
  assert.equal(file.version, 2);
  assert.equal(file.licence, 'MIT');
  assert.match(file.licence_text, /Copyright \(c\) 2015 Open Event Data Alliance/);
  // The dictionary is CAMEO 1.1b3 like the codebook: its codes are used as they are.
  assert.equal(Object.keys(file.code_map ?? {}).length, 0, 'verbs.json should not remap codes');
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
  // The dictionary's own CAMEO 1.1b3 codes: "call for ceasefire" 0256, condolences 018, denials 016.
  const ceasefire = call.patterns.find((p) => p.text === '* (FOR &CEASEFIRE)');
  assert.equal(ceasefire?.code, '0256');
  assert.equal(ceasefire?.cameo, undefined);
  assert.equal(block('EXTEND').patterns.find((p) => p.text === '* CONDOLENCES')?.code, '018');
  assert.ok(block('REFUSE').patterns.some((p) => p.text === '* ACCUSATION' && p.code === '016'));
  // The one typo ("[080!]") is read as 080; `cameo` keeps the dictionary's text.
  const typos = file.entries.flatMap((b) => [b, ...b.verbs, ...b.patterns]).filter((x) => x.cameo !== undefined);
  assert.deepEqual(typos.map((x) => [x.code, x.cameo]), [['080', '080!']]);
  const ask = block('ASK').verbs.find((v) => v.lemma === 'ask for');
  assert.deepEqual(ask?.forms, ['asked for', 'asking for', 'asks for']);
  assert.equal(ask?.head, 'ask');
  assert.ok(file.synsets['&CEASEFIRE']?.members.includes('ceasefire'));
});

test('verbs-extra: entries use codebook codes and names, and explain themselves', () => {
  const file = extra();
  const codes = codeMap();
  const dictSynsets = verbs().synsets;
  assert.equal(file.version, 2);
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
  assert.ok(find('express', '018'), 'expressed condolences -> 018');
  assert.ok(find('call', '0256'), 'called for a ceasefire -> 0256');
  assert.ok(find('condemn', '111'), 'condemned -> 111');
  assert.ok(find('thank', '051'), 'thanked -> 051');
  assert.ok(find('sign', '057'), 'signed an agreement -> 057');
  assert.ok(find('provide', '064'), 'provided intelligence -> 064');
  assert.ok(find('deepen', '062'), 'military cooperation -> 062');
  assert.ok(find('attack', '1952'), 'attacked with drones -> 1952');
  assert.ok(find('launch', '1952'), 'launched drone strikes -> 1952');
  assert.ok(find('escalate', '195'), 'escalated air strikes -> 195');
  assert.ok(find('escalate', '190'), 'escalated attacks -> 190');
});

test('event-nouns: loads, every noun has a codebook code, support verbs are lower-case words', () => {
  const file = loadDataJson<{ version: number; support_verbs: string[]; nouns: { noun: string; code: string }[] }>('cameo/event-nouns.json');
  const codebook = loadDataJson<{ codes: { code: string }[] }>('cameo/codebook.json');
  const codes = new Set(codebook.codes.map((c) => c.code));
  assert.equal(file.version, 1);
  assert.ok(file.nouns.length >= 50 && file.support_verbs.length >= 20);
  for (const n of file.nouns) assert.ok(codes.has(n.code), `${n.noun}: ${n.code}`);
  assert.equal(new Set(file.nouns.map((n) => n.noun)).size, file.nouns.length, 'nouns are unique');
  for (const v of file.support_verbs) assert.match(v, /^[a-z]+$/);
  const ont = defaultOntology();
  assert.equal(ont.eventNouns.get('condemnation'), '111');
  assert.ok(ont.supportVerbs.has('file'));
});
