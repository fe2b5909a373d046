import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotateArticle, defaultResources } from '../src/annotate/annotate.js';
import { codeArticle } from '../src/events/coder.js';
import { datelineSplit } from '../src/nlp/analyse.js';
import { defaultOntology } from '../src/events/ontology.js';
import { storyNames } from '../src/pipeline/cluster.js';
import { articleFromText } from './helpers.js';

// Each rule of issue #10 that the parse-based coder implements, pinned with a sentence written for it.
const res = { ontology: defaultOntology(), lexicon: defaultResources().lexicon };

function code(text: string): { cameo: string; src: string | null; tgt: string | null; negated: boolean }[] {
  const a = articleFromText([text]);
  return codeArticle(a, annotateArticle(a), res).map((m) => ({ cameo: m.cameo, src: m.source?.country ?? null, tgt: m.target?.country ?? null, negated: m.negated }));
}
const happened = (text: string) => code(text).filter((m) => !m.negated);
const dyads = (text: string) => happened(text).map((m) => `${m.cameo.slice(0, 2)} ${m.src ?? '-'}>${m.tgt ?? '-'}`);

test('coder: the subject is the source and the object the target, whatever comes first ("Pezeshkian thanked Russia")', () => {
  assert.deepEqual(dyads('Iranian President Masoud Pezeshkian thanked Russia for its support on Friday.'), ['05 IRN>RUS']);
});

test('coder: a passive codes the agent as source and the subject as target', () => {
  const got = dyads('Iran was attacked by Israel on Saturday.');
  assert.ok(got.length >= 1, JSON.stringify(got));
  assert.ok(got.every((d) => d.endsWith('ISR>IRN')), JSON.stringify(got));
});

test('coder: conjoined subjects give one mention each', () => {
  const got = dyads('Germany and France condemned Russia on Monday.');
  assert.deepEqual(got.sort(), ['11 DEU>RUS', '11 FRA>RUS']);
});

test('coder: an agreement to act is coded as intent from the embedded verb, with the matrix subject', () => {
  const got = happened('Russia agreed to send humanitarian aid to Syria on Tuesday.');
  assert.ok(got.some((m) => m.cameo.startsWith('03') && m.src === 'RUS' && m.tgt === 'SYR'), JSON.stringify(got));
  assert.ok(!got.some((m) => m.cameo.startsWith('07')), `the aid itself was not sent: ${JSON.stringify(got)}`);
});

test('coder: a negated act is marked negated, not reported as an event', () => {
  const all = code('Israel did not attack Iran on Saturday.');
  assert.ok(all.length === 0 || all.every((m) => m.negated), JSON.stringify(all));
});

test('coder: plans, schedules and predictions are not events that happened', () => {
  assert.deepEqual(happened('Putin was scheduled to hold a phone call with Erdogan on Friday.'), []);
  assert.deepEqual(happened('Russia plans to sign a treaty with Iran next month.'), []);
  assert.deepEqual(happened('Iran would attack Israel, the paper said.'), []);
});

test('coder: a threat is a threat (13), not the threatened act', () => {
  const got = happened('Iran threatened to attack Israel on Sunday.');
  assert.ok(got.length >= 1 && got.every((m) => m.cameo.startsWith('13')), JSON.stringify(got));
});

test('coder: a refusal to meet is a rejection (12)', () => {
  const got = happened('Ukraine refused to meet Russia in Istanbul on Monday.');
  assert.ok(got.some((m) => m.cameo.startsWith('12') && m.src === 'UKR' && m.tgt === 'RUS'), JSON.stringify(got));
});

test('coder: a dateline is not an actor, and nobody acts on themselves', () => {
  const got = dyads('MOSCOW, March 10 (Meridian) — Russian Foreign Minister Sergei Lavrov and his Iranian counterpart Abbas Araghchi discussed the war in a telephone conversation on Tuesday.');
  assert.deepEqual(got, ['04 RUS>IRN']);
});

