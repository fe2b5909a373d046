import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bcubed } from '../src/stories/bcubed.js';
import { costPerArticle, DEFAULT_CLUSTER_OPTIONS, mainEvents, StoryClusterer, type Assignment, type ClusterState, type StoryDoc } from '../src/stories/cluster.js';
import { stem, tfidfVector } from '../src/stories/text.js';
import { keyActors, storyTitle, summarizeStory, summarizeThread } from '../src/stories/title.js';
import { storyNames } from '../src/pipeline/cluster.js';
import { deltaRows, stateFromRows } from '../src/stories/state-rows.js';
import type { ClusterRow } from '../src/types/stories.js';
import { topicalArticles } from '../bench/cluster.js';

const doc = (id: string, published: string | null, title: string | null, body: string, extra: Partial<StoryDoc> = {}): StoryDoc => ({
  id, title, body, published, outlet: extra.outlet ?? 'Test Wire', actors: [], events: [], ...extra,
});
const call = (id: string, date: string) => ({ id, date, cameo: '041', source: 'RUSGOV', target: 'IRNGOV' });

/** Unrelated news first, so document frequencies mark the function words as common. */
const FILLER: StoryDoc[] = [
  doc('f1', '2026-03-01', 'Floods displace thousands in Lagos', 'Heavy rain flooded the streets of Lagos on Sunday and the state emergency agency said thousands of residents were moved to shelters. The agency said the water was still rising in the low parts of the city.', { actors: ['NGAGOV'] }),
  doc('f2', '2026-03-02', 'Central bank raises interest rate', 'The central bank raised its main interest rate by half a point on Monday to slow inflation. The bank said prices for food and fuel had risen for the fourth month in a row.', { actors: ['BRAGOV'] }),
  doc('f3', '2026-03-03', 'Striker scores twice as champions win', 'The champions won three to one at home on Tuesday. Their striker scored twice in the second half and the coach said the team was ready for the final.'),
  doc('f4', '2026-03-04', 'Heatwave closes schools', 'Schools across the region were closed on Wednesday as temperatures passed forty degrees. The health ministry told residents to stay indoors and to drink water.', { actors: ['INDGOV'] }),
];

const CALL_1A = doc('a1', '2026-03-06', 'Putin and Pezeshkian discuss the war by telephone',
  'Russian President Vladimir Putin held a telephone conversation with Iranian President Masoud Pezeshkian on Friday, the Kremlin said. Putin called for de-escalation and a political settlement of the conflict around Iran, and Pezeshkian thanked Russia for its solidarity.',
  { outlet: 'TASS', actors: ['RUSGOV', 'IRNGOV'], events: [call('e1', '2026-03-06')] });
const CALL_1B = doc('a2', '2026-03-07', 'Putin and Iran’s Pezeshkian hold phone call as war escalates',
  'Vladimir Putin spoke by telephone with Masoud Pezeshkian late on Friday, according to the Kremlin. The Russian president expressed condolences and called for de-escalation, while Pezeshkian thanked Moscow for its solidarity with Iran.',
  { outlet: 'The Moscow Times', actors: ['RUSGOV', 'IRNGOV', 'RUS'], events: [call('e2', '2026-03-06')] });
const CALL_2 = doc('a3', '2026-03-10', 'Putin speaks with Pezeshkian again amid rising tensions',
  'Vladimir Putin spoke by phone with Iranian President Masoud Pezeshkian on Tuesday, the Kremlin said, their second telephone conversation since Friday. Putin again called for de-escalation and a political settlement of the conflict.',
  { outlet: 'Legit.ng', actors: ['RUSGOV', 'IRNGOV'], events: [call('e3', '2026-03-10'), call('e4', '2026-03-06')] });
const UNRELATED = doc('b1', '2026-03-07', 'Wildfire forces evacuations near Valparaíso',
  'Firefighters battled a wildfire in the hills above Valparaíso on Saturday as strong winds pushed the flames toward homes. Officials ordered evacuations in four neighbourhoods.',
  { outlet: 'Reuters', actors: ['CHLGOV'] });

