import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotateArticle, defaultResources } from '../src/annotate/annotate.js';
import { codeArticle } from '../src/events/coder.js';
import { defaultOntology } from '../src/events/ontology.js';
import { articleFromText } from './helpers.js';

// Session 11 (issue #10): actors found from context — descriptions of bodies, surnames, the home
// country of unqualified officials and agents, states and provinces — each pinned with a sentence.
const res = { ontology: defaultOntology(), lexicon: defaultResources().lexicon };

function coded(paragraphs: string[], published = '2026-03-07', outlet = 'Test Wire') {
  const a = articleFromText(paragraphs, published, outlet);
  const ann = annotateArticle(a);
  const events = codeArticle(a, ann, res).filter((m) => !m.negated).map((m) => `${m.cameo.slice(0, 2)} ${m.source?.code ?? '-'}>${m.target?.code ?? '-'}`);
  return { ann, events };
}
const actorOf = (ann: ReturnType<typeof annotateArticle>, text: string) => {
  const e = ann.entities.find((x) => x.text === text);
  return e?.actor_id ? (ann.actors.find((a) => a.id === e.actor_id)?.code ?? null) : null;
};

test('actors: "the council" is the one council the article named before it; "the council of …" is another body', () => {
  const { ann, events } = coded(['The UN Security Council met on Monday.', "Iran's ambassador accused the council of failing to act."]);
  assert.equal(actorOf(ann, 'the council'), 'IGOUNO');
  assert.ok(events.includes('11 IRN>IGOUNO'), JSON.stringify(events));
  const other = coded(['The UN Security Council met on Monday.', 'The council of elders said nothing.']);
  assert.equal(other.ann.entities.some((x) => x.text === 'the council' || x.text === 'The council'), false);
});

test('actors: a title and a surname the article never gives in full name the dictionary person in office that day', () => {
  const { ann } = coded(['Russia said President Obama would be judged by his actions.'], '2016-09-08');
  assert.equal(actorOf(ann, 'Obama'), 'USAGOV');
  // In 2005 Obama held no government office: the surname alone names nobody the dictionary can be sure of.
  const early = coded(['Obama spoke to reporters.'], '2005-03-01');
  assert.notEqual(actorOf(early.ann, 'Obama'), 'USAGOV');
});

test('actors: an unknown body named after a known one belongs to its country and takes its role', () => {
  const { ann } = coded(['The House Intelligence Committee met on Tuesday.']);
  assert.equal(actorOf(ann, 'House Intelligence Committee'), 'USALEG');
});

test('actors: a city inside a titled name is part of the name ("Sen. Elizabeth Warren"), and a sentence stop is no title', () => {
  const { ann } = coded(['They spoke about Russia. Sen. Elizabeth Warren criticized the bank.']);
  const warren = ann.entities.find((x) => x.text === 'Elizabeth Warren');
  assert.ok(warren, JSON.stringify(ann.entities.map((x) => x.text)));
  // "Russia. Sen." must not make Warren Russian.
  assert.ok(!actorOf(ann, 'Elizabeth Warren')?.startsWith('RUS'));
});

test('actors: an outlet name that runs on into a longer name is not the outlet ("the National Voter Registration Act")', () => {
  const { ann } = coded(['The practice broke the National Voter Registration Act of 1993.']);
  assert.equal(ann.entities.some((x) => x.text.toLowerCase() === 'the national'), false);
});

test('actors: a state acting stands for its government, coded as the country', () => {
  const { ann, events } = coded(['Texas sued the Justice Department on Friday.'], '2016-09-25', 'The Washington Post');
  assert.equal(actorOf(ann, 'Texas'), 'USAGOV');
  assert.ok(events.some((e) => e.startsWith('11 USAGOV>USAGOV') || e.endsWith('USAGOV>USAGOV')), JSON.stringify(events));
});

