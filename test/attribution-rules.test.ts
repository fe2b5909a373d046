import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotateArticle } from '../src/annotate/annotate.js';
import { wireDateline } from '../src/attribution/claims.js';
import { compareClaims } from '../src/stories/compare.js';
import { articleFromText } from './helpers.js';

// The attribution rules of issue #10, each pinned with a sentence written for it.
const claimsOf = (paragraphs: string[], outlet = 'Daily Example') => annotateArticle(articleFromText(paragraphs, '2026-03-10', outlet)).claims.filter((c) => !c.quote);
/** One article of one paragraph by an outlet, annotated, as the story comparison takes it. */
const article = (outlet: string, text: string) => {
  const a = articleFromText([text], '2026-03-10', outlet);
  return { article: a, annotations: annotateArticle(a) };
};
const chains = (paragraphs: string[], outlet?: string) => claimsOf(paragraphs, outlet).map((c) => `${c.chain.map((l) => l.name).join(' > ')}: ${c.text}`);

test('attribution: a wire dateline is a relay of every claim, and no part of any claim', () => {
  assert.deepEqual(wireDateline('MOSCOW, March 10 (AFP) – Russia said'), { agency: 'AFP', end: 25 });
  assert.equal(wireDateline('WASHINGTON (AP) — The senator said')?.agency, 'AP');
  assert.equal(wireDateline('March 10 (IANS) - Officials said')?.agency, 'IANS');
  assert.equal(wireDateline('Russia said on Monday (local time) - that it'), null);
  assert.deepEqual(chains(['MOSCOW, March 10 (AFP) – Russia is sharing intelligence with Iran, two US officials said on Monday.']), [
    'two US officials > Agence France-Presse > Daily Example: Russia is sharing intelligence with Iran',
  ]);
  // The publisher's own dateline adds no link.
  assert.deepEqual(chains(['MOSCOW, March 10 (Meridian) — The Kremlin said the talks were useful.'], 'Meridian Regional Wire'), ['Kremlin > Meridian Regional Wire: the talks were useful']);
});

test('attribution: "told X" and "in an interview with X" make the outlet a relay', () => {
  assert.deepEqual(chains(['Kremlin spokesman Dmitry Peskov told CBS News that Moscow had received no request.']), ['Dmitry Peskov > CBS News > Daily Example: Moscow had received no request']);
  assert.deepEqual(chains(['In an interview with Al Jazeera, Araghchi said the cooperation continues.']), ['Abbas Araghchi > Al Jazeera > Daily Example: the cooperation continues']);
});

test('attribution: "is no secret" and "would not rule out" are not negations', () => {
  const [secret] = claimsOf(['Military cooperation between Iran and Russia is no secret, Araghchi said.']);
  assert.equal(secret?.negated, false);
  const [ruleOut] = claimsOf(['The minister said Turkey would not rule out new sanctions.']);
  assert.equal(ruleOut?.negated, false);
  const [not] = claimsOf(['The ministry said Iran had not asked Russia for weapons.']);
  assert.equal(not?.negated, true);
});

test('attribution: a denial is a negated claim that contradicts the claim it denies; a relayed source is one source', () => {
  const matrix = compareClaims([
    article('Reuters', 'Russia is sharing intelligence with Iran, two US officials told Reuters on Monday.'),
    article('Paper B', 'According to Reuters, Russia is sharing intelligence with Iran.'),
    article('Paper C', 'The Kremlin denied that Russia was sharing intelligence with Iran.'),
  ]);
  const claim = matrix.find((c) => !c.negated && /sharing intelligence/.test(c.text));
  const denial = matrix.find((c) => c.negated && /sharing intelligence/.test(c.text));
  assert.ok(claim && denial, JSON.stringify(matrix.map((c) => [c.text, c.negated])));
  assert.deepEqual(denial.reports.map((r) => r.outlet), ['Paper C']);
  assert.ok(denial.contradicts.includes(claim.id) && claim.contradicts.includes(denial.id));
  assert.deepEqual(claim.reports.map((r) => r.outlet).sort(), ['Paper B', 'Reuters']);
  assert.equal(claim.independent_sources, 1, `Paper B relays Reuters' officials: ${JSON.stringify(claim.sources)}`);
});