test('coder: the story after a wire dateline is parsed apart, so the place is not the subject', () => {
  assert.equal(datelineSplit(['WASHINGTON', '(', 'AP', ')', '—', 'Obama', 'spoke', '.']), 5);
  assert.equal(datelineSplit(['KYIV', ',', 'Ukraine', ',', 'March', '3', '(', 'Reuters', ')', '-', 'Troops', 'left', '.']), 10);
  assert.equal(datelineSplit(['The', 'minister', '—', 'who', 'spoke', 'first', '—', 'left', '.']), 0, 'a dash aside in an ordinary sentence');
  // Parsed whole, this sentence gives WASHINGTON as the subject of "accused" and no event.
  assert.deepEqual(dyads('WASHINGTON (AP) — President Barack Obama on Tuesday accused Republican Donald Trump of showering praise and modeling his policies on Russian President Vladimir Putin.'), ['11 USA>USA']);
});

test('coder: police and courts belong to the country the sentence is set in, else the outlet\'s', () => {
  const a = articleFromText(['In Yerevan, police detained 17 opposition supporters during a protest outside the government building.', 'Police detained two reporters.'], '2026-10-14', 'The Washington Post');
  const got = codeArticle(a, annotateArticle(a), res).map((m) => `${m.cameo} ${m.source?.code ?? '-'}>${m.target?.code ?? '-'}`);
  // "during a protest" is an adjunct: no "hold … protest" (141) reading.
  assert.deepEqual(got, ['173 ARMCOP>ARMOPP', '173 USACOP>-']);
});

test('coder: a support verb takes its act from an event noun object (data/cameo/event-nouns.json)', () => {
  assert.deepEqual(dyads('Japan on Friday made a strong condemnation of North Korea.'), ['11 JPN>PRK']);
  assert.deepEqual(dyads('Iran had breakfast with Russian Foreign Minister Sergei Lavrov on Monday.'), ['04 IRN>RUS']);
  assert.deepEqual(dyads('Germany obtained a warrant against Iran.').map((x) => x.slice(0, 2)), ['09']);
  assert.deepEqual(dyads('Germany had a cup of coffee with Iran.'), [], 'no event noun, no event');
});

test('coder: a person no dictionary knows is placed in the home country; a time is no qualifier of an agent', () => {
  const a = articleFromText(['Ayodele Fashanu-Okonkwo accused Chukwuemeka Obiora-Adeyemi of lying.', 'Federal prosecutors in April charged Nigeria with fraud.'], '2026-10-14', 'The Washington Post');
  const got = codeArticle(a, annotateArticle(a), res).map((m) => `${m.cameo.slice(0, 2)} ${m.source?.code ?? '-'}>${m.target?.code ?? '-'}`);
  assert.deepEqual(got, ['11 USA>USA', '17 USAJUD>NGA']);
});

test('attribution: a bare surname is the person named first with it; a date is never a speaker; "When" opens no name', () => {
  const a = articleFromText(['President Barack Obama spoke in Ohio on Tuesday.', 'Michelle Obama spoke too.', 'Obama said the version Republicans tell is "just not true."', 'FBI notes released Monday revealed discussion of a "quid pro quo."', 'When Lavrov was asked about it, he said, "Not now."'], '2016-10-18');
  const ann = annotateArticle(a);
  const speakers = ann.claims.map((c) => c.speaker.name ?? c.speaker.description ?? null);
  assert.ok(speakers.includes('Barack Obama'), speakers.join(', '));
  assert.ok(!speakers.includes('Monday'), speakers.join(', '));
  assert.ok(!ann.entities.some((e) => e.text.startsWith('When')), 'no entity opens with "When"');
});

test('coder: a form two verbs share is the verb its lemma names ("found" = find, not found a company); a meeting with leaders happened (040)', () => {
  const a = articleFromText(['Senator Patrick Leahy found the letter of the FBI troubling.'], '2016-10-18', 'The Washington Post');
  assert.deepEqual(codeArticle(a, annotateArticle(a), res).filter((m) => m.cameo.startsWith('06')).map((m) => m.cameo), [], 'no "found (a company)" 060');
  assert.deepEqual(dyads('Secretary of State John Kerry met with Iranian leaders in Geneva on Monday.'), ['04 USA>IRN']);
});

test('coder: "X, who met Y" has X as the source even where the parser hangs the relative clause wrongly', () => {
  assert.deepEqual(dyads('Russian President Vladimir Putin, who met Chinese leader Xi Jinping on Monday, spoke.'), ['04 RUS>CHN']);
});