test('coder: an unqualified official or agent is of the home country — the outlet\'s, or the dateline\'s for wire copy', () => {
  const us = coded(['Rep. Adam Schiff called on President Obama to retaliate against Russia.'], '2016-09-08', 'USA Today');
  assert.ok(us.events.includes('02 USALEG>USAGOV'), JSON.stringify(us.events));
  const wire = coded(['NAIROBI, March 5 (Test Wire) — Police arrested twelve protesters on Thursday.'], '2026-03-05');
  assert.ok(wire.events.some((e) => e.startsWith('17 KENCOP>')), JSON.stringify(wire.events));
  // Qualified by a name, the agent is someone else's: no home country for "Gulf Arab governments".
  const gulf = coded(['KUWAIT CITY, March 5 (Test Wire) — Gulf Arab governments condemned the attack on Thursday.'], '2026-03-05');
  assert.ok(!gulf.events.some((e) => e.includes('KWTGOV')), JSON.stringify(gulf.events));
  // A dateline from no country ("UNITED NATIONS") gives no home.
  const un = coded(['UNITED NATIONS, March 9 (Test Wire) — Diplomats criticized the resolution on Monday.'], '2026-03-09');
  assert.ok(!un.events.some((e) => /^\d\d [A-Z]{3}GOV>/.test(e)), JSON.stringify(un.events));
});

test('coder: the sender\'s country wins over the body served ("Russia\'s U.N. ambassador"); a role noun acts for the body after "for"', () => {
  const amb = coded(["Russia's U.N. ambassador called on Israel to halt the strikes on Monday."]);
  assert.ok(amb.events.some((e) => e.startsWith('02 RUS')), JSON.stringify(amb.events));
  const spk = coded(["A spokesman for Qatar's Foreign Ministry condemned the attack on Monday."]);
  assert.ok(spk.events.some((e) => e.startsWith('11 QAT')), JSON.stringify(spk.events));
});

test('coder: a "conjunct" set off by commas with no coordinator is an apposition, not a second actor', () => {
  const { events } = coded(["The UN Security Council met. Bahrain's ambassador, the council's only Gulf Arab member, condemned the attack on Monday."]);
  assert.ok(events.includes('11 BHR>-'), JSON.stringify(events));
  assert.ok(!events.some((e) => e.startsWith('11 IGOUNO')), JSON.stringify(events));
});

test('coder: an accusation that introduces a quoted claim is still an accusation (112)', () => {
  const { events } = coded(['South Korea accused the North\'s leader, Kim Jong Un, of "fanatic recklessness."'], '2016-09-10');
  assert.ok(events.some((e) => e.startsWith('11 KOR>PRK')), JSON.stringify(events));
});

test('coder: a gerund after a time word has the main clause\'s subject ("said after meeting with Putin")', () => {
  const { events } = coded(['Erdogan said after meeting with Russian President Vladimir Putin that the talks were useful.']);
  assert.ok(events.some((e) => e.startsWith('04 TURGOV>RUSGOV') || e.startsWith('04 RUSGOV>TURGOV')), JSON.stringify(events));
});

test('coder: an undated act takes the lead event\'s day only when done by and to its participants', () => {
  const a = articleFromText(['Putin held a phone call with Iranian President Masoud Pezeshkian on Friday.', 'Putin expressed condolences to Iran.', 'Japan condemned Iran.'], '2026-03-07');
  const ms = codeArticle(a, annotateArticle(a), res);
  const byRoot = (r: string) => ms.find((m) => m.cameo.startsWith(r));
  assert.equal(byRoot('04')?.date, '2026-03-06');
  assert.equal(byRoot('01')?.date ?? byRoot('018')?.date, '2026-03-06');
  const japan = ms.find((m) => m.source?.country === 'JPN');
  assert.equal(japan?.date_precision, 'reported');
});

test('names: hyphenated given names, titles at the start and inside a run, and a surname opening a sentence', () => {
  const { ann } = coded([
    'South Korean President Park Geun-hye spoke on Friday. Justice Frank Nervo rejected the request.',
    "NYPD Commissioner James O'Neill briefed reporters. O'Neill said the cause was unknown.",
  ], '2016-09-10', 'The Washington Post');
  const names = ann.entities.filter((e) => e.type === 'PERSON').map((e) => e.canonical);
  assert.ok(names.includes('Park Geun-hye'), JSON.stringify(names));
  assert.ok(names.includes('Frank Nervo'), JSON.stringify(names));
  assert.equal(names.filter((n) => n === "James O'Neill").length, 2, JSON.stringify(names));
  const claim = ann.claims.find((c) => c.text.includes('the cause was unknown'));
  assert.equal(claim?.speaker.name, "James O'Neill");
});

test('names: of two dictionary people under one name, the one in office on the day (Ban Ki-moon at the UN in 2016)', () => {
  const { ann } = coded(['Secretary General Ban Ki-moon condemned the test.'], '2016-09-10');
  assert.equal(actorOf(ann, 'Ban Ki-moon'), 'IGOUNO');
});