test('attribution: one claim per span, no fragments, no claim without content', () => {
  // Nested report by the same speaker: one claim.
  const nested = claimsOf(['Iranian Foreign Minister Abbas Araghchi told IRNA he condemned the strikes and thanked Moscow for what he said was its principled stance on the conflict.']);
  assert.equal(nested.filter((c) => c.speaker.name === 'Abbas Araghchi').length, 1, JSON.stringify(nested.map((c) => c.text)));
  // "said little": nothing reported; the adverbial clause before it is not its content.
  assert.deepEqual(claimsOf(['When Vladimir Putin called Masoud Pezeshkian on Friday, the Kremlin said little.']), []);
  // A circumstance after the cue is not its content: the clause before it is.
  assert.deepEqual(chains(['FC Porto have agreed to sign the striker for 18 million euros, the Portuguese club said on Wednesday, with the player due to join in July.']), [
    'the Portuguese club > Daily Example: FC Porto have agreed to sign the striker for 18 million euros',
  ]);
  // A participle after a comma names no speaker after it.
  const part = claimsOf(['Putin reaffirmed Russia’s backing for Iran, describing the relationship as one rooted in solidarity.']);
  assert.ok(part.every((c) => c.speaker.name !== 'the relationship'), JSON.stringify(part.map((c) => c.speaker.name)));
});

test('attribution: a speaker is never a date, a time or a prepositional object', () => {
  const got = chains([
    'Putin on Tuesday reaffirmed that Russia would stand by Iran.',
    'On Friday, the Kremlin said the talks had been useful.',
    'Calling for a rapid reduction in tensions, the ministry said the region could not afford a wider war.',
  ]);
  assert.deepEqual(got, [
    'Vladimir Putin > Daily Example: Russia would stand by Iran',
    'Kremlin > Daily Example: the talks had been useful',
    'the ministry > Daily Example: the region could not afford a wider war',
  ]);
});

test('coreference: "the Russian leader" and "the president" are the person named before', () => {
  const got = claimsOf([
    'Russian President Vladimir Putin spoke with Iranian President Masoud Pezeshkian on Friday.',
    'The Russian leader said Moscow wanted an immediate ceasefire.',
  ]);
  assert.deepEqual(got.map((c) => c.speaker.name), ['Vladimir Putin']);
  const one = claimsOf(['President Emmanuel Macron arrived in Kyiv on Monday.', 'The president said France would keep supporting Ukraine.']);
  assert.deepEqual(one.map((c) => c.speaker.name), ['Emmanuel Macron']);
  // Two presidents named before: "the president" is nobody in particular.
  const two = annotateArticle(articleFromText(['Russian President Vladimir Putin spoke with Iranian President Masoud Pezeshkian on Friday.', 'The president said the talks were useful.'], '2026-03-10'));
  assert.ok(!two.entities.some((e) => e.mention === 'description' && /^The president$/.test(e.text)));
});

test('attribution: "denied/rejected reports that X" claims X, read as a denial when claims are compared', () => {
  const [rejected] = claimsOf(['Azerbaijan’s defence ministry rejected reports that its troops had crossed the border.']);
  assert.equal(rejected?.text, 'its troops had crossed the border');
  const [denied] = claimsOf(['The Kremlin denied claims that Russia was sharing intelligence with Iran.']);
  assert.equal(denied?.text, 'Russia was sharing intelligence with Iran');
  // Rejecting a proposal is an act, not a report.
  assert.deepEqual(claimsOf(['Iran rejected the proposal on Monday after two days of talks in Oman.']), []);
  const [assured] = claimsOf(['Gulf officials assured us they were not choosing sides in the war.']);
  assert.equal(assured?.text, 'they were not choosing sides in the war');
  const matrix = compareClaims([
    article('Paper A', 'Armenian officials said Azerbaijani troops had crossed the border near the village.'),
    article('Paper B', 'Azerbaijan’s defence ministry rejected reports that Azerbaijani troops had crossed the border near the village.'),
  ]);
  const denial = matrix.find((c) => c.negated);
  assert.ok(denial, JSON.stringify(matrix.map((c) => [c.text, c.negated])));
  assert.equal(denial.contradicts.length, 1);
});

