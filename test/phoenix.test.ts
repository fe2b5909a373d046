import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeOn, parsePhoenixActors, parsePhoenixAgents, parsePhoenixCode, phoenixDate, regularPlural, type PhoenixActor, type PhoenixAgent } from '../src/actors/phoenix.js';
import { annotateArticle } from '../src/annotate/annotate.js';
import { loadDataJson } from '../src/data/load.js';
import { defaultLexicon, normKey } from '../src/nlp/lexicon.js';
import { articleFromText } from './helpers.js';

test('phoenix reader: agents with substitution sets, explicit and regular plurals', () => {
  const text = ['# comment', '!PERSON! = MAN, MEN, WOMAN', 'POLICE {} [~COP]', 'POLICE!PERSON! [~COP]', 'JUDGE [~JUD]', 'HEAD_OF_POLICE {HEADS_OF_POLICE } [~COP]', 'DEFENCE_SECRETARY [~GOVMIL]', 'IMAM [~MUS]', 'MILITIA [~UAF]'].join('\n');
  const byTerm = new Map(parsePhoenixAgents(text).map((a) => [a.term, a]));
  assert.equal(byTerm.get('police')?.role, 'COP');
  assert.equal(byTerm.has('polices'), false, '{} means no plural');
  assert.ok(byTerm.has('policeman') && byTerm.has('policewoman'));
  assert.equal(byTerm.get('judges')?.role, 'JUD');
  assert.ok(byTerm.has('heads of police'));
  assert.deepEqual(byTerm.get('defence secretary'), { term: 'defence secretary', code: 'GOVMIL', role: 'GOV' });
  assert.equal(byTerm.get('imam')?.role, 'REL', 'religion codes fold into REL');
  assert.equal(byTerm.get('militias')?.role, 'UAF');
  assert.equal(regularPlural('chairman'), 'chairmen');
});

test('phoenix reader: codes and dates', () => {
  assert.equal(phoenixDate('090120'), '2009-01-20');
  assert.equal(phoenixDate('780101'), '1978-01-01');
  assert.equal(phoenixDate('20070101'), '2007-01-01');
  assert.equal(phoenixDate('2004017'), null);
  assert.deepEqual(parsePhoenixCode('USAGOV >090120'), { code: 'USAGOV', country: 'USA', role: 'GOV', from: '2009-01-20', to: null });
  assert.deepEqual(parsePhoenixCode('IGOUNO 970101-061231'), { code: 'IGOUNO', country: null, role: 'IGO', from: '1997-01-01', to: '2006-12-31' });
  assert.deepEqual(parsePhoenixCode('MNCUSA'), { code: 'MNCUSA', country: 'USA', role: 'BUS', from: null, to: null });
  assert.equal(parsePhoenixCode('ELI')?.role, 'ELI');
  assert.equal(parsePhoenixCode('USAGUM')?.role, null, 'not a role code');
});

test('phoenix reader: people with dated codes; country blocks and descriptions left out', () => {
  const text = [
    'AFGHANISTAN_  [AFG]', '+KABUL_', '',
    'JANE_Q._EXAMPLE_  # CountryInfo.txt', '+MR._EXAMPLE', '+PRESIDENT_JANE_EXAMPLE', '+JANE_QUINCY_EXAMPLE', '\t[USAELI 780101-090119]', '\t[USAGOV >090120]', '',
    'AMERICAN_VICE_PRESIDENT', '+US_VICE_PRESIDENT', '\t[USAGOV]', '',
    'EXAMPLE_NATIONAL_POLICE_FORCE [EXACOP]', '+ENPF', '',
  ].join('\n');
  const actors = parsePhoenixActors(text, 'Phoenix.Countries.actors.txt', new Set(['president', 'police']));
  assert.deepEqual(actors.map((a) => `${a.type} ${a.name}`), ['PERSON Jane Q. Example', 'ORG Example National Police Force']);
  assert.deepEqual(actors[0]!.aliases, ['Jane Quincy Example'], 'titles and honorifics are not names');
  assert.equal(codeOn(actors[0]!.codes, '2001-05-01')?.code, 'USAELI');
  assert.equal(codeOn(actors[0]!.codes, '2016-10-01')?.code, 'USAGOV');
});