const SEQUENCE = [...FILLER, CALL_1A, CALL_1B, UNRELATED, CALL_2];

function run(docs: readonly StoryDoc[], c = new StoryClusterer()): { c: StoryClusterer; out: Map<string, Assignment> } {
  const out = new Map<string, Assignment>();
  for (const d of docs) out.set(d.id, c.add(d));
  return { c, out };
}

test('a second article on the same development joins its story; an unrelated one starts a story and a thread', () => {
  const { out } = run(SEQUENCE);
  const a1 = out.get('a1')!;
  const a2 = out.get('a2')!;
  assert.equal(a1.action, 'new');
  assert.deepEqual([a2.action, a2.story_id, a2.thread_id], ['joined', a1.story_id, a1.thread_id]);
  assert.ok(a2.score >= DEFAULT_CLUSTER_OPTIONS.join);
  const b1 = out.get('b1')!;
  assert.equal(b1.action, 'new');
  assert.notEqual(b1.story_id, a1.story_id);
  assert.notEqual(b1.thread_id, a1.thread_id);
});

test('two calls on different days between the same leaders are two stories in one thread', () => {
  const { c, out } = run(SEQUENCE);
  const a1 = out.get('a1')!;
  const a3 = out.get('a3')!;
  assert.equal(a3.action, 'new');
  assert.notEqual(a3.story_id, a1.story_id);
  assert.equal(a3.thread_id, a1.thread_id);
  assert.deepEqual(c.listThreads().find((t) => t.id === a1.thread_id)?.stories, [a1.story_id, a3.story_id]);
});

test('without the event evidence the second call would join the first story (the events decide)', () => {
  const plain = SEQUENCE.map((d) => ({ ...d, events: [] }));
  const { out } = run(plain);
  assert.equal(out.get('a3')!.story_id, out.get('a1')!.story_id);
});

test('ids come from the first article; the same input order gives the same state', () => {
  const one = run(SEQUENCE).c.toState();
  const two = run(SEQUENCE).c.toState();
  assert.deepEqual(one, two);
  assert.deepEqual(one.stories.filter((s) => !s.merged_into).map((s) => [s.id, s.thread_id]), [
    ['s-f1', 't-f1'], ['s-f2', 't-f2'], ['s-f3', 't-f3'], ['s-f4', 't-f4'], ['s-a1', 't-a1'], ['s-b1', 't-b1'], ['s-a3', 't-a1'],
  ]);
});

test('state survives JSON: stopping half way and going on from the saved state changes nothing', () => {
  const whole = run(SEQUENCE);
  const first = run(SEQUENCE.slice(0, 6));
  const saved = JSON.parse(JSON.stringify(first.c.toState())) as ClusterState;
  const resumed = run(SEQUENCE.slice(6), StoryClusterer.fromState(saved));
  assert.deepEqual(resumed.c.toState(), whole.c.toState());
  for (const d of SEQUENCE.slice(6)) assert.deepEqual(resumed.out.get(d.id), whole.out.get(d.id));
});

/** A state with its keyed lists in key order (a clusterer keeps them in insertion order, rows in key order). */
function normalised(state: ClusterState): ClusterState {
  const byKey = <T extends [string, unknown]>(list: readonly T[]) => [...list].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return JSON.parse(JSON.stringify({ ...state, postings: byKey(state.postings), event_index: byKey(state.event_index), kind_index: byKey(state.kind_index ?? []) })) as ClusterState;
}

/**
 * Clusters `docs` as runs of `every` articles, each run saving only what it changed into a table of
 * rows and the next starting from those rows (as clusterStore does): the rows always make the
 * clusterer's whole state, and the runs place every article as one clusterer that never stopped.
 */
