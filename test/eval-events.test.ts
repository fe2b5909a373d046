import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { join } from 'node:path';
import {
  dateMatches,
  datasetsDir,
  evalEventGold,
  loadEventGold,
  loadGoldArticle,
  locate,
  scoreEventMentions,
  missReason,
  type EventGoldFile,
  type LocatedGoldMention,
  type PredictedMention,
} from '../eval/events-gold.js';
import { checkGdeltColumns, compareColumns, parseCsv } from '../eval/gdelt-columns.js';
import { evalGsr, gsrActorKey, loadGsr, parseGsr } from '../eval/gsr.js';
import type { Article } from '../src/types/article.js';
import { ROOT, repoPath, scratch } from './helpers.js';

// A one-record JSON Lines article and its event gold, written to a scratch root.
const BODY_PARAS = [
  'Putin spoke by phone with Pezeshkian on Friday. Russia condemned the strikes on Iran.',
  'Iran thanked Russia. In the call, Putin urged restraint.',
];
const GOLD: EventGoldFile = {
  source: 'a.jsonl',
  locator: 'line 1',
  events: [
    { key: 'call', trigger: { text: 'spoke by phone' }, source: { country: 'RUS' }, target: { country: 'IRN' }, cameo: '041', date: '2026-03-06', date_precision: 'day' },
    { key: 'condemn-usa', trigger: { text: 'condemned' }, source: { country: 'RUS' }, target: { country: 'USA' }, cameo: '111', date: '2026-03-10', date_precision: 'reported' },
    { key: 'thanks', trigger: { text: 'thanked' }, source: { country: 'IRN' }, target: { country: 'RUS' }, cameo: '051', date: '2026-03-10', date_precision: 'reported' },
    { key: 'appeal', trigger: { text: 'urged restraint' }, source: { country: 'RUS' }, target: null, cameo: '0256', date: '2026-03-06', date_precision: 'day' },
  ],
};

// Two records, so the reader takes the file as JSON Lines and the first is `line 1`.
const JSONL = [
  { title: 'T', published: '2026-03-10', outlet: 'Atlas Press Agency', text: BODY_PARAS.join('\n\n') },
  { title: 'U', published: '2026-03-10', text: 'An unrelated second record.' },
]
  .map((r) => JSON.stringify(r))
  .join('\n');

function writeGold(t: Parameters<typeof scratch>[0]): { root: string; dir: string } {
  const s = scratch(t);
  s.write('a.jsonl', JSONL);
  s.write('gold/a.json', JSON.stringify(GOLD));
  return { root: s.dir, dir: join(s.dir, 'gold') };
}

/** The sentence around offset `at`: split on ". " and paragraph breaks. */
function sentenceAt(body: string, at: number): { start: number; end: number } {
  let start = 0;
  for (const m of body.matchAll(/\. |\n\n/g)) {
    const end = m.index + 1;
    if (at < end) return { start, end };
    start = m.index + m[0].length;
  }
  return { start, end: body.length };
}

/** A coder that reads the answers off the gold; `edit` may spoil one prediction. */
function goldCoder(edit: (p: PredictedMention, i: number) => PredictedMention = (p) => p) {
  return (a: Article): PredictedMention[] =>
    GOLD.events.map((e, i) => {
      const start = a.body.indexOf(e.trigger.text);
      const sent = sentenceAt(a.body, start);
      return edit(
        {
          event_id: e.key,
          article_id: a.id,
          start,
          end: start + e.trigger.text.length,
          sentence_start: sent.start,
          sentence_end: sent.end,
          cameo: e.cameo,
          source_country: e.source?.country ?? null,
          target_country: e.target?.country ?? null,
          date: e.date,
          date_precision: e.date_precision,
        },
        i,
      );
    });
}

test('event gold: a coder that gives the gold answers scores F1 1.0', async (t) => {
  const { root, dir } = writeGold(t);
  const r = await evalEventGold(root, goldCoder(), { dir });
  assert.equal(r.scores.gold_mentions, 4);
  assert.equal(r.scores.matched_mentions, 4);
  assert.equal(r.scores.events_f1, 1);
  assert.equal(r.scores.full_code_accuracy, 1);
  assert.ok(r.lines.some((l) => l.includes('a.json')));
});