test('attribution: "according to X, Y said Z" is one claim, Z, relayed by X; the publisher is never its own relay', () => {
  assert.deepEqual(chains(['According to Al Jazeera, the Kremlin said Putin had called for an early end to the fighting.']), [
    'Kremlin > Al Jazeera > Daily Example: Putin had called for an early end to the fighting',
  ]);
  const [own] = claimsOf(['Earlier, Daily Example reported that a projectile struck a compound in Al-Kharj, Saudi authorities confirmed on Sunday.']);
  assert.deepEqual(own?.chain.map((l) => l.name), ['Saudi authorities', 'Daily Example']);
  assert.match(own?.text ?? '', /a projectile struck a compound in Al-Kharj$/);
});

test('attribution: speakers named by an office, a possessor or an earlier body', () => {
  const [un] = claimsOf(['Russia’s UN ambassador told the council that the strikes were a gross violation of the UN Charter.']);
  assert.equal(un?.speaker.code, 'RUSGOV');
  const got = claimsOf([
    'The Saudi Ministry of Foreign Affairs condemned the attack on Sunday.',
    'The ministry’s statement said the kingdom would hold those responsible accountable.',
    'The ministry said it had summoned the ambassador.',
  ]);
  assert.deepEqual(got.map((c) => c.speaker.name), ['Saudi Ministry of Foreign Affairs', 'Saudi Ministry of Foreign Affairs']);
  const [rank] = claimsOf(['Civil defence spokesman Major Fahad al-Otaibi said rescue teams reached the site within minutes.']);
  assert.equal(rank?.speaker.name, 'Fahad al-Otaibi');
});

test('attribution: the content starts after "that" when a statement and its carrier come first', () => {
  const [c] = claimsOf(['The ministry said in a statement published by the Saudi Press Agency that the kingdom would defend its territory.']);
  assert.equal(c?.text, 'the kingdom would defend its territory');
  assert.deepEqual(c?.chain.map((l) => l.name), ['The ministry', 'Saudi Press Agency', 'Daily Example']);
});

test('attribution: "X, an apposition, said Y" has X as speaker and Y as content; archive quotes in doubled apostrophes are quotes', () => {
  assert.deepEqual(chains(['Phil Smith, a spokesman for the United Mine Workers of America, said the union expected production to improve.']), [
    'Phil Smith > Daily Example: the union expected production to improve',
  ]);
  assert.deepEqual(chains(['The strikes were illegal, said Russia’s ambassador on Friday.']), ['Russia’s ambassador > Daily Example: The strikes were illegal']);
  const quotes = annotateArticle(articleFromText(["''There's a lot of new complexity,'' said Mr. Burman."], '2026-03-10')).claims.filter((c) => c.quote);
  assert.deepEqual(quotes.map((q) => [q.text, q.speaker.name]), [["There's a lot of new complexity,", 'Mr. Burman']]);
});

test('attribution: the parse names the speaker of a relative clause and of a conjoined cue', () => {
  assert.deepEqual(chains(['Trump refused to pay an architect who said he was stiffed after he designed a clubhouse.']), ['an architect > Daily Example: he was stiffed after he designed a clubhouse']);
  assert.deepEqual(chains(['Mr. Schultz generally supported Democrats during his time on MSNBC and said he did not support Mr. Trump.']), [
    'Mr. Schultz > Daily Example: he did not support Mr. Trump',
  ]);
});

test('attribution: "found" and "shows" attribute a clause, never an object', () => {
  assert.deepEqual(chains(['A 2014 study by Harvard found that poor children in Charlotte have the worst odds.']), ['A 2014 study > Daily Example: poor children in Charlotte have the worst odds']);
  assert.deepEqual(claimsOf(['Police found the body of the victim in the river on Monday.']), []);
});

test('attribution (session 11): "“…,” the mayor said, adding that …" gives two claims, the quotation and what the participle adds, both the mayor\'s', () => {
  const a = articleFromText(['Mayor Bill de Blasio spoke on Saturday. "We do not see a link to terrorism," the mayor said, adding that it would take more hours before details emerge.'], '2016-09-17', 'Politico');
  const claims = annotateArticle(a).claims.filter((c) => !c.quote);
  const q = claims.find((c) => c.text.includes('We do not see a link'));
  const add = claims.find((c) => c.text.startsWith('it would take more hours'));
  assert.equal(q?.chain[0]?.name, 'Bill de Blasio');
  assert.equal(add?.chain[0]?.name, 'Bill de Blasio');
});