test('coder: "I" and "we" in what someone says are that speaker', () => {
  assert.deepEqual(dyads('Iranian Foreign Minister Abbas Araghchi said: "We have accused Israel of violating the ceasefire."'), ['11 IRN>ISR']);
});

test('coder: an act inside a reported clause is not given to the reporting verb\'s object', () => {
  const got = code('He declined to comment on reports that Russia had shared intelligence with Iran.');
  assert.ok(!got.some((m) => m.cameo.startsWith('01') && m.tgt === 'RUS'), JSON.stringify(got));
});

test('actors: "UNK" (an unknown country) is never read as Kosovo', () => {
  assert.equal(storyNames().actor?.('UNK') ?? null, null);
  assert.equal(res.lexicon.countryNames.get('UNK'), undefined);
  assert.equal(res.lexicon.countryNames.get('KSV'), 'Kosovo');
});

test('coder: sport is not politics (a transfer is not cooperation), nor is business between companies', () => {
  assert.deepEqual(code('FC Porto agreed to sign Danish striker Mikkel Sørgaard from FC Midtjylland on Wednesday.'), []);
  assert.deepEqual(code('Sørgaard signed a five-year contract with the Portuguese club on Wednesday.'), []);
  assert.deepEqual(code('Danish striker Mikkel Sørgaard signed a five-year contract on Wednesday.'), []);
  assert.deepEqual(happened('Acme Corporation signed a supply agreement with Globex Corporation on Monday.').filter((m) => /^0[3-8]/.test(m.cameo)), []);
  // The same verbs between political actors are coded.
  assert.ok(dyads('Portugal signed a defence agreement with Denmark on Wednesday.').some((d) => d.endsWith('PRT>DNK')));
});

test('coder: criticism stands without a target, dated by its own time, not by the attack it condemns', () => {
  const got = code('Bahrain condemned Sunday’s attack in Al-Kharj.');
  assert.deepEqual(got.map((m) => `${m.cameo} ${m.src}>${m.tgt ?? '-'}`), ['111 BHR>-']);
  const a = articleFromText(['Bahrain condemned Sunday’s attack in Al-Kharj.'], '2026-03-09');
  const [m] = codeArticle(a, annotateArticle(a), res);
  assert.equal(m?.date, '2026-03-09', 'the report date, not Sunday (the attack)');
  // A bare warning with nobody warned still says too little.
  assert.deepEqual(code('Russia warned on Monday.'), []);
});

test('coder: support named by a noun is endorsement (051), its source the governing verb’s subject or the possessor', () => {
  assert.deepEqual(dyads('Saudi Arabia stands in full solidarity with Kuwait.'), ['05 SAU>KWT']);
  assert.deepEqual(dyads('Germany voiced support for Ukraine on Monday.'), ['05 DEU>UKR']);
  assert.ok(dyads('Putin reaffirmed Russia’s backing for Iran on Friday.').some((d) => /^05 RUS>IRN$/.test(d)));
  assert.deepEqual(dyads('The bill won support from 60 senators.'), []);
});

test('coder: "the kingdom" and "the government" as a subject are the state the article is about', () => {
  const a = articleFromText(['Saudi Arabia said a projectile struck a compound in Al-Kharj on Sunday.', 'The kingdom reserves its full right to take all necessary measures, the ministry said.']);
  const got = codeArticle(a, annotateArticle(a), res).map((m) => `${m.cameo.slice(0, 2)} ${m.source?.country ?? '-'}>${m.target?.country ?? '-'}`);
  assert.ok(got.includes('13 SAU>-'), JSON.stringify(got));
});

test('coder: one named official acting on another of the same country is coded (domestic politics); nobody acts on themselves', () => {
  assert.deepEqual(dyads('Barack Obama criticized Hillary Clinton on Monday.'), ['11 USA>USA']);
  assert.deepEqual(dyads('Vladimir Putin praised Vladimir Putin on Monday.'), []);
});