function checkSavedInRows(docs: readonly StoryDoc[], every: number): void {
  const whole = run(docs);
  const table = new Map<string, ClusterRow>();
  let c = new StoryClusterer();
  let writes = 0;
  for (let i = 0; i < docs.length; i += every) {
    for (const d of docs.slice(i, i + every)) assert.deepEqual(c.add(d), whole.out.get(d.id), `${d.id} placed as in one run`);
    const delta = c.changes();
    if (delta.full) table.clear();
    const rows = deltaRows(delta);
    writes += rows.length;
    for (const r of rows) table.set(`${r.part}\u0000${r.key}`, r);
    c.markSaved();
    const rebuilt = stateFromRows([...table.values()]);
    assert.deepEqual(normalised(rebuilt), normalised(c.toState()), `the rows after article ${i + every} are the state`);
    c = StoryClusterer.fromState(rebuilt);
    c.markSaved();
  }
  assert.deepEqual(normalised(c.toState()), normalised(whole.c.toState()));
  assert.equal(c.changes().terms.length + c.changes().stories.length, 0, 'nothing changed since the last save');
  if (docs.length > 2 * every) assert.ok(writes < 0.8 * Math.ceil(docs.length / every) * table.size, `runs wrote what changed (${writes} rows), not the whole state (${table.size} rows) each time`);
}

test('state in rows: runs that save only what they changed rebuild the same clusterer, and place articles as one run', () => {
  checkSavedInRows(SEQUENCE, 3);
  checkSavedInRows([...topicalArticles(400, 3, 40)].map((x) => x.doc), 50);
});

test('adding an article twice changes nothing', () => {
  const { c } = run(SEQUENCE);
  const before = c.toState();
  const again = c.add(CALL_1B);
  assert.equal(again.action, 'duplicate');
  assert.equal(again.story_id, 's-a1');
  assert.deepEqual(c.toState(), before);
});

test('an article matching two stories strongly merges them, and the merge is recorded', () => {
  // Each event is known under its own kind (the event stage gave the second report other actors), so
  // only the third article, which reports both, shows the two stories to be one.
  const quake = (id: string, title: string, body: string, events: string[]) =>
    doc(id, '2026-03-08', title, body, { actors: ['TURGOV'], events: events.map((e) => ({ id: e, date: '2026-03-08', cameo: '202', source: null, target: e === 'ev1' ? 'TUR' : 'TURGOV' })) });
  const docs = [
    ...FILLER,
    quake('q1', 'Strong earthquake shakes eastern Turkey', 'A magnitude 6.1 earthquake struck eastern Turkey before dawn on Sunday, damaging buildings in Malatya.', ['ev1']),
    quake('q2', 'Rescuers search rubble after tremor', 'Rescue teams dug through collapsed apartment blocks in Malatya province as aftershocks continued.', ['ev2']),
    quake('q3', 'Turkey earthquake: rescuers search rubble in Malatya', 'Rescue teams searched collapsed buildings in Malatya after a magnitude 6.1 earthquake struck eastern Turkey on Sunday.', ['ev1', 'ev2']),
  ];
  const { c, out } = run(docs);
  assert.equal(out.get('q2')!.action, 'new');
  const q3 = out.get('q3')!;
  assert.deepEqual(q3.merges.map((m) => [m.from, m.into, m.at]), [['s-q2', 's-q1', 'q3']]);
  assert.equal(q3.story_id, 's-q1');
  assert.deepEqual(c.merges().stories.map((m) => m.from), ['s-q2']);
  assert.deepEqual(c.getStory('s-q1')!.articles.map((a) => a.id), ['q1', 'q2', 'q3']);
  assert.equal(c.storyOf('q2'), 's-q1');
  assert.equal(c.getStory('s-q2')!.merged_into, 's-q1');
  checkSavedInRows(docs, 2);
  checkSavedInRows(docs, 5);
});

test('the cost of one add is bounded by the index, not by the number of stories', () => {
  const c = new StoryClusterer({ postingDepth: 8, queryTerms: 4, maxCandidates: 5 });
  let candidates = 0;
  let scanned = 0;
  // Fifty one-article stories that all share four words: every lookup could reach all of them.
  for (let i = 0; i < 50; i++) {
    const a = c.add(doc(`d${i}`, null, null, `site${i} harbour quarry orchard canal`));
    candidates = Math.max(candidates, a.cost.candidates);
    scanned = Math.max(scanned, a.cost.scanned);
  }
  assert.ok(c.stats().stories > 40);
  assert.equal(candidates, 5, 'maxCandidates stories scored at most');
  // A posting list is compacted to postingDepth entries once it passes 4 x postingDepth.
  assert.ok(scanned <= 4 * 4 * 8, `at most queryTerms x 4 x postingDepth index reads, got ${scanned}`);
  const avg = costPerArticle(c.stats());
  assert.ok(avg.candidates > 0 && avg.candidates <= 5 && avg.scanned <= 4 * 4 * 8);
});