test('attribution (session 11): ", the mayor also said" starts a clause; it is no apposition giving the word before it a title', () => {
  const a = articleFromText(['Mayor Bill de Blasio spoke. At a press conference in Chelsea, the mayor also said that it was too early to tell.'], '2016-09-17', 'Politico');
  const ann = annotateArticle(a);
  assert.ok(!ann.entities.some((e) => e.text === 'Chelsea' && e.type === 'PERSON'));
  assert.equal(ann.claims.find((c) => c.text.startsWith('it was too early'))?.chain[0]?.name, 'Bill de Blasio');
});

test('attribution (session 11): a statement speaks for whoever issued it ("the Security Council issued a statement calling …")', () => {
  const a = articleFromText(['Following a meeting, the Security Council issued a statement calling the nuclear test "a clear violation" of its resolutions.'], '2016-09-10', 'The Washington Post');
  const c = annotateArticle(a).claims.find((x) => !x.quote && x.text.includes('nuclear test'));
  assert.equal(c?.chain[0]?.name, 'UN Security Council');
  assert.equal(c?.speaker.description, 'a statement');
});

test('actors (session 11): an unknown body named after its own country is not given the nationality again', () => {
  const a = articleFromText(["The State Department Refugee Processing Center said it was fine. Iran's Foreign Ministry said the program had failed badly."], '2016-09-12', 'The New York Times');
  const names = annotateArticle(a).claims.map((c) => c.chain[0]?.name);
  assert.ok(names.includes('State Department Refugee Processing Center'), JSON.stringify(names));
  assert.ok(names.includes('Iranian Foreign Ministry'), JSON.stringify(names));
});

test('attribution (session 11): "told Bill O\'Reilly of Fox News" — the journalist\'s outlet relays the claim', () => {
  const a = articleFromText(['"Look, it is a phony system," Trump told Bill O\'Reilly of Fox News this week.'], '2016-09-23', 'USA Today');
  const c = annotateArticle(a).claims.find((x) => !x.quote);
  assert.deepEqual(c?.chain.map((l) => l.name), ['Donald Trump', 'Fox News', 'USA Today']);
});

test('attribution: a split quote (“…,” X said. “…”) gives the second part the same speaker; a quote after other text does not', () => {
  const quotes = (paragraphs: string[]) => annotateArticle(articleFromText(paragraphs, '2026-03-10', 'Daily Example')).claims.filter((c) => c.quote).map((c) => `${c.speaker.name ?? '?'}: ${c.text}`);
  assert.deepEqual(quotes(['“The talks were useful,” Senator Rob Portman said on Tuesday. “We will meet again next month.”']), [
    'Rob Portman: The talks were useful,',
    'Rob Portman: We will meet again next month.',
  ]);
  // The continuation is a claim of the same speaker too, as the first part is.
  assert.deepEqual(chains(['“The talks were useful,” Senator Rob Portman said on Tuesday. “We will meet again next month.”']), [
    'Rob Portman > Daily Example: The talks were useful',
    'Rob Portman > Daily Example: We will meet again next month',
  ]);
  // Another sentence between them (no attribution of the first) breaks the chain: the second has no known speaker.
  const [, second] = quotes(['“The talks were useful,” Portman said. Officials in the capital were less sure of the outcome and the schedule. “We will meet again.”']);
  assert.equal(second, '?: We will meet again.');
});

test('attribution: speakers named through an apposition, a title before the name, or a description by role (session 12)', () => {
  const speakers = (paragraphs: string[]) => annotateArticle(articleFromText(paragraphs, '2026-03-10', 'Daily Example')).claims.map((c) => `${c.quote ? 'Q' : 'C'} ${c.speaker.name}`);
  // A common-noun subject with a name in apposition speaks through the name.
  assert.ok(speakers(['“Subpoenas are not optional,” committee Chairman Rep. Jason Chaffetz said on Thursday.']).every((x) => x.endsWith('Jason Chaffetz')));
  // "Australian Prime Minister" is an office, not a person: the name after it speaks.
  assert.deepEqual(speakers(['The test was what Australian Prime Minister Malcolm Turnbull called “reckless and dangerous.”']).filter((x) => x.startsWith('Q')), ['Q Malcolm Turnbull']);
  // "The California congressman" is the congressman named before, not a new speaker.
  assert.deepEqual(speakers(['Rep. Adam Schiff spoke to reporters on Wednesday.', 'The California congressman said the hacking was designed to sow discord.']), ['C Adam Schiff']);
  // With no one of that role named before, the description stays a description.
  assert.deepEqual(speakers(['The California congressman said the hacking was designed to sow discord.']), ['C The California congressman']);
});