test('coder: undated remarks take the date of the call they were made in, not of the shooting they are about', () => {
  const dates = (paras: string[]) => {
    const a = articleFromText(paras, '2026-03-07');
    return codeArticle(a, annotateArticle(a), res).filter((m) => !m.negated).map((m) => `${m.cameo.slice(0, 2)} ${m.source?.country ?? '-'}>${m.target?.country ?? '-'} ${m.date}/${m.date_precision}`);
  };
  // A consultation lends its day to what the parties said in it (within the reporting window: the day before publication).
  const call = dates(['Vladimir Putin held a phone call with Masoud Pezeshkian on Friday.', 'Pezeshkian thanked Russia for its support.']);
  assert.ok(call.includes('05 IRN>RUS 2026-03-06/day'), JSON.stringify(call));
  // An accusation about a shooting was made when reported: the shooting's day is not its day.
  const shot = dates(['Armenian forces shelled Azerbaijani villages on Friday.', 'Azerbaijan accused Armenia of provocation.']);
  assert.ok(shot.some((d) => d.startsWith('19 ARM>AZE 2026-03-06')), JSON.stringify(shot));
  assert.ok(shot.includes('11 AZE>ARM 2026-03-07/reported'), JSON.stringify(shot));
});

test('coder: a time inside a subordinate clause with its own subject dates that clause, not the main act', () => {
  const a = articleFromText(['Donald Trump accused Lester Holt of bias, though records show Holt has been a registered Republican since 2003.'], '2026-03-07');
  const acc = codeArticle(a, annotateArticle(a), res).find((m) => m.cameo.startsWith('11'));
  assert.equal(acc?.date_precision, 'reported', JSON.stringify(acc));
});

test('coder: a rejection stands without a target; refusing to speak is declining comment, not a rejection', () => {
  assert.deepEqual(dyads('The Russian government rejected the proposal on Thursday.'), ['12 RUS>-']);
  assert.deepEqual(dyads('The Russian government rejected the request on Thursday.'), ['12 RUS>-']);
  assert.deepEqual(dyads('The Russian government declined to say where the troops would go.').filter((d) => d.startsWith('12')), []);
});

test('coder: a casualty report in a claim is not criticism; its harm words carry no tone', () => {
  const a = articleFromText(['Chile’s National Disaster Prevention and Response Service said three people were treated for minor injuries and that about 12,000 households lost power.']);
  const ann = annotateArticle(a);
  assert.ok(ann.claims.length > 0 && ann.claims.every((c) => (c.tone ?? 0) > -0.3), JSON.stringify(ann.claims.map((c) => c.tone)));
  assert.deepEqual(codeArticle(a, ann, res).filter((m) => m.cameo.startsWith('11')), []);
  // A judgement still counts.
  const b = articleFromText(['Bahrain said the strike was a cowardly terrorist attack.']);
  assert.ok(annotateArticle(b).claims.some((c) => (c.tone ?? 0) <= -0.3));
});

test('coder: conjoined subjects of a one-sided act act each alone ("Germany and France condemned the shooting"); only mutual acts or reciprocal patterns pair them', () => {
  assert.deepEqual(dyads('Germany and France condemned the shooting on Tuesday.').sort(), ['11 DEU>-', '11 FRA>-']);
  assert.deepEqual(dyads('Putin and Erdogan held talks in Sochi on Tuesday.').map((d) => d.slice(0, 2)), ['04']);
  assert.ok(!defaultOntology().symmetric.has('111'));
});

test('coder: "the Obama administration" names the president\'s government, and "the administration" that spoke later is the same source', () => {
  const a = articleFromText(['The Obama administration on Friday condemned Russia over the hack.', 'The administration also blamed Moscow for the hack of the party committee.'], '2016-10-09');
  const got = codeArticle(a, annotateArticle(a), res).filter((m) => !m.negated).map((m) => `${m.cameo.slice(0, 2)} ${m.source?.country ?? '-'}>${m.target?.country ?? '-'}`);
  assert.deepEqual(got, ['11 USA>RUS', '11 USA>RUS']);
  const claim = annotateArticle(a).claims.find((c) => c.text.startsWith('Moscow for the hack'));
  assert.equal(claim?.speaker.name, 'Obama administration');
});

test('coder: "A and B accused each other / one another" is a directed act each way', () => {
  assert.deepEqual(dyads('Armenia and Azerbaijan accused each other of violating the ceasefire.').sort(), ['11 ARM>AZE', '11 AZE>ARM']);
  assert.deepEqual(dyads('Russia and Ukraine accused one another of shelling the plant.').sort(), ['11 RUS>UKR', '11 UKR>RUS']);
});
