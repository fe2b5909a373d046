import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { annotateArticle, defaultResources } from '../src/annotate/annotate.js';
import { main } from '../src/cli/main.js';
import { codeArticle } from '../src/events/coder.js';
import { compatibleCodes, mergeInMemory, mentionInterval } from '../src/events/merge.js';
import { defaultOntology } from '../src/events/ontology.js';
import type { EventMention, EventRecord } from '../src/events/types.js';
import { CSV_COLUMNS, eventsCsv, eventsGdelt, GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS, mentionsGdelt } from '../src/export/events.js';
import { readInput } from '../src/ingest/read.js';
import { withArticle } from '../src/pipeline/code.js';
import type { Article } from '../src/types/article.js';
import { articleFromText, captureIo, ctxFor, FIXED_NOW, scratch, SEED_LEGIT, SEED_MT } from './helpers.js';

const res = { ontology: defaultOntology(), lexicon: defaultResources().lexicon };

function code(article: Article): EventMention[] {
  return codeArticle(article, annotateArticle(article), res).map((m) => withArticle(m, article));
}
function seed(path: string): { article: Article; mentions: EventMention[] } {
  const article = readInput(readFileSync(path), ctxFor(path), { now: FIXED_NOW }).articles[0]!;
  return { article, mentions: code(article) };
}
const MT = seed(SEED_MT);
const LEGIT = seed(SEED_LEGIT);

const find = (ms: readonly EventMention[], cameo: RegExp, src?: string | null, tgt?: string | null) =>
  ms.filter((m) => cameo.test(m.cameo) && (src === undefined || (m.source?.country ?? null) === src) && (tgt === undefined || (m.target?.country ?? null) === tgt));
const one = (ms: readonly EventMention[], cameo: RegExp, src?: string | null, tgt?: string | null) => {
  const hits = find(ms, cameo, src, tgt);
  assert.ok(hits.length >= 1, `expected an event ${cameo} ${src}->${tgt}; got ${ms.map((m) => `${m.cameo} ${m.source?.code}->${m.target?.code}`).join(', ')}`);
  return hits[0]!;
};

test('every mention points into its article: offsets slice the trigger and the sentence', () => {
  for (const { article, mentions } of [MT, LEGIT]) {
    assert.ok(mentions.length > 5);
    for (const m of mentions) {
      assert.ok(m.sentence_start <= m.start && m.end <= m.sentence_end, `${m.cameo} outside its sentence`);
      assert.equal(article.body.slice(m.sentence_start, m.sentence_end), m.text);
      if (m.source) assert.ok(article.body.slice(m.source.start, m.source.end).length > 0);
      assert.ok(m.confidence > 0 && m.confidence < 1);
      assert.ok(m.chain.length >= 1 && m.chain.at(-1)!.kind === 'publisher');
    }
  }
});

test('Moscow Times seed: the phone call (041), dated late Friday 2026-03-06, RUS GOV ↔ IRN GOV', () => {
  const call = one(MT.mentions, /^041$/, 'RUS', 'IRN');
  assert.equal(call.source?.code, 'RUSGOV');
  assert.equal(call.target?.code, 'IRNGOV');
  assert.equal(call.date, '2026-03-06');
  assert.equal(call.date_precision, 'day');
  assert.equal(res.ontology.plover.get('041')?.plover, 'CONSULT');
});

test('Moscow Times seed: condolences 018, condemnation 111, thanks 051, the 2025 agreement 057', () => {
  assert.equal(one(MT.mentions, /^018$/, 'RUS').source?.name, 'Vladimir Putin');
  const condemn = MT.mentions.find((m) => m.cameo === '111' && MT.article.body.slice(m.start, m.end).startsWith('condemned'))!;
  assert.equal(condemn.source?.country, 'RUS');
  assert.equal(condemn.target?.country, 'USA');
  assert.equal(condemn.date_precision, 'week');
  // "U.S.-Israeli attacks": both attackers are condemned.
  const condemned = MT.mentions.filter((m) => m.cameo === '111' && m.start === condemn.start).map((m) => m.target?.country);
  assert.deepEqual(condemned, ['USA', 'ISR']);
  assert.equal(one(MT.mentions, /^051$/, 'IRN', 'RUS').source?.name, 'Masoud Pezeshkian');
  const pact = one(MT.mentions, /^057$/);
  assert.deepEqual([pact.source?.country, pact.target?.country].sort(), ['IRN', 'RUS']);
  assert.equal(pact.date, '2025-01-01');
  assert.equal(pact.date_precision, 'year');
});