test('event gold: a wrong date, actor or root code loses the match; a wrong sub-code only the full-code accuracy', async (t) => {
  const { root, dir } = writeGold(t);
  const cases: [string, (p: PredictedMention) => PredictedMention, number, number][] = [
    ['wrong day', (p) => ({ ...p, date: '2026-03-05' }), 3, 1],
    ['reported instead of a day', (p) => ({ ...p, date: '2026-03-10', date_precision: 'reported' }), 3, 1],
    ['wrong source', (p) => ({ ...p, source_country: 'CHN' }), 3, 1],
    ['missing target', (p) => ({ ...p, target_country: null }), 3, 1],
    ['wrong root', (p) => ({ ...p, cameo: '111' }), 3, 1],
    ['outside the sentence', (p) => ({ ...p, sentence_start: p.sentence_end + 1, sentence_end: p.sentence_end + 20 }), 3, 1],
    ['same root, other sub-code', (p) => ({ ...p, cameo: '040' }), 4, 0.75],
    ['symmetric code, dyad reversed', (p) => ({ ...p, source_country: 'IRN', target_country: 'RUS' }), 4, 1],
  ];
  for (const [label, spoil, matched, accuracy] of cases) {
    // Spoil the phone call (index 0).
    const r = await evalEventGold(root, goldCoder((p, i) => (i === 0 ? spoil(p) : p)), { dir });
    assert.equal(r.scores.matched_mentions, matched, label);
    assert.equal(r.scores.full_code_accuracy, accuracy, label);
  }
  // A directed code does not match the reversed dyad.
  const r = await evalEventGold(root, goldCoder((p, i) => (i === 2 ? { ...p, source_country: 'RUS', target_country: 'IRN' } : p)), { dir });
  assert.equal(r.scores.matched_mentions, 3);
});

test('event gold: one prediction matches one gold mention', async (t) => {
  const { root, dir } = writeGold(t);
  // Two identical predictions for the call: one matches, the other is a false positive.
  const coder = (a: Article) => {
    const ps = goldCoder()(a);
    return [...ps, ps[0]!];
  };
  const r = await evalEventGold(root, coder, { dir });
  assert.equal(r.scores.matched_mentions, 4);
  assert.equal(r.scores.predicted_mentions, 5);
  assert.equal(r.scores.events_precision, 0.8);
  assert.equal(r.scores.events_recall, 1);
});

test('event gold: a trigger that is not in the body is reported', async (t) => {
  const s = scratch(t);
  s.write('a.jsonl', JSONL);
  s.write('gold/a.json', JSON.stringify({ ...GOLD, events: [{ ...GOLD.events[0]!, trigger: { text: 'met in person' } }] }));
  const r = await evalEventGold(s.dir, () => [], { dir: join(s.dir, 'gold') });
  assert.ok(r.lines.some((l) => l.includes('gold trigger not in body')));
  assert.equal(r.scores.gold_mentions, 0);
});

test('event gold: dates compare at the gold precision', () => {
  const cases: [string, string, string | null, string, boolean][] = [
    ['2025', 'year', '2025-01-01', 'day', true],
    ['2025', 'year', '2026-03-07', 'reported', false],
    ['2025-01', 'month', '2025-01-20', 'day', true],
    ['2025-01', 'month', '2025', 'year', false],
    ['2026-03-02', 'week', '2026-03-04', 'day', true],
    ['2026-03-02', 'week', '2026-03-09', 'day', false],
    ['2026-03-10', 'reported', '2026-03-09', 'reported', true],
    ['2026-03-10', 'reported', '2026-03-10', 'day', true],
    ['2026-03-10', 'reported', '2026-03-06', 'day', false],
    ['2026-03-06', 'day', '2026-03-06T22:00Z', 'minute', true],
    ['2026-03-06', 'day', null, 'reported', false],
  ];
  for (const [gd, gp, pd, pp, want] of cases) assert.equal(dateMatches({ date: gd, date_precision: gp }, { date: pd, date_precision: pp }), want, `${gd}/${gp} vs ${pd}/${pp}`);
});