test('attribution: a party-and-state aside between speaker and cue ("Rep. John Mica (R-Fla.) said") keeps the speaker, and its dot ends no sentence', () => {
  const got = chains(['“We cannot have people deny the right to question them. They may not want to answer, and they have that right,” Rep. John Mica (R-Fla.) said. “If you continue that, you destroy the whole basis of our government.”']);
  assert.deepEqual(got, [
    // A quotation of two sentences before the cue is one claim, whole (the cue's sentence holds only the second).
    'John Mica > Daily Example: We cannot have people deny the right to question them. They may not want to answer, and they have that right',
    'John Mica > Daily Example: If you continue that, you destroy the whole basis of our government',
  ]);
});

test('attribution: a characterisation in a clause of its own is a claim without quotation marks; a relative clause, a directive or a naming without a predicate is not', () => {
  assert.deepEqual(chains(['Democrats called the contempt citation a transparent political ploy.', 'Democrats also described the showdown as ominous.']), [
    'Democrats > Daily Example: the contempt citation a transparent political ploy',
    'Democrats > Daily Example: the showdown as ominous',
  ]);
  assert.deepEqual(chains(['He criticized what he called a stupid question.', 'The president called for calm.', 'The minister called the ambassador to his office.', 'It describes a club of shared grievances, not an alliance.']), []);
});

test('coreference: "the newspaper" and "the group" are the body named before (a media one for the newspaper)', () => {
  const got = chains([
    'The Washington Post endorsed Hillary Clinton on Wednesday.',
    'The newspaper said she was the best choice.',
    'Hamas met Egyptian mediators in Cairo.',
    'The group said the talks had been useful.',
  ]);
  assert.deepEqual(got.map((x) => x.split(' > ')[0]), ['The Washington Post', 'Hamas']);
});

test('attribution: no speaker is sought in a wire dateline; a cue with no speaker inside a claim is that claim\'s speaker\'s', () => {
  const a = claimsOf(['MANILA, Nov 25 (Harbour Wire) – China on Wednesday denied that its coast guard had rammed a supply boat, calling Manila\'s account "pure fabrication".']);
  assert.ok(a.length > 0);
  for (const c of a) assert.notEqual(c.speaker.name, 'MANILA', c.text);
  const b = claimsOf(['The ministry said its forces had used a drone during Tuesday night\'s shooting, calling the report "a fabrication" in a statement.']);
  for (const c of b) assert.notEqual(c.chain[0]?.name, 'unknown source', c.text);
});

test('attribution: a wire dateline after a headline kept in the body is still every claim\'s relay', () => {
  const got = chains(['Obama says Trump modeling policies on Putin.', 'WASHINGTON (AP) — President Barack Obama on Tuesday said Trump was modeling his policies on Putin.']);
  assert.ok(got.length > 0);
  for (const c of got) assert.match(c, /^Barack Obama > Associated Press > Daily Example:/, c);
});

test('attribution: a body led by a person speaks as that body ("Clinton campaign")', () => {
  const got = chains(['Hillary Clinton spoke in Ohio on Monday.', 'Her campaign said it was launching a new push in Arizona.', "Donald Trump's campaign said the documents were fake."]);
  assert.ok(got.includes('Clinton campaign > Daily Example: it was launching a new push in Arizona'), JSON.stringify(got));
  assert.ok(got.includes('Trump campaign > Daily Example: the documents were fake'), JSON.stringify(got));
});

test('attribution: a question or exclamation in quotes is attributed by the words after it, whose own names are not antecedents', () => {
  const got = chains([
    'Retired Lt. Gen. Michael Flynn became agitated on Wednesday.',
    "“How many times does Donald Trump have to say he has disavowed them?” he asked, as he cut off the anchor. “Why do you bring this up? That demeans you.”",
  ]);
  assert.ok(got.includes('Michael Flynn > Daily Example: How many times does Donald Trump have to say he has disavowed them'), JSON.stringify(got));
  assert.ok(got.some((c) => c.startsWith('Michael Flynn > Daily Example: Why do you bring this up?')), JSON.stringify(got));
  // What follows the comma after the cue is a circumstance, not a second thing said.
  assert.ok(!got.some((c) => c.includes('as he cut off the anchor')), JSON.stringify(got));
});