test('names: a body whose name runs on through "and" after a country is one body', () => {
  const { ann } = coded(['The United States Citizenship and Immigration Services said it was taking steps.'], '2016-09-12', 'The New York Times');
  assert.ok(ann.entities.some((e) => e.text === 'United States Citizenship and Immigration Services' && e.type === 'ORG'), JSON.stringify(ann.entities.map((e) => e.text)));
});

test('coder: a judgement a political actor voices is criticism (111) or praise (051) by its evaluative tone; a fact is neither', () => {
  const crit = coded(["Kuwait's Foreign Ministry said the attack on its soil was a flagrant violation of its sovereignty."], '2026-03-05');
  assert.ok(crit.events.some((e) => e.startsWith('11 KWTGOV')), JSON.stringify(crit.events));
  const fact = coded(["Kuwait's Foreign Ministry said the explosion killed three people near the border."], '2026-03-05');
  assert.ok(!fact.events.some((e) => e.startsWith('11 ')), JSON.stringify(fact.events));
  const praise = coded(['Ohio Democratic Party Chairman David Pepper said the ruling was a huge, wonderful win for Ohio voters.'], '2016-09-25', 'The Washington Post');
  assert.ok(praise.events.some((e) => e.startsWith('05 USA')), JSON.stringify(praise.events));
  // A verb that already says it ("condemned") is not coded twice.
  const verb = coded(['Bahrain condemned the attack as a cowardly and brutal crime.'], '2026-03-05');
  assert.equal(verb.events.filter((e) => e.startsWith('11 BHR')).length, 1, JSON.stringify(verb.events));
});

test('coder: a time in another clause dates that clause, not the act ("urged … talks it abandoned in 2009")', () => {
  const a = articleFromText(['Secretary of State John Kerry urged North Korea to resume talks it abandoned in 2009.'], '2016-09-10', 'The Washington Post');
  const m = codeArticle(a, annotateArticle(a), res).find((x) => x.cameo.startsWith('02'));
  assert.ok(m, 'the appeal is coded');
  assert.equal(m.date_precision, 'reported');
});

test('coder: calling someone something is no phone call ("He called Burma a good news story")', () => {
  const { events } = coded(['Obama called Burma a good news story on Wednesday.'], '2016-09-16', 'The Washington Post');
  assert.ok(!events.some((e) => e.startsWith('04 ')), JSON.stringify(events));
  const { events: call } = coded(['Obama called Putin on Wednesday.'], '2016-09-16', 'The Washington Post');
  assert.ok(call.some((e) => e.startsWith('04 ')), JSON.stringify(call));
});

test('actors: a description later in the sentence places an unknown person ("… as Burma\'s de facto leader"); the White House is a body', () => {
  const { ann, events } = coded(['Aung San Suu Kyi visited the White House on Wednesday as Burma\'s de facto leader.'], '2016-09-16', 'The Washington Post');
  assert.equal(actorOf(ann, 'Aung San Suu Kyi'), 'MMRGOV');
  assert.equal(ann.entities.find((e) => e.text === 'White House')?.type, 'ORG');
  assert.ok(events.includes('04 MMRGOV>USAGOV'), JSON.stringify(events));
});

test('coder: a place qualifying an unnamed agent gives its country ("a Manhattan judge"); a name that is no place leaves it unplaced', () => {
  const { events } = coded(['A Manhattan judge has rejected a media request to unseal the records.'], '2016-09-22', 'Test Wire');
  assert.ok(events.some((e) => e.startsWith('12 USAJUD')), JSON.stringify(events));
});

test('names: "Charles E. Grassley and Patrick J. Leahy" are two people', () => {
  const { ann } = coded(['Senators Charles E. Grassley and Patrick J. Leahy wrote a letter on Thursday.'], '2016-09-12', 'The New York Times');
  const people = ann.entities.filter((e) => e.type === 'PERSON').map((e) => e.text);
  assert.deepEqual(people, ['Charles E. Grassley', 'Patrick J. Leahy']);
});