test('event gold: merge precision and recall count pairs of matched mentions', () => {
  // Gold events A, A, B, B; the coder merged the first three and left the fourth alone.
  // Same predicted event: (1,2) (1,3) (2,3); same gold event: (1,2) (3,4); both: (1,2).
  const body = 'One. Two. Three. Four.';
  const gold: LocatedGoldMention[] = ['One', 'Two', 'Three', 'Four'].map((w, i) => ({
    key: i < 2 ? 'A' : 'B',
    trigger: { text: w },
    source: { country: 'RUS' },
    target: null,
    cameo: '010',
    date: null,
    date_precision: 'reported',
    start: body.indexOf(w),
    end: body.indexOf(w) + w.length,
  }));
  const predicted: PredictedMention[] = gold.map((g, i) => ({
    event_id: i < 3 ? 'x' : 'y',
    article_id: 'a',
    start: g.start,
    end: g.end,
    sentence_start: g.start,
    sentence_end: g.end + 1,
    cameo: '010',
    source_country: 'RUS',
    target_country: null,
    date: '2026-03-10',
    date_precision: 'reported',
  }));
  const s = scoreEventMentions([{ file: 'a.json', gold, predicted }]);
  assert.deepEqual([s.matched, s.samePredictedPairs, s.sameGoldPairs, s.sameBothPairs], [4, 3, 2, 1]);
});

test('event gold: a missed mention is put down to the first test the predictions in its sentence fail', () => {
  const body = 'Russia condemned Iran on Friday.';
  const g: LocatedGoldMention = {
    key: 'k', trigger: { text: 'condemned' }, source: { country: 'RUS' }, target: { country: 'IRN' }, cameo: '111',
    date: '2026-03-06', date_precision: 'day', start: 7, end: 16,
  };
  const p = (over: Partial<PredictedMention>): PredictedMention => ({
    event_id: 'e', article_id: 'a', start: 7, end: 16, sentence_start: 0, sentence_end: body.length, cameo: '111',
    source_country: 'RUS', target_country: 'IRN', date: '2026-03-06', date_precision: 'day', ...over,
  });
  const sym = new Set(['040']);
  assert.equal(missReason(g, [], sym), 'no prediction in the sentence');
  assert.equal(missReason(g, [p({ sentence_start: 40, sentence_end: 60 })], sym), 'no prediction in the sentence');
  assert.equal(missReason(g, [p({ cameo: '042' })], sym), 'root');
  assert.equal(missReason(g, [p({ cameo: '042' }), p({ target_country: 'RUS' })], sym), 'source and target');
  assert.equal(missReason(g, [p({ date: '2026-03-09' })], sym), 'date');
  assert.equal(missReason(g, [p({})], sym), 'taken by another gold mention');
  const s = scoreEventMentions([{ file: 'a.json', gold: [g], predicted: [p({ date: null, date_precision: 'reported' })] }]);
  assert.equal(s.missedBecause.date, 1);
});

const GSR_XML = `<?xml version='1.0' encoding='utf-8'?>
<Validation>
# comment lines as in the real file
<Sentences>
<Sentence category="GOLD" date="20150609" id="GOLD_4" evaluate="true"/>
<EventCoding eventcode="057" sourcecode="UKR" targetcode="IGOEUREEC" />
<Text>
Ukraine ratified a sweeping agreement
with the European Union on Tuesday.
</Text>
<Parse>
1	Ukraine	Ukraine	PROPN	NNP	_	2	nsubj	_	_
</Parse>
</Sentence>
<Sentence category="TEST" date="121108" id="TEST_5" evaluate="true">
<EventCoding noevents="True" />
<Text>
The United Nations chief made his remarks in Doha.
</Text>
</Sentence>
<Sentence category="OTHER" date="20150101" id="abc" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="---REB" targetcode="NGAMUS" />
<EventCoding eventcode="080" sourcecode="IGOUNOMIL" targetcode="SYR" />
<Text>
</Text>
<Parse>
1	Boko	Boko	PROPN	NNP	_	2	name	_	_
2	Haram	Haram	PROPN	NNP	_	3	nsubj	_	_
3	attacked	attack	VERB	VBD	_	0	root	_	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	_	_
</Parse>
</Sentence>
</Sentences>
</Validation>
`;