test('background events (an earlier call recalled) do not tie an article to the earlier story', () => {
  assert.deepEqual(mainEvents(CALL_2.events).map((e) => e.id), ['e3']);
  assert.deepEqual(mainEvents([{ id: 'x', date: null, cameo: '190' }]).map((e) => e.id), ['x']);
});

test('story title from the central event and actors; headline and outlets when there are no events', () => {
  const { c } = run(SEQUENCE);
  const names = { actor: (code: string) => ({ RUSGOV: 'Russia', IRNGOV: 'Iran' })[code] ?? null, event: (cameo: string) => (cameo === '041' ? 'Discuss by telephone' : null) };
  const story = c.getStory('s-a1')!;
  assert.equal(storyTitle(story, names), 'Russia – Iran: Discuss by telephone (2026-03-06)');
  assert.equal(storyTitle(story), 'RUSGOV – IRNGOV: 041 (2026-03-06)');
  const s = summarizeStory(story, names);
  assert.deepEqual([s.outlets, s.first, s.last, s.key_actors, s.size], [['TASS', 'The Moscow Times'], '2026-03-06', '2026-03-07', ['IRNGOV', 'RUSGOV'], 2]);
  assert.equal(storyTitle(c.getStory('s-b1')!), 'Wildfire forces evacuations near Valparaíso');
  const t = summarizeThread(c.listThreads().find((x) => x.id === 't-a1')!, (id) => c.getStory(id), names);
  assert.deepEqual([t.stories, t.first, t.last, t.size], [['s-a1', 's-a3'], '2026-03-06', '2026-03-10', 3]);
});

test('a thread title names only actors that have a name, each once; international bodies by name', () => {
  const { c } = run(SEQUENCE);
  const thread = c.listThreads().find((x) => x.id === 't-a1')!;
  // Russia's government has no name here (as "GOV" or "UNK" would not): the title skips it and keeps the code in key_actors.
  const t = summarizeThread(thread, (id) => c.getStory(id), { actor: (code: string) => ({ IRNGOV: 'Iran' })[code] ?? null });
  assert.ok(t.key_actors.includes('RUSGOV'), JSON.stringify(t.key_actors));
  assert.match(t.title, /^Iran: /);
  // Two codes of one country are one name.
  const one = summarizeThread(thread, (id) => c.getStory(id), { actor: (code: string) => (code.startsWith('RUS') || code.startsWith('IRN') ? 'Somewhere' : null) });
  assert.match(one.title, /^Somewhere: /);
  const names = storyNames();
  assert.deepEqual(['IGOPGSGCC', 'IGOUNO', 'GOV', 'UNK', 'RUSGOV'].map((x) => names.actor?.(x) ?? null), ['Gulf Cooperation Council', 'United Nations', null, null, 'Russia']);
});

test('key actors leave out a country implied by a fuller code', () => {
  assert.deepEqual(keyActors([['RUSGOV', 3], ['RUS', 3], ['IRN', 2], ['USAMIL', 1]]), ['RUSGOV', 'IRN', 'USAMIL']);
});

test('text features: light stemming and unit-length tf-idf vectors', () => {
  assert.deepEqual(['checks', 'checked', 'checking', 'ministries', 'news', 'crisis', 'us'].map(stem), ['check', 'check', 'check', 'ministry', 'new', 'crisis', 'us']);
  const v = tfidfVector(new Map([['putin', 2], ['the', 5]]), (t) => (t === 'the' ? 10 : 1), 10, 10);
  assert.deepEqual(v.terms, ['putin', 'the']);
  assert.ok(Math.abs(v.weights.reduce((s, w) => s + w * w, 0) - 1) < 1e-9);
});