test('attribution: "the Republican lawmaker" names the lawmaker named before it; "Directorate General of …" is a body, not a general', () => {
  const got = chains(['Hillary Clinton could be impeached, Texas Rep. Mike McCaul said Wednesday.', '“This investigation will continue whether she wins or not,” the Republican lawmaker told Fox News.']);
  assert.ok(got.includes('Mike McCaul > Fox News > Daily Example: This investigation will continue whether she wins or not'), JSON.stringify(got));
  const body = chains(['Kuwait International Airport remained open on Thursday, the Directorate General of Civil Aviation said.']);
  assert.deepEqual(body, ['Directorate General of Civil Aviation > Daily Example: Kuwait International Airport remained open on Thursday']);
});

test('attribution: a quotation of several sentences after its cue is one claim; a quoted statement whose cue holds another part is a claim too', () => {
  const whole = chains(['Hillary Clinton, at a later press gaggle, said, “I’ve been briefed about the bombings in New York. Obviously we need to support our first responders. We have to let this investigation unfold.”']);
  assert.deepEqual(whole, ['Hillary Clinton > Daily Example: I’ve been briefed about the bombings in New York. Obviously we need to support our first responders. We have to let this investigation unfold']);
  const split = chains(['“What makes this new and troubling is not just the hacking of a political party,” Adam Schiff told reporters on Wednesday, “but the attempt to interfere with the election process.”']);
  assert.ok(split.includes('Adam Schiff > Daily Example: What makes this new and troubling is not just the hacking of a political party'), JSON.stringify(split));
  assert.ok(split.some((c) => c.startsWith('Adam Schiff > Daily Example: but the attempt to interfere')), JSON.stringify(split));
  // A scare quote of a few words stays a quote inside its claim.
  assert.ok(!chains(['Schiff said the meddling is designed to “sow discord” in American politics.']).some((c) => c.endsWith(': sow discord')));
});

test('attribution: an outlet after "on" relays what was said there; a speaker phrase cut inside a name is the whole name', () => {
  const got = chains(['“I think the system is being rigged,” Donald Trump said this month on CNBC.']);
  assert.deepEqual(got, ['Donald Trump > CNBC > Daily Example: I think the system is being rigged']);
  const agency = chains(['United States Citizenship and Immigration Services, the agency that oversees the program, said it was taking additional steps.']);
  assert.deepEqual(agency, ['United States Citizenship and Immigration Services > Daily Example: it was taking additional steps']);
});

test('attribution: a participle after the cue\'s comma ("…, adding that …") has the cue\'s speaker', () => {
  const got = chains(['The three men were “Gazans who had fled their home earlier that day,” Adam Schiff said, adding that they thought the school would be safe.']);
  assert.ok(got.includes('Adam Schiff > Daily Example: they thought the school would be safe'), JSON.stringify(got));
});

test('attribution: "the state news agency AZERTAC" is an outlet, and a statement carried by it before the cue is relayed by it', () => {
  const got = chains(['Azerbaijan’s Defence Ministry, in a statement carried by the state news agency AZERTAC, said Armenian forces had opened fire first.']);
  assert.deepEqual(got, ['Azerbaijani Defence Ministry > AZERTAC > Daily Example: Armenian forces had opened fire first']);
});

test('attribution: a name between commas after a description speaks ("the village mayor, Hovik Sargsyan, told"); the publisher\'s own name in its text is that outlet', () => {
  const got = chains(['In Nor Aregh, dozens of families spent the night in basements, the village mayor, Hovik Sargsyan, told South Caucasus Wire.'], 'South Caucasus Wire');
  assert.deepEqual(got, ['Hovik Sargsyan > South Caucasus Wire: In Nor Aregh, dozens of families spent the night in basements']);
  const ann = annotateArticle(articleFromText(['Officials told South Caucasus Wire the road was closed.'], '2026-03-10', 'South Caucasus Wire'));
  const e = ann.entities.find((x) => x.text === 'South Caucasus Wire');
  assert.equal(e?.type, 'ORG');
  assert.equal(ann.actors.find((a) => a.id === e?.actor_id)?.role, 'MED');
});