test('GSR: the lenient parser reads sentences, dates, codings and no-event records', () => {
  const s = parseGsr(GSR_XML);
  assert.deepEqual(
    s.map((x) => [x.id, x.category, x.date, x.text, x.codings]),
    [
      ['GOLD_4', 'GOLD', '2015-06-09', 'Ukraine ratified a sweeping agreement with the European Union on Tuesday.', [{ source: 'UKR', target: 'IGOEUREEC', cameo: '057' }]],
      ['TEST_5', 'TEST', null, 'The United Nations chief made his remarks in Doha.', []],
      [
        'abc',
        'OTHER',
        '2015-01-01',
        'Boko Haram attacked.',
        [
          { source: '---REB', target: 'NGAMUS', cameo: '190' },
          { source: 'IGOUNOMIL', target: 'SYR', cameo: '080' },
        ],
      ],
    ],
  );
});

test('GSR: actor codes compare by country or IGO', () => {
  const cases: [string | null, string | null][] = [
    ['USAGOV', 'USA'],
    ['IRQMIL', 'IRQ'],
    ['RUS', 'RUS'],
    ['IGOUNO', 'IGOUNO'],
    ['IGOUNOMIL', 'IGOUNO'],
    ['IGOEUREEC', 'IGOEUREEC'],
    ['---REB', null],
    ['---', null],
    [null, null],
  ];
  for (const [code, want] of cases) assert.equal(gsrActorKey(code), want, String(code));
});

test('GSR: triples, code accuracy and actor agreement', async () => {
  const sentences = parseGsr(GSR_XML);
  const answers: Record<string, { source: string | null; target: string | null; cameo: string }[]> = {
    'Ukraine ratified': [{ source: 'UKRGOV', target: 'IGOEUREEC', cameo: '0571' }],
    'The United Nations chief': [{ source: 'IGOUNO', target: null, cameo: '010' }],
    'Boko Haram': [{ source: null, target: 'NGA', cameo: '193' }],
  };
  const r = await evalGsr(sentences, (text) => Object.entries(answers).find(([k]) => text.startsWith(k))?.[1] ?? []);
  // Gold: 3 codings. Hits: Ukraine (same countries and root) and Boko Haram (null>NGA, root 19).
  assert.equal(r.scores.gold_codings, 3);
  assert.equal(r.scores.predicted_codings, 3);
  assert.equal(r.scores.triple_precision, 2 / 3);
  assert.equal(r.scores.triple_recall, 2 / 3);
  assert.equal(r.scores.paired, 2);
  assert.equal(r.scores.root_accuracy, 1);
  assert.equal(r.scores.full_code_accuracy, 0);
  assert.equal(r.scores.real_gold_codings, 1);
  assert.equal(r.scores.real_triple_f1, 1);
  assert.ok(r.lines.some((l) => l.includes('no-event sentences given an event') && l.includes('1/1')));
});

test('GSR: loadGsr is null where the dataset is absent', (t) => {
  assert.equal(loadGsr(scratch(t).dir), null);
});

test('GDELT columns: CSV fields with quotes, commas and line breaks', () => {
  assert.deepEqual(parseCsv('a,"b, ""c""",d\r\n"e\nf",g\n'), [
    ['a', 'b, "c"', 'd'],
    ['e\nf', 'g'],
  ]);
  assert.deepEqual(compareColumns(['A', 'B'], ['A', 'C', 'D']), [
    '    missing: B',
    '    unexpected: C, D',
    '    column 2: expected "B", got "C"',
    '    column 3: expected nothing, got "D"',
  ]);
  assert.deepEqual(compareColumns(['A', 'B', 'C'], ['B', 'C', 'A'], 1), ['    column 1: expected "A", got "B"', '    … 2 more positions differ']);
});