test('BCubed on a hand-computed example', () => {
  const gold = new Map([['a', 'x'], ['b', 'x'], ['c', 'x'], ['d', 'y'], ['e', 'y']]);
  // Items a,b | c,d,e. Precision: a 1, b 1, c 1/3, d 2/3, e 2/3 -> 11/15. Recall: a 2/3, b 2/3, c 1/3, d 1, e 1 -> 11/15.
  const two = bcubed(new Map([['a', '1'], ['b', '1'], ['c', '2'], ['d', '2'], ['e', '2']]), gold);
  assert.ok(Math.abs(two.p - 11 / 15) < 1e-12 && Math.abs(two.r - 11 / 15) < 1e-12 && Math.abs(two.f - 11 / 15) < 1e-12);
  // One cluster: precision (3 x 3/5 + 2 x 2/5) / 5 = 0.52, recall 1.
  const one = bcubed(new Map([...gold.keys()].map((k) => [k, 'all'])), gold);
  assert.deepEqual([one.p.toFixed(12), one.r, one.clusters, one.classes], ['0.520000000000', 1, 1, 2]);
  assert.ok(Math.abs(one.f - (2 * 0.52) / 1.52) < 1e-12);
  // Singletons: precision 1, recall (1/3 x 3 + 1/2 x 2) / 5 = 0.4.
  const single = bcubed(new Map([...gold.keys()].map((k) => [k, k])), gold);
  assert.deepEqual([single.p, single.r], [1, 0.4]);
  assert.equal(bcubed(new Map(), gold).f, 0);
});

test('drift: a story that turns out to hold two calls on different days splits, and the split is recorded', () => {
  // The first reports and the follow-up share an event (Thursday's strike, reported by both), which
  // pulls the follow-up in; its own call is on another day, so the story holds two developments.
  const strike = { id: 'e9', date: '2026-03-05', cameo: '190', source: 'ISR', target: 'IRN' };
  const withStrike = (d: StoryDoc) => ({ ...d, events: [...d.events, strike] });
  const FOLLOW_UP = doc('a4', '2026-03-10', 'Putin and Pezeshkian discuss the war by telephone',
    'Russian President Vladimir Putin held a telephone conversation with Iranian President Masoud Pezeshkian on Tuesday, the Kremlin said. Putin called for de-escalation and a political settlement of the conflict around Iran, and Pezeshkian thanked Russia for its solidarity.',
    { outlet: 'Wire B', actors: ['RUSGOV', 'IRNGOV'], events: [call('e5', '2026-03-10'), strike] });
  const docs = [...FILLER, withStrike(CALL_1A), withStrike(CALL_1B), FOLLOW_UP];
  checkSavedInRows(docs, 2);
  checkSavedInRows(docs, 6);
  const { c, out } = run(docs);
  assert.equal(out.get('a4')!.action, 'joined');
  const a4 = out.get('a4')!;
  assert.equal(a4.splits.length, 1, 'the arrival of a4 split the story');
  const split = a4.splits[0]!;
  assert.deepEqual([split.from, split.into, split.articles], ['s-a1', 's-a4', ['a4']]);
  assert.equal(a4.story_id, 's-a4');
  assert.equal(c.storyOf('a4'), 's-a4');
  assert.deepEqual(c.getStory('s-a1')!.articles.map((a) => a.id), ['a1', 'a2']);
  assert.equal(c.threadOf('s-a4'), c.threadOf('s-a1'), 'same thread');
  assert.deepEqual(c.splits(), [split]);
  // The split survives a round trip, and a later report of the Tuesday call joins the new story.
  const back = StoryClusterer.fromState(JSON.parse(JSON.stringify(c.toState())) as ClusterState);
  assert.deepEqual(back.splits(), [split]);
  const later = back.add(doc('a5', '2026-03-11', 'Putin, Pezeshkian talk again on Tuesday', 'Putin and Pezeshkian held a second telephone conversation on Tuesday, the Kremlin said, with Putin again calling for de-escalation.', { actors: ['RUSGOV', 'IRNGOV'], events: [call('e5', '2026-03-10')] }));
  assert.equal(later.story_id, 's-a4');
});