test('intelligence sharing (064) is hedged and keeps the anonymous-source chain: via The Washington Post and via CNN', () => {
  const wp = one(MT.mentions, /^064$/, 'RUS', 'IRN');
  assert.equal(wp.hedged, true);
  assert.deepEqual(wp.chain.map((l) => l.name).slice(-2), ['The Washington Post', 'The Moscow Times']);
  assert.equal(wp.chain[0]!.anonymous, true);
  const cnn = one(LEGIT.mentions, /^064$/, 'RUS', 'IRN');
  assert.equal(cnn.hedged, true);
  assert.ok(cnn.chain.some((l) => l.name === 'CNN'));
});

test('"military cooperation ... continues" (062) is coded from the noun phrase, said by Araghchi', () => {
  const coop = one(MT.mentions, /^062$/);
  assert.deepEqual([coop.source?.country, coop.target?.country].sort(), ['IRN', 'RUS']);
  assert.equal(coop.chain[0]!.name, 'Abbas Araghchi');
  assert.equal(coop.ongoing, true);
});

test('Trump scolds a Fox News correspondent (111); the U.S. and Israel escalate attacks on Iran (19x, one event each)', () => {
  const scold = one(MT.mentions, /^111$/, 'USA', 'USA');
  assert.equal(scold.target?.role, 'MED');
  assert.ok(find(MT.mentions, /^19/, 'USA', 'IRN').length === 1);
  assert.ok(find(MT.mentions, /^19/, 'ISR', 'IRN').length === 1);
});

test('Legit.ng seed: appeal for de-escalation (025x), Trump–Putin conversation (04x), and its own call dated by the report', () => {
  assert.equal(one(LEGIT.mentions, /^025/, 'RUS').source?.name, 'Vladimir Putin');
  const talk = one(LEGIT.mentions, /^04/, 'USA', 'RUS');
  assert.equal(talk.source?.name, 'Donald Trump');
  const call = one(LEGIT.mentions, /^041$/, 'RUS', 'IRN');
  assert.equal(call.date, '2026-03-10');
  assert.equal(call.date_precision, 'reported');
});

test('drones strike U.S. forces and the strike in Kuwait merge into one 19x event located in Kuwait', () => {
  const drones = find(LEGIT.mentions, /^19/, 'IRN', 'USA');
  assert.ok(drones.length >= 2, 'the drone sentence and "one such strike" sentence');
  const events = mergeInMemory(drones, res.ontology);
  assert.equal(events.length, 1);
  assert.equal(events[0]!.location?.country, 'KWT');
  assert.equal(events[0]!.cameo_root, '19');
});

test('the Al-Kharj strike: located with coordinates, dated Sunday 2026-03-08, and no invented attacker', () => {
  const strike = LEGIT.mentions.find((m) => m.location?.name === 'Al-Kharj');
  assert.ok(strike, 'an event located in Al-Kharj');
  assert.equal(strike.location?.country, 'SAU');
  assert.ok(Math.abs(strike.location!.lat! - 24.15) < 0.3 && Math.abs(strike.location!.lon! - 47.3) < 0.3);
  assert.equal(strike.date, '2026-03-08');
  assert.equal(strike.source, null);
  assert.equal(strike.cameo.slice(0, 2), '19');
});

test('a sentence reporting an absence produces no event', () => {
  const s = LEGIT.article.body.indexOf('The statement did not disclose');
  assert.ok(s > 0);
  assert.deepEqual(LEGIT.mentions.filter((m) => m.sentence_start === s), []);
});

test('negation: "did not condemn" is coded negated, and never merged with a plain condemnation', () => {
  const a = code(articleFromText(['The United States did not condemn the Israeli strike on Iran on Tuesday.'], '2026-03-05'));
  const b = code(articleFromText(['The United States condemned Israel over the strike on Iran on Tuesday.'], '2026-03-05', 'Other Wire'));
  const neg = one(a, /^11/, 'USA');
  assert.equal(neg.negated, true);
  const pos = one(b, /^11/, 'USA');
  assert.equal(pos.negated, false);
  assert.equal(mergeInMemory([neg, pos], res.ontology).length, 2);
});