test('attribution: an accusation is a claim that ends where a second, conjoined cue begins; "blamed X for Y" and "praised X as Y" claim too', () => {
  const got = chains(['The ministry accused Armenian units of firing first at its positions and said its troops had taken adequate measures.']);
  assert.ok(got.some((c) => c.endsWith(': Armenian units of firing first at its positions')), JSON.stringify(got));
  assert.ok(got.some((c) => c.endsWith(': its troops had taken adequate measures')), JSON.stringify(got));
  assert.ok(chains(['Senator Harry Reid blamed Moscow for the hack of the party committee.']).some((c) => c.endsWith(': Moscow for the hack of the party committee')));
  assert.ok(chains(['Donald Trump has praised Vladimir Putin as a strong leader.']).some((c) => c.endsWith(': Vladimir Putin as a strong leader')));
});

test('attribution: review cases — a conditional after "said," is content; a quote does not take its speaker from the next paragraph; a family is not its head\'s office', () => {
  assert.ok(chains(['Donald Trump said, if re-elected, he would impose new tariffs on China.']).some((c) => c.startsWith('Donald Trump > ')), 'a conditional clause after "said," is what was said');
  const paras = chains(['“What are we supposed to do now?”', 'Police said the investigation would continue.']);
  assert.ok(!paras.some((c) => c.startsWith('police > Daily Example: What are we') || c.startsWith('Police > Daily Example: What are we')), JSON.stringify(paras));
  const fam = annotateArticle(articleFromText(['Donald Trump attended the hearing.', 'His family said he was innocent.'], '2026-03-10')).claims;
  assert.ok(fam.every((c) => c.speaker.code !== 'USAGOV' || c.speaker.name !== 'Trump family'), JSON.stringify(fam.map((c) => [c.speaker.name, c.speaker.code])));
});

test('attribution: conjoined subjects speak through the first ("Mr. Ortega and Mr. Lind say"), with plural titles ("Reps.", "Sens.")', () => {
  assert.deepEqual(chains(['Senators Maria Ortega and Paul Lind wrote to the agency.', 'But Ms. Ortega and Mr. Lind say more changes are needed.']), [
    'Maria Ortega > Daily Example: more changes are needed',
  ]);
  assert.deepEqual(chains(['Reps. Anna Berg of Ohio and Tom Hale of Iowa said the letter was confusing and unsettling.']), ['Anna Berg > Daily Example: the letter was confusing and unsettling']);
});

test('attribution: "it" after "<country>\'s <body>" is the body, not the country; a lone name after "in" or "the village of" is a place, and "Nor" in a name negates nothing', () => {
  const got = chains(['Moldova’s Defence Ministry gave a different account.', 'It said its troops had fired into the air near the bridge.']);
  assert.deepEqual(got, ['Moldovan Defence Ministry > Daily Example: its troops had fired into the air near the bridge']);
  const ann = annotateArticle(articleFromText(['Shelling hit the village of Nor Talin on Tuesday.', 'In Nor Talin, families slept in basements, the mayor, Aram Petrosyan, told reporters. “We heard explosions,” he said.'], '2026-03-10'));
  assert.ok(!ann.entities.some((e) => e.type === 'PERSON' && e.text === 'Talin'), JSON.stringify(ann.entities.map((e) => [e.type, e.text])));
  const claims = ann.claims.filter((c) => !c.quote);
  assert.ok(claims.every((c) => c.speaker.name === 'Aram Petrosyan'), JSON.stringify(claims.map((c) => c.speaker.name)));
  assert.equal(claims.find((c) => c.text.startsWith('In Nor Talin'))?.negated, false);
});

test('attribution: a participle after a comma and a verb conjoined to an earlier one take that verb\'s subject, never a name before them or a subject inside a quotation', () => {
  assert.ok(chains(['On trade with Canada, Joe Biden aimed his criticism at Congress, saying lawmakers had wasted a year.']).includes('Joe Biden > Daily Example: lawmakers had wasted a year'));
  const got = claimsOf(['Joe Biden spoke in Ohio.', 'He repeated his assertion that the “press is ignoring the economy” and said his voters were angry.']);
  assert.ok(got.some((c) => c.text === 'his voters were angry' && c.speaker.name === 'Joe Biden'), JSON.stringify(got.map((c) => [c.speaker.name, c.text])));
});

