import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataJson } from '../src/data/load.js';
import { normKey } from '../src/nlp/lexicon.js';

/** CAMEO role codes the actor dictionaries may use (see data/actors/README.md). */
const ROLES = new Set([
  'GOV', 'MIL', 'REB', 'OPP', 'PTY', 'COP', 'JUD', 'SPY', 'MED', 'EDU', 'BUS', 'CRM', 'CVL', 'REF', 'HLH', 'LEG',
  'LAB', 'REL', 'IGO', 'NGO', 'IMG', 'UAF', 'HRI', 'ELI', 'AGR', 'ENV', 'SPT',
]);
const COUNTRY = /^[A-Z]{3}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface RoleTerm { term: string; role: string; title: boolean; note?: string }
interface RoleFile { version: number; roles: RoleTerm[] }
interface Named { name: string; aliases: string[]; country: string | null; role: string; note?: string }
interface Organisation extends Named { type: string; igo?: string; phoenix?: string }
interface Person extends Named { title: string | null; from: string | null; to: string | null; igo?: string }
interface EntryFile<T> { version: number; entries: T[] }
interface OutletFile { outlets: { name: string; aliases?: string[] }[] }

const roles = () => loadDataJson<RoleFile>('actors/roles.json');
const orgs = () => loadDataJson<EntryFile<Organisation>>('actors/organisations.json');
const people = () => loadDataJson<EntryFile<Person>>('actors/people.json');

/** Names are compared as the annotator's lexicon compares them (case, accents, dots, hyphens, a leading "the"). */
const nameKey = normKey;

/** Name key -> the entry it names; fails when one name or alias belongs to two entries. */
function assertNamesUnique(kind: string, entries: Named[]): Map<string, string> {
  const owner = new Map<string, string>();
  for (const e of entries) {
    for (const s of [e.name, ...e.aliases]) {
      const key = nameKey(s);
      const prev = owner.get(key);
      assert.ok(prev === undefined || prev === e.name, `${kind}: "${s}" names both ${prev} and ${e.name}`);
      owner.set(key, e.name);
    }
  }
  return owner;
}

function checkNamed(kind: string, e: Named): void {
  assert.equal(typeof e.name, 'string', `${kind}: entry without a name`);
  assert.ok(e.name.trim().length > 0 && e.name === e.name.trim(), `${kind}: bad name "${e.name}"`);
  assert.ok(Array.isArray(e.aliases), `${kind} ${e.name}: aliases must be an array`);
  for (const a of e.aliases) assert.ok(typeof a === 'string' && a.trim() === a && a.length > 0, `${kind} ${e.name}: bad alias "${a}"`);
  assert.ok('country' in e, `${kind} ${e.name}: no country (use null for none)`);
  assert.ok(e.country === null || COUNTRY.test(e.country), `${kind} ${e.name}: country ${e.country}`);
  assert.ok(ROLES.has(e.role), `${kind} ${e.name}: role ${e.role}`);
  if (e.role === 'IGO' || e.role === 'NGO' || e.role === 'IMG') assert.equal(e.country, null, `${kind} ${e.name}: ${e.role} has no country`);
}

function find<T extends Named>(entries: T[], label: string): T {
  const key = nameKey(label);
  const hit = entries.find((e) => nameKey(e.name) === key || e.aliases.some((a) => nameKey(a) === key));
  assert.ok(hit, `no entry for ${label}`);
  return hit;
}

test('data/actors/roles.json: versioned, known role codes, unique terms, boolean titles', () => {
  const file = roles();
  assert.equal(typeof file.version, 'number');
  assert.ok(file.roles.length >= 100, `only ${file.roles.length} role terms`);
  const seen = new Set<string>();
  for (const r of file.roles) {
    assert.ok(r.term.trim() === r.term && r.term.length > 0, `bad term "${r.term}"`);
    assert.ok(ROLES.has(r.role), `${r.term}: role ${r.role}`);
    assert.equal(typeof r.title, 'boolean', `${r.term}: title must be true or false`);
    const key = nameKey(r.term);
    assert.ok(!seen.has(key), `role term listed twice: ${r.term}`);
    seen.add(key);
  }
});

test('data/actors/roles.json spot checks', () => {
  const byTerm = new Map(roles().roles.map((r) => [r.term, r]));
  assert.equal(byTerm.get('correspondent')?.role, 'MED');
  assert.equal(byTerm.get('correspondent')?.title, true);
  assert.equal(byTerm.get('foreign minister')?.role, 'GOV');
  assert.equal(byTerm.get('foreign minister')?.title, true);
  assert.equal(byTerm.get('troops')?.role, 'MIL');
  assert.equal(byTerm.get('troops')?.title, false);
  assert.equal(byTerm.get('rebels')?.role, 'REB');
  assert.equal(byTerm.get('police')?.role, 'COP');
  assert.equal(byTerm.get('protesters')?.role, 'OPP');
  assert.equal(byTerm.get('refugees')?.role, 'REF');
});