test('the same call reported by two outlets, in different words and either way round, is one event with two mentions', () => {
  const a = code(articleFromText(['Russian President Vladimir Putin held a phone call with Iranian President Masoud Pezeshkian on Friday, the Kremlin said.'], '2026-03-07', 'Wire A'));
  const b = code(articleFromText(['Iranian President Masoud Pezeshkian spoke by phone with Vladimir Putin late on Friday, Tehran said.'], '2026-03-07', 'Wire B'));
  const calls = [...find(a, /^041$/), ...find(b, /^041$/)];
  assert.equal(calls.length, 2);
  const events = mergeInMemory(calls, res.ontology);
  assert.equal(events.length, 1);
  assert.deepEqual(events[0]!.mentions.map((m) => m.outlet), ['Wire A', 'Wire B']);
  assert.equal(events[0]!.date, '2026-03-06');
});

test('two calls on different dates stay apart: the seeds\' 2026-03-06 and 2026-03-10 calls, and an undated report days later', () => {
  const calls = [...find(MT.mentions, /^041$/, 'RUS', 'IRN'), ...find(LEGIT.mentions, /^041$/, 'RUS', 'IRN')];
  const events = mergeInMemory(calls, res.ontology);
  assert.equal(events.length, 2);
  assert.deepEqual(events.map((e) => e.date).sort(), ['2026-03-06', '2026-03-10']);
  // An undated report covers its day and the day before only; an ongoing state two weeks either side.
  assert.deepEqual(mentionInterval({ date: '2026-03-10', date_end: '2026-03-10', date_precision: 'reported', ongoing: false }), { lo: '2026-03-09', hi: '2026-03-10' });
  assert.ok(compatibleCodes('190', '1952') && compatibleCodes('04', '041') && !compatibleCodes('111', '112') && !compatibleCodes('041', '042'));
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(['node', 'wirescope', ...args], io, undefined as unknown as Readable);
  return { code, out: io.stdout(), err: io.stderr() };
}

test('store: coding is incremental and idempotent; a new outlet reporting a stored event adds a mention to it', async (t) => {
  const s = scratch(t);
  const db = ['--db', s.db];
  assert.equal((await cli([...db, 'ingest', SEED_MT, SEED_LEGIT, '-q'])).code, 0);
  assert.equal((await cli([...db, 'annotate'])).code, 0);
  const first = await cli([...db, 'code', '--json']);
  assert.equal(first.code, 0, first.err);
  const summary = JSON.parse(first.out) as { coded: number; events: number };
  assert.equal(summary.coded, 2);
  const again = JSON.parse((await cli([...db, 'code', '--json'])).out) as { coded: number; events: number };
  assert.equal(again.coded, 0);
  assert.equal(again.events, summary.events);
  const forced = JSON.parse((await cli([...db, 'code', '--force', '--json'])).out) as { coded: number; events: number };
  assert.equal(forced.events, summary.events, 'recoding replaces mentions instead of adding');

  const before = JSON.parse((await cli([...db, 'events', '--cameo', '041', '--dyad', 'RUS-IRN', '--json'])).out) as EventRecord[];
  assert.equal(before.length, 2);
  s.write('tass.md', '---\ntitle: Putin, Pezeshkian discuss Middle East by phone\noutlet: TASS\ndate: 2026-03-07\n---\n\nIranian President Masoud Pezeshkian and Russian President Vladimir Putin held a telephone conversation late on Friday, the Kremlin press service said.\n');
  assert.equal((await cli([...db, 'ingest', `${s.dir}/tass.md`, '-q'])).code, 0);
  await cli([...db, 'annotate']);
  const third = JSON.parse((await cli([...db, 'code', '--json'])).out) as { coded: number; events: number; merged: number };
  assert.equal(third.coded, 1);
  const after = JSON.parse((await cli([...db, 'events', '--cameo', '041', '--dyad', 'RUS-IRN', '--json'])).out) as EventRecord[];
  assert.equal(after.length, 2, 'no new call event');
  const friday = after.find((e) => e.date === '2026-03-06')!;
  assert.equal(friday.mentions.length, 2);

  // JSON contract keys.
  for (const k of ['id', 'date', 'date_precision', 'source', 'target', 'cameo', 'cameo_root', 'plover', 'quad_class', 'goldstein', 'location', 'negated', 'hedged', 'mentions']) assert.ok(k in friday, k);
  for (const k of ['name', 'code', 'country', 'role']) assert.ok(k in friday.source!, k);
  for (const k of ['article_id', 'outlet', 'url', 'sentence', 'start', 'end', 'chain', 'confidence']) assert.ok(k in friday.mentions[0]!, k);
  assert.deepEqual(friday.plover, { type: 'CONSULT', mode: res.ontology.plover.get('041')!.mode });

  const shown = await cli([...db, 'event', friday.id.slice(0, 10)]);
  assert.equal(shown.code, 0);
  assert.match(shown.out, /Discuss by telephone/);
  assert.match(shown.out, /via: Kremlin → The Moscow Times/);
  assert.match(shown.out, /«held a phone call with Iranian President Masoud Pezeshkian»/);

  const gd = await cli([...db, 'export', '--events', '--format', 'gdelt', '--out', `${s.dir}/gdelt`]);
  assert.equal(gd.code, 0, gd.err);
  const rows = readFileSync(`${s.dir}/gdelt/events.export.tsv`, 'utf8').replace(/\n$/, '').split('\n');
  // No header row by default, as GDELT's own files (issue #11: gdeltPyR reads them with header=None).
  assert.notDeepEqual(rows[0]!.split('\t'), [...GDELT_EVENT_COLUMNS]);
  for (const r of rows) assert.equal(r.split('\t').length, 61);
  const mrows = readFileSync(`${s.dir}/gdelt/events.mentions.tsv`, 'utf8').replace(/\n$/, '').split('\n');
  for (const r of mrows) assert.equal(r.split('\t').length, 16);
  // No synthetic identifiers where GDELT has URLs and domains (issue #11).
  assert.ok(![...rows, ...mrows].some((r) => r.includes('wirescope:article')));
  for (const r of mrows) assert.ok(!/\s/.test(r.split('\t')[4]!) || !r.split('\t')[5], `MentionSourceName is a domain when there is a URL: ${r.split('\t').slice(4, 6).join(' | ')}`);
  assert.equal((await cli([...db, 'export', '--events', '--format', 'gdelt'])).code, 2);
  // --out never writes over the store, nor over a file without --force, and leaves the old file whole (issue #11).
  const storeBytes = readFileSync(db[1]!);
  const overStore = await cli([...db, 'export', '--events', '--format', 'csv', '--out', db[1]!]);
  assert.equal(overStore.code, 2);
  assert.match(overStore.err, /store/);
  assert.ok(readFileSync(db[1]!).equals(storeBytes), 'the store is untouched');
  assert.equal((await cli([...db, 'export', '--events', '--format', 'csv', '--out', db[1]!, '--force'])).code, 2);
  assert.equal((await cli([...db, 'events'])).code, 0, 'the store still opens');
  const rerun = await cli([...db, 'export', '--events', '--format', 'gdelt', '--out', `${s.dir}/gdelt`]);
  assert.equal(rerun.code, 2);
  assert.match(rerun.err, /--force/);
  assert.equal((await cli([...db, 'export', '--events', '--format', 'gdelt', '--out', `${s.dir}/gdelt`, '--force', '--header'])).code, 0);
  const headed = readFileSync(`${s.dir}/gdelt/events.export.tsv`, 'utf8').split('\n');
  assert.deepEqual(headed[0]!.split('\t'), [...GDELT_EVENT_COLUMNS]);
  assert.equal(headed.filter(Boolean).length, rows.length + 1);
  assert.deepEqual(readFileSync(`${s.dir}/gdelt/events.mentions.tsv`, 'utf8').split('\n')[0]!.split('\t'), [...GDELT_MENTION_COLUMNS]);
  assert.equal((await cli([...db, 'export', '--events', '--format', 'jsonl', '--out', '/proc/self/wirescope-test'])).code, 2);
  assert.equal((await cli([...db, 'events', '--dyad', 'russia'])).code, 2);
  assert.equal((await cli([...db, 'event', 'evffffffffffff'])).code, 1);
});

test('exports: CSV cells cannot become formulas; GDELT rows keep their 61/16 columns whatever the text holds', () => {
  const a = articleFromText(['=HYPERLINK("http://x") Russian President Vladimir Putin held a phone call with Iranian President Masoud Pezeshkian on Friday.'], '2026-03-07', '=cmd|\t evil');
  const events = mergeInMemory(code(a), res.ontology);
  assert.ok(events.length >= 1);
  const csv = eventsCsv(events).split('\r\n');
  assert.equal(csv[0], CSV_COLUMNS.join(','));
  assert.ok(!/(^|,)=/.test(csv[1]!), csv[1]);
  for (const line of eventsGdelt(events, false).replace(/\n$/, '').split('\n')) assert.equal(line.split('\t').length, GDELT_EVENT_COLUMNS.length);
  for (const line of mentionsGdelt(events, () => 10, false).replace(/\n$/, '').split('\n')) assert.equal(line.split('\t').length, GDELT_MENTION_COLUMNS.length);
});

test('data/cameo/coder.json and the nominal patterns load: word lists are lower-case, every code exists', () => {
  const coder = JSON.parse(readFileSync(new URL('../../data/cameo/coder.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  assert.equal(coder.version, 1);
  const tables = ['complement_verbs', 'intent_codes', 'threat_codes', 'reject_codes'];
  for (const [k, v] of Object.entries(coder)) {
    if (k === 'version' || k === 'description' || tables.includes(k)) continue;
    assert.ok(Array.isArray(v) && v.length > 0, k);
    for (const w of v as string[]) assert.equal(w, w.toLowerCase(), `${k}: ${w}`);
  }
  const ont = res.ontology;
  // The complement table: every mode is a list of lower-case lemmas, none in two modes; the code tables name codebook codes.
  for (const [mode, list] of Object.entries(coder.complement_verbs as Record<string, unknown>)) {
    if (mode === '_doc') continue;
    assert.ok(Array.isArray(list) && list.length > 0, mode);
    for (const w of list as string[]) assert.equal(ont.words.complement.get(w), mode, `${mode}: ${w}`);
  }
  assert.equal(ont.words.complement.get('agree'), 'intent');
  assert.equal(ont.words.complement.get('schedule'), 'plan');
  assert.equal(ont.words.intentCodes.get('04'), '036');
  assert.equal(ont.words.threatCodes.get('19'), '138');
  assert.equal(ont.words.rejectCodes.get('default'), '120');
  assert.ok(ont.words.modals.has('would') && !ont.words.modals.has('did'));
  assert.ok(ont.words.reporting.has('say') && !ont.words.reporting.has('thank'));
  assert.ok(ont.nominal.length >= 1);
  for (const n of ont.nominal) {
    assert.ok(n.heads.length > 0);
    for (const p of n.patterns) assert.ok(p.code && ont.codes.has(p.code), p.text);
  }
  // Every verb the extras name is indexed under its forms, with the extra patterns first.
  const held = ont.verbs.get('held')!.find((v) => v.lemma === 'hold')!;
  assert.equal(held.patterns[0]!.origin, 'extra');
  assert.ok(ont.symmetric.has('041') && ont.symmetric.has('057'));
});

test('a late relay: an undated report carried through a chain, naming the same two people, joins the earlier event it relays', () => {
  const friday = code(articleFromText(['Russian President Vladimir Putin held a phone call with Iranian President Masoud Pezeshkian on Friday, the Kremlin said.'], '2026-03-07', 'Wire A'));
  const relay = code(articleFromText(['According to TASS, the Kremlin said Russian President Vladimir Putin held a phone call with Iranian President Masoud Pezeshkian.'], '2026-03-10', 'Paper B'));
  const own = code(articleFromText(['Russian President Vladimir Putin has held a phone conversation with Iranian President Masoud Pezeshkian.'], '2026-03-10', 'Paper C'));
  const a = one(friday, /^041$/, 'RUS');
  const b = one(relay, /^041$/, 'RUS');
  const c = one(own, /^041$/, 'RUS');
  assert.ok(b.chain.length >= 3 && b.date_precision === 'reported', JSON.stringify(b.chain));
  const events = mergeInMemory([a, b, c], res.ontology);
  // The relay joins Friday's call and takes its date; the outlet's own undated lead is a new occurrence.
  assert.equal(events.length, 2);
  const call = events.find((e) => e.mentions.length === 2)!;
  assert.deepEqual(call.mentions.map((m) => m.outlet), ['Wire A', 'Paper B']);
  assert.equal(call.date, '2026-03-06');
});