test('attribution: "he said" after a quotation is the person who spoke in the sentence before, not another person named there; a lone surname before "and" is still a name', () => {
  const ann = annotateArticle(articleFromText(['Asked about Nicolás Maduro, Joe Biden said ousting him was less important than holding an election. “Maduro is secondary, to me,” he said.'], '2026-03-10'));
  const q = ann.claims.find((c) => c.quote && c.text.startsWith('Maduro is secondary'));
  assert.equal(q?.speaker.name, 'Joe Biden');
  const two = annotateArticle(articleFromText(['Reps. Anna Berg of Ohio and Tom Hale of Iowa wrote to the bureau.', '“The letter raised more questions than it answered,” Berg and Hale wrote.'], '2026-03-10'));
  assert.equal(two.claims.find((c) => c.quote)?.speaker.name, 'Anna Berg');
});

test('entities: a place name after a middle initial is a surname ("Lisa O. Monaco"), and later, as a verb\'s subject, that person; one word with a capital inside ("WikiLeaks") is an organisation', () => {
  const ann = annotateArticle(articleFromText(['Homeland security adviser Lisa O. Monaco said the review would continue.', '“We know who did this,” Monaco said.'], '2026-03-10'));
  assert.ok(ann.entities.some((e) => e.type === 'PERSON' && e.text === 'Lisa O. Monaco'), JSON.stringify(ann.entities.map((e) => [e.type, e.text])));
  assert.ok(ann.claims.filter((c) => c.text.startsWith('We know')).every((c) => c.speaker.name === 'Lisa O. Monaco'));
  // Without a person of that name before it, the country is the country.
  assert.equal(annotateArticle(articleFromText(['Monaco said the summit would go ahead.'], '2026-03-10')).entities.find((e) => e.text === 'Monaco')?.type, 'GPE');
  const wl = annotateArticle(articleFromText(['LeakBase had been posting documents for weeks. The group said Ecuador was behind the outage.'], '2026-03-10'));
  assert.equal(wl.entities.find((e) => e.text === 'LeakBase')?.type, 'ORG');
  assert.equal(wl.claims[0]?.speaker.name, 'LeakBase');
});

test('attribution: of two people in the speaker phrase the last is its head ("Trump attorney Alan Garten said"); "the influential US daily wrote" is the paper named before, not the country', () => {
  assert.deepEqual(chains(['“It is baseless,” Biden attorney Mark Ellis said.']), ['Mark Ellis > Daily Example: It is baseless']);
  const got = annotateArticle(articleFromText(['The Washington Post on Thursday endorsed a candidate for governor.', '“She has the potential to be an excellent governor,” the influential US daily wrote.'], '2026-03-10')).claims;
  assert.ok(got.length > 0 && got.every((c) => c.speaker.name === 'The Washington Post'), JSON.stringify(got.map((c) => c.speaker.name)));
});

test('actors: a generic national body with no country beside it ("Police") belongs to the dateline\'s country, unless its sentence names another place', () => {
  const ann = annotateArticle(articleFromText(['YEREVAN, Oct 14 (Example Wire) – Protesters rallied outside the government building on Wednesday.', 'Police detained 17 protesters after scuffles, a spokesperson said.', 'Police in Georgia made no arrests.'], '2026-10-14'));
  const names = ann.entities.filter((e) => e.type === 'ORG' && /police/i.test(e.text)).map((e) => e.canonical);
  assert.deepEqual(names, ['Armenian Police', 'Police'], JSON.stringify(names));
});

test('attribution: a comparison is a characterisation ("likened the migrants to a plague"); a court "ruled that" claims what it ruled; "found X troubling" names X', () => {
  assert.ok(chains(['At a rally, Joe Biden likened the plan to a “slow-motion disaster”.']).some((c) => c.startsWith('Joe Biden > Daily Example: the plan to a “slow-motion disaster”')));
  assert.ok(chains(['The Supreme Court ruled that the state’s maps were unconstitutional.']).some((c) => c.endsWith(': the state’s maps were unconstitutional')));
  assert.ok(chains(['Senators Maria Ortega and Paul Lind found the report “troubling”.']).some((c) => c.startsWith('Maria Ortega > ')), JSON.stringify(chains(['Senators Maria Ortega and Paul Lind found the report “troubling”.'])));
});