test('data/actors/organisations.json: versioned, valid codes, no shared aliases', () => {
  const file = orgs();
  assert.equal(typeof file.version, 'number');
  assert.ok(file.entries.length >= 100, `only ${file.entries.length} organisations`);
  for (const o of file.entries) {
    checkNamed('organisation', o);
    assert.equal(o.type, 'ORG', `${o.name}: type`);
    if (o.igo !== undefined) {
      assert.equal(o.role, 'IGO', `${o.name}: igo code on a non-IGO`);
      assert.match(o.igo, /^IGO[A-Z]*$/, `${o.name}: igo ${o.igo}`);
    }
    if (o.phoenix !== undefined) assert.match(o.phoenix, /^[A-Z]{3,}$/, `${o.name}: phoenix ${o.phoenix}`);
  }
  assertNamesUnique('organisations', file.entries);
});

test('data/actors/organisations.json spot checks', () => {
  const { entries } = orgs();
  const code = (label: string) => {
    const o = find(entries, label);
    return `${o.country ?? '-'} ${o.role}`;
  };
  assert.equal(code('Kremlin'), 'RUS GOV');
  assert.equal(code('the Kremlin'), 'RUS GOV');
  assert.equal(code('Pentagon'), 'USA MIL');
  assert.equal(code('White House'), 'USA GOV');
  assert.equal(code('Downing Street'), 'GBR GOV');
  assert.equal(code('IRGC'), 'IRN MIL');
  assert.equal(code('Mossad'), 'ISR SPY');
  assert.equal(code('Houthis'), 'YEM REB');
  assert.equal(code('Central Bank of Nigeria'), 'NGA GOV');
  assert.equal(code('Gulf Cooperation Council'), '- IGO');
  assert.equal(find(entries, 'GCC').name, 'Gulf Cooperation Council');
  assert.equal(code('UN Security Council'), '- IGO');
  assert.equal(find(entries, 'NATO').igo, 'IGOWSTNAT');
  assert.equal(find(entries, 'United Nations').igo, 'IGOUNO');
  assert.equal(code('Red Cross'), '- NGO');
});

test('data/actors/people.json: versioned, every person has name/country/role, dates, no shared aliases', () => {
  const file = people();
  assert.equal(typeof file.version, 'number');
  assert.ok(file.entries.length >= 100, `only ${file.entries.length} people`);
  for (const p of file.entries) {
    checkNamed('person', p);
    assert.ok(p.title === null || (typeof p.title === 'string' && p.title.length > 0), `${p.name}: title`);
    for (const d of [p.from, p.to]) {
      if (d !== null && d !== undefined) {
        assert.match(d, ISO_DATE, `${p.name}: date ${d}`);
        assert.ok(!Number.isNaN(Date.parse(d)), `${p.name}: date ${d}`);
      }
    }
    if (p.from && p.to) assert.ok(p.from <= p.to, `${p.name}: from ${p.from} after to ${p.to}`);
    if (p.igo !== undefined) assert.equal(p.role, 'IGO', `${p.name}: igo code on a non-IGO official`);
  }
  assertNamesUnique('people', file.entries);
});

test('data/actors/people.json spot checks', () => {
  const { entries } = people();
  const code = (label: string) => {
    const p = find(entries, label);
    return `${p.country ?? '-'} ${p.role}`;
  };
  assert.equal(code('Putin'), 'RUS GOV');
  assert.equal(code('Vladimir Putin'), 'RUS GOV');
  assert.equal(code('Araghchi'), 'IRN GOV');
  assert.equal(code('Abbas Araghchi'), 'IRN GOV');
  assert.equal(code('Pezeshkian'), 'IRN GOV');
  assert.equal(code('Trump'), 'USA GOV');
  assert.equal(code('Peter Doocy'), 'USA MED');
  assert.equal(code('Antonio Guterres'), '- IGO');
  assert.equal(code('Mojtaba Khamenei'), 'IRN GOV');
  // A surname shared by two entries is not an alias of either.
  assert.ok(!entries.some((p) => p.aliases.some((a) => nameKey(a) === 'khamenei')));
});

test('data/actors: no name is both a person and an organisation, or an outlet in data/outlets.json', () => {
  const orgNames = assertNamesUnique('organisations', orgs().entries);
  const peopleNames = assertNamesUnique('people', people().entries);
  for (const [key, person] of peopleNames) assert.ok(!orgNames.has(key), `"${key}" names both ${person} and ${orgNames.get(key)}`);
  for (const o of loadDataJson<OutletFile>('outlets.json').outlets) {
    for (const n of [o.name, ...(o.aliases ?? [])]) {
      const key = nameKey(n);
      const actor = orgNames.get(key) ?? peopleNames.get(key);
      assert.ok(actor === undefined, `"${n}" names the outlet ${o.name} and ${actor}`);
    }
  }
});