test('data/actors/phoenix-*.json: versioned, attributed, with the agents and people the coder needs', () => {
  const agents = loadDataJson<{ version: number; licence: string; source: string; agents: PhoenixAgent[] }>('actors/phoenix-agents.json');
  assert.equal(agents.version, 1);
  assert.equal(agents.licence, 'MIT');
  assert.match(agents.source, /Open Event Data Alliance/);
  const byTerm = new Map(agents.agents.map((a) => [a.term, a]));
  for (const [term, role] of [['police', 'COP'], ['protesters', 'OPP'], ['judge', 'JUD'], ['court', 'JUD'], ['troops', 'MIL'], ['lawmakers', 'LEG']] as const) assert.equal(byTerm.get(term)?.role, role, term);
  const actors = loadDataJson<{ version: number; licence: string; entries: PhoenixActor[] }>('actors/phoenix-actors.json');
  assert.equal(actors.licence, 'MIT');
  assert.ok(actors.entries.length > 10_000);
  for (const a of actors.entries) {
    assert.ok(a.type === 'PERSON' || a.type === 'ORG', a.name);
    assert.ok(a.codes.length > 0, a.name);
    for (const c of a.codes) assert.ok((c.from === null || /^\d{4}-\d{2}-\d{2}$/.test(c.from)) && (c.to === null || /^\d{4}-\d{2}-\d{2}$/.test(c.to)), `${a.name} ${c.code}`);
  }
  const obama = actors.entries.find((a) => a.name === 'Barack Obama');
  assert.equal(codeOn(obama!.codes, '2016-10-01')?.code, 'USAGOV');
  // Out of office: an elite of the same country (Clinton left the State Department in 2013).
  const clinton = actors.entries.find((a) => a.name === 'Hillary Clinton');
  assert.equal(codeOn(clinton!.codes, '2016-10-01')?.code, 'USAELI');
});

test('lexicon: Phoenix fills what the curated files lack, and the curated files win', () => {
  const lex = defaultLexicon();
  assert.equal(lex.roles.get('police')?.role, 'COP');
  assert.equal(lex.roles.get('foreign minister')?.phoenix, undefined, 'roles.json term');
  assert.equal(lex.names.get(normKey('Washington Post'))?.[0]?.kind, 'media', 'the outlet, not a Phoenix ORG');
  assert.equal(lex.names.get(normKey('Vladimir Putin'))?.[0]?.priority, 90, 'people.json first');
});

test('annotate: a Phoenix person takes the code of the article date', () => {
  const code = (published: string) => {
    const a = articleFromText(['Barack Obama met Angela Merkel in Berlin.'], published);
    return annotateArticle(a).actors.find((x) => x.name === 'Barack Obama')?.code;
  };
  assert.equal(code('2016-06-01'), 'USAGOV');
  assert.equal(code('2005-06-01'), 'USAELI');
});

test('lexicon: country names and adjectives English news uses resolve to their state (world-countries names Türkiye; the rest from data/geo/places.json)', () => {
  const lex = defaultLexicon();
  const cases: [string, string][] = [
    ['Turkey', 'TUR'], ['Turks', 'TUR'], ['Philippine', 'PHL'], ['UAE', 'ARE'], ['Kiev', 'UKR'], ['Bosnia', 'BIH'], ['Serbs', 'SRB'],
    ['Kazakh', 'KAZ'], ['Kyrgyz', 'KGZ'], ['Nepali', 'NPL'], ['Azeri', 'AZE'], ['PRC', 'CHN'], ['Russians', 'RUS'], ['Czechia', 'CZE'],
  ];
  for (const [name, country] of cases) {
    const entries = lex.names.get(normKey(name)) ?? [];
    assert.ok(entries.some((e) => (e.type === 'GPE' || e.type === 'NORP') && e.country === country), `${name} → ${country}`);
  }
});