test('GDELT columns: headers are checked against the label files', (t) => {
  const s = scratch(t);
  assert.equal(checkGdeltColumns(s.dir, [], []), null);
  s.write(
    'gdelt-samples/GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv',
    'tableId,dataType,Empty,Description\nGLOBALEVENTID,INTEGER,NULLABLE,"An id, unique."\nSQLDATE,INTEGER,NULLABLE,Date\nSOURCEURL,STRING,NULLABLE,"The ""first"" URL"\n',
  );
  s.write(
    'gdelt-samples/GDELT_2.0_eventMentions_Column_Labels_Header_Row_Sep2016.tsv',
    '\ttableId\tdataType\tEmpty\tDescription\n0\tGLOBALEVENTID\tINTEGER\tNULLABLE\tThe id.\n1\tEventTimeDate\tINTEGER\tNULLABLE\tWhen.\n',
  );
  const good = checkGdeltColumns(s.dir, ['GLOBALEVENTID', 'SQLDATE', 'SOURCEURL'], ['GLOBALEVENTID', 'EventTimeDate']);
  assert.equal(good?.ok, true);
  const bad = checkGdeltColumns(s.dir, ['GLOBALEVENTID', 'SOURCEURL', 'SQLDATE'], ['GLOBALEVENTID']);
  assert.equal(bad?.ok, false);
  assert.deepEqual(
    bad?.lines.filter((l) => l.startsWith('    ')),
    [
      '    column 2: expected "SQLDATE", got "SOURCEURL"',
      '    column 3: expected "SOURCEURL", got "SQLDATE"',
      '    missing: EventTimeDate',
      '    column 2: expected "EventTimeDate", got nothing',
    ],
  );
});

for (const [set, expected] of [['gold', 10], ['dev', 10], ['blind', null], ['blind2', null], ['blind3', 12], ['blind5', 13]] as const) {
  test(`the ${set} event files: triggers in the body, codes in the codebook, dates well formed`, () => {
    const codebook = JSON.parse(readFileSync(repoPath('data', 'cameo', 'codebook.json'), 'utf8')) as { codes: { code: string }[] };
    const codes = new Set(codebook.codes.map((c) => c.code));
    const files = loadEventGold(repoPath('eval', set, 'events'));
    if (expected !== null) assert.equal(files.length, expected);
    else assert.ok(files.length >= 12, `${files.length} blind files`);
    const format: Record<string, RegExp> = { day: /^\d{4}-\d{2}-\d{2}$/, week: /^\d{4}-\d{2}-\d{2}$/, month: /^\d{4}-\d{2}$/, year: /^\d{4}$/, reported: /^\d{4}-\d{2}-\d{2}$/ };
    for (const { file, gold } of files) {
      const ann = JSON.parse(readFileSync(repoPath('eval', set, 'annotations', file), 'utf8')) as { source: string; locator?: string | null };
      assert.deepEqual([gold.source, gold.locator ?? null], [ann.source, ann.locator ?? null], `${file}: source and locator as in the annotation gold`);
      const article = loadGoldArticle(ROOT, gold);
      // PolNeAR texts are not redistributed: they are checked where ../shared/datasets is present.
      if (!article && gold.source.startsWith('polnear:') && !datasetsDir(ROOT)) continue;
      assert.ok(article, `${file}: article`);
      let previous = -1;
      for (const e of gold.events) {
        const at = `${file} ${e.key} ${JSON.stringify(e.trigger.text)}`;
        const span = locate(article.body, e.trigger.text, e.trigger.occurrence);
        assert.ok(span, `${at}: trigger in body`);
        assert.ok(span.start >= previous, `${at}: body order`);
        previous = span.start;
        assert.ok(codes.has(e.cameo), `${at}: code ${e.cameo} in the codebook`);
        assert.match(e.key, /^[a-z0-9-]+$/, `${at}: key`);
        assert.ok(e.date !== null && format[e.date_precision]?.test(e.date), `${at}: date ${e.date}/${e.date_precision}`);
        if (e.date_precision === 'reported') assert.equal(e.date, article.published?.slice(0, 10), `${at}: reported = publication day`);
        for (const actor of [e.source, e.target]) if (actor) assert.match(actor.country ?? '', /^([A-Z]{3}|(IGO|NGO)[A-Z]*)$/, `${at}: actor country`);
      }
    }
  });
}