test('coder: "negotiates with" is negotiation (046), and "called the citation … a ploy" calls nobody', () => {
  const { events } = coded(['Secretary of State John Kerry negotiates with Russia over Syria.'], '2016-09-08', 'USA Today');
  assert.ok(events.includes('04 USAGOV>RUS'), JSON.stringify(events));
  const named = coded(["Democrats called the contempt citation and the demand for Pagliano's public appearance a transparent political ploy."], '2016-09-22', 'Politico');
  assert.ok(!named.events.some((e) => e.startsWith('04 ')), JSON.stringify(named.events));
});

test('coder: a court ruling against a party finds it at fault (116); "a federal appeals court" is new even if a Supreme Court is named later', () => {
  const { events } = coded(["A federal appeals court ruled Friday against Ohio's procedure for removing voters.", 'The state may appeal to the Supreme Court.'], '2016-09-25', 'The Washington Post');
  assert.ok(events.includes('11 USAJUD>USAGOV'), JSON.stringify(events));
});

test('coder: an appeal named by a noun ("sounded a call for the United States to accept") is 020 from the governing verb\'s subject', () => {
  const { events } = coded(['President Barack Obama sounded a call for the United States to accept more refugees on Monday.'], '2016-09-12', 'The Washington Post');
  assert.ok(events.includes('02 USAGOV>USA'), JSON.stringify(events));
});

test('actors: a name written family name first is the person a lone "Mr. Ban" names; an honorific keeps an unknown one-word name', () => {
  const { ann } = coded(['UN Secretary-General Ban Ki-moon condemned the attack.', 'Mr. Ban said it was unacceptable.', 'Ms. Abedin declined to comment.']);
  const ban = ann.entities.find((x) => x.text === 'Ban');
  const full = ann.entities.find((x) => x.text === 'Ban Ki-moon');
  assert.ok(ban && full && ban.actor_id === full.actor_id, JSON.stringify(ann.entities.map((x) => [x.text, x.actor_id])));
  assert.ok(ann.claims.some((c) => c.speaker.actor_id === full.actor_id && c.text.startsWith('it was unacceptable')));
  assert.ok(ann.entities.some((x) => x.text === 'Abedin' && x.type === 'PERSON'));
});

test('actors: an abbreviated rank inside a run of names starts a person, and "and" before a title ends the first one', () => {
  const { ann } = coded(['RCMP Sgt. Tim Shields and Attorney-General Wally Oppal announced the arrests on Wednesday.', 'Shields said both men were arrested.']);
  const names = ann.entities.filter((x) => x.type === 'PERSON').map((x) => x.text);
  assert.ok(names.includes('Tim Shields') && names.includes('Wally Oppal'), JSON.stringify(names));
  const tim = ann.entities.find((x) => x.text === 'Tim Shields')!;
  assert.ok(ann.claims.some((c) => c.speaker.actor_id === tim.actor_id && c.text.startsWith('both men')), JSON.stringify(ann.claims.map((c) => c.speaker)));
});

test('actors: a run of names ending in a news head word is one news organisation ("South Caucasus Wire", "Pacific Rim Chronicle")', () => {
  const { ann } = coded(['The European Union called on Armenia to show restraint, according to South Caucasus Wire.', 'A ship fired a water cannon, the Pacific Rim Chronicle reported.']);
  for (const name of ['South Caucasus Wire', 'Pacific Rim Chronicle']) {
    const e = ann.entities.find((x) => x.text === name);
    assert.equal(e?.type, 'ORG', name);
    assert.equal(ann.actors.find((a) => a.id === e?.actor_id)?.role, 'MED', name);
  }
});

test('actors: review cases — the publisher is found only as written ("The Nation", not "The nation mourned"); a post or a party before a name makes no outlet or organisation', () => {
  const nation = annotateArticle(articleFromText(['The nation mourned on Monday, officials said.'], '2026-03-07', 'The Nation'));
  assert.ok(!nation.entities.some((e) => /nation/i.test(e.text) && e.type === 'ORG'), JSON.stringify(nation.entities.map((e) => [e.text, e.type])));
  const post = coded(['Shelling hit the Border Post overnight.']);
  assert.ok(!post.ann.actors.some((a) => a.name === 'Border Post' && a.role === 'MED'), JSON.stringify(post.ann.actors));
  const party = coded(['She quit the party Jane Smith founded in 2010, officials said.']);
  assert.ok(!party.ann.entities.some((e) => e.text === 'Jane Smith' && e.type === 'ORG'), JSON.stringify(party.ann.entities.map((e) => [e.text, e.type])));
});