test('event gold: a polnear: source is read from the datasets folder with its metadata as front matter', (t) => {
  const { dir, write } = scratch(t);
  const text = 'Obama says Trump erred.\n\nWASHINGTON (AP) — President Barack Obama on Tuesday accused Donald Trump.\n';
  write('polnear/test/text/breitbart_2016-10-18_x.txt', text);
  write('polnear/metadata.tsv', 'compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\nx\tbreitbart_2016-10-18_x\tNone\ta\tbreitbart\t2016-10-18\tAP\tObama says Trump erred\n');
  const saved = process.env.WIRESCOPE_DATASETS;
  t.after(() => {
    if (saved === undefined) delete process.env.WIRESCOPE_DATASETS;
    else process.env.WIRESCOPE_DATASETS = saved;
  });
  process.env.WIRESCOPE_DATASETS = dir;
  const a = loadGoldArticle(ROOT, { source: 'polnear:test/breitbart_2016-10-18_x' });
  assert.ok(a);
  assert.equal(a.body, text.trim());
  assert.equal(a.outlet, 'Breitbart');
  assert.equal(a.published?.slice(0, 10), '2016-10-18');
  assert.equal(loadGoldArticle(ROOT, { source: 'polnear:test/absent' }), undefined);
  assert.equal(loadGoldArticle(ROOT, { source: 'polnear:test/../../etc' }), undefined);
  process.env.WIRESCOPE_DATASETS = join(dir, 'nowhere');
  assert.equal(loadGoldArticle(ROOT, { source: 'polnear:test/breitbart_2016-10-18_x' }), undefined);
});

test('agreement: a gold scored against itself agrees fully; a second annotator who moves one date and drops one claim does not', async (t) => {
  const { evalAgreement } = await import('../eval/agreement.js');
  const gold = join(ROOT, 'eval', 'gold');
  const self = evalAgreement(ROOT, { dir: gold, against: gold }).join('\n');
  assert.match(self, /event mentions \(root\+dyad\+date\)\s+P 100\.0\s+R 100\.0\s+F1 100\.0/);
  assert.match(self, /attribution chains \(content \+ chain\) P 100\.0\s+R 100\.0/);
  assert.match(self, /claim speaker agreement\s+100\.0%/);
  // A second annotator: one article's first dated event a year off, one claim left out.
  const { dir } = scratch(t);
  const { mkdirSync, writeFileSync, readdirSync } = await import('node:fs');
  mkdirSync(join(dir, 'events'), { recursive: true });
  mkdirSync(join(dir, 'annotations'), { recursive: true });
  const file = readdirSync(join(gold, 'events')).find((f) => f.startsWith('moscow-times'))!;
  const ev = JSON.parse(readFileSync(join(gold, 'events', file), 'utf8')) as EventGoldFile;
  const i = ev.events.findIndex((e) => e.date && !e.negated);
  const moved = ev.events.map((e, k) => (k === i ? { ...e, date: `${Number(e.date!.slice(0, 4)) - 1}${e.date!.slice(4)}` } : e));
  writeFileSync(join(dir, 'events', file), JSON.stringify({ ...ev, events: moved }));
  const ann = JSON.parse(readFileSync(join(gold, 'annotations', file), 'utf8')) as { claims: unknown[] };
  writeFileSync(join(dir, 'annotations', file), JSON.stringify({ ...ann, claims: ann.claims.slice(1) }));
  const two = evalAgreement(ROOT, { dir, against: gold }).join('\n');
  assert.match(two, /1 articles/);
  assert.doesNotMatch(two, /event mentions \(root\+dyad\+date\)\s+P 100\.0\s+R 100\.0/);
  assert.match(two, /attribution chains \(content \+ chain\) P 100\.0\s+R\s+9\d\.\d/);
});
