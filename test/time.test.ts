import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveTimes, type TimeMention, type TimePrecision } from '../src/nlp/time.js';

/** Moscow Times seed: Saturday. */
const MT = '2026-03-07';
/** Legit.ng seed: Tuesday. */
const LG = '2026-03-10';

interface Expect {
  readonly text: string;
  readonly value: string | null;
  readonly precision: TimePrecision | null;
  readonly relative?: boolean;
  readonly end_value?: string | null;
}
interface Row {
  readonly sentence: string;
  readonly published: string | null;
  readonly expected: readonly Expect[];
}

const rows: readonly Row[] = [
  // --- from the seeds
  { sentence: 'President Vladimir Putin held a phone call, the Kremlin said late Friday, as the United States escalated.', published: MT, expected: [{ text: 'late Friday', value: '2026-03-06', precision: 'day', relative: true }] },
  { sentence: "Russia is one of Iran's closest partners. This week, it condemned U.S.-Israeli attacks.", published: MT, expected: [{ text: 'This week', value: '2026-03-02', precision: 'week', relative: true }] },
  { sentence: 'In 2025, the two countries signed a strategic partnership agreement.', published: MT, expected: [{ text: '2025', value: '2025', precision: 'year', relative: false }] },
  { sentence: 'Vladimir Putin and Masoud Pezeshkian meet in Turkmenistan in December 2025.', published: MT, expected: [{ text: 'December 2025', value: '2025-12', precision: 'month', relative: false }] },
  { sentence: 'However, sources told The Washington Post on Friday that Russia is providing Iran with intelligence.', published: MT, expected: [{ text: 'Friday', value: '2026-03-06', precision: 'day' }] },
  { sentence: 'U.S. Defense Secretary Pete Hegseth said Friday that the Pentagon is "not concerned".', published: MT, expected: [{ text: 'Friday', value: '2026-03-06', precision: 'day' }] },
  { sentence: 'A projectile struck a compound in Al-Kharj, Saudi authorities confirmed on Sunday.', published: LG, expected: [{ text: 'Sunday', value: '2026-03-08', precision: 'day', relative: true }] },
  { sentence: 'Iranian drones have struck several locations where US forces were present in recent days.', published: LG, expected: [{ text: 'recent days', value: null, precision: null, relative: true }] },

  // --- bare weekdays: most recent on or before publication, unless future tense
  { sentence: 'Officials met on Sunday.', published: MT, expected: [{ text: 'Sunday', value: '2026-03-01', precision: 'day' }] },
  { sentence: 'Officials met on Saturday.', published: MT, expected: [{ text: 'Saturday', value: '2026-03-07', precision: 'day' }] },
  { sentence: 'The ministers spoke Monday.', published: LG, expected: [{ text: 'Monday', value: '2026-03-09', precision: 'day' }] },
  { sentence: 'The leaders will meet on Friday.', published: MT, expected: [{ text: 'Friday', value: '2026-03-13', precision: 'day' }] },
  { sentence: 'They agreed to talk again next Friday.', published: MT, expected: [{ text: 'next Friday', value: '2026-03-13', precision: 'day' }] },
  { sentence: 'The summit is scheduled for Friday.', published: LG, expected: [{ text: 'Friday', value: '2026-03-13', precision: 'day' }] },
  { sentence: 'The vote is scheduled to take place on Tuesday.', published: LG, expected: [{ text: 'Tuesday', value: '2026-03-10', precision: 'day' }] },
  { sentence: 'He arrived last Friday.', published: MT, expected: [{ text: 'last Friday', value: '2026-03-06', precision: 'day' }] },

  // --- bare years
  { sentence: 'The agreement was first proposed in 2019.', published: MT, expected: [{ text: '2019', value: '2019', precision: 'year' }] },
  { sentence: 'Russia has annexed Crimea since 2014.', published: MT, expected: [{ text: '2014', value: '2014', precision: 'year' }] },
  { sentence: 'Emissions must be halved by 2030.', published: MT, expected: [{ text: '2030', value: '2030', precision: 'year' }] },
  { sentence: 'Under the 2025 agreement, both sides consult.', published: MT, expected: [{ text: '2025', value: '2025', precision: 'year', relative: false }] },
  { sentence: 'Output fell from 2019 to 2021.', published: MT, expected: [{ text: '2019 to 2021', value: '2019', precision: 'year', end_value: '2021' }] },
  { sentence: 'Growth slowed in mid-2025.', published: MT, expected: [{ text: 'mid-2025', value: '2025', precision: 'year' }] },
  { sentence: 'About 2025 people attended and the bill came to $2,025 in total.', published: MT, expected: [] },
  { sentence: 'The column of 2000 soldiers moved at 2100 GMT.', published: MT, expected: [] },

  // --- months
  { sentence: 'They met in December.', published: MT, expected: [{ text: 'December', value: '2025-12', precision: 'month', relative: true }] },
  { sentence: 'They met in March.', published: MT, expected: [{ text: 'March', value: '2026-03', precision: 'month', relative: true }] },
  { sentence: 'They met last March.', published: MT, expected: [{ text: 'last March', value: '2025-03', precision: 'month', relative: true }] },
  { sentence: 'The deal was signed in March 2026.', published: LG, expected: [{ text: 'March 2026', value: '2026-03', precision: 'month', relative: false }] },
  { sentence: 'The talks collapsed in early May.', published: LG, expected: [{ text: 'early May', value: '2025-05', precision: 'month' }] },
  { sentence: 'The talks will resume in early May.', published: LG, expected: [{ text: 'early May', value: '2026-05', precision: 'month' }] },
  { sentence: 'Prices have climbed since May.', published: LG, expected: [{ text: 'May', value: '2025-05', precision: 'month' }] },

  // --- calendar-relative expressions
  { sentence: 'Oil prices rose this week.', published: MT, expected: [{ text: 'this week', value: '2026-03-02', precision: 'week' }] },
  { sentence: 'Oil prices rose this week.', published: LG, expected: [{ text: 'this week', value: '2026-03-09', precision: 'week' }] },
  { sentence: 'Oil prices rose last week.', published: MT, expected: [{ text: 'last week', value: '2026-02-23', precision: 'week' }] },
  { sentence: 'The ministry said earlier this week that it would respond.', published: LG, expected: [{ text: 'earlier this week', value: '2026-03-09', precision: 'week' }] },
  { sentence: 'Sales rose this month.', published: MT, expected: [{ text: 'this month', value: '2026-03', precision: 'month' }] },
  { sentence: 'Sales rose last month.', published: MT, expected: [{ text: 'last month', value: '2026-02', precision: 'month' }] },
  { sentence: 'Sales rose this year.', published: MT, expected: [{ text: 'this year', value: '2026', precision: 'year' }] },
  { sentence: 'Sales rose last year.', published: MT, expected: [{ text: 'last year', value: '2025', precision: 'year' }] },
  { sentence: 'The minister resigned today.', published: MT, expected: [{ text: 'today', value: '2026-03-07', precision: 'day', relative: true }] },
  { sentence: 'The minister resigned yesterday.', published: MT, expected: [{ text: 'yesterday', value: '2026-03-06', precision: 'day', relative: true }] },
  { sentence: 'The minister speaks tonight.', published: MT, expected: [{ text: 'tonight', value: '2026-03-07', precision: 'day' }] },
  { sentence: 'The minister said earlier today that talks continue.', published: LG, expected: [{ text: 'earlier today', value: '2026-03-10', precision: 'day' }] },
  { sentence: 'Clashes erupted three weeks ago.', published: MT, expected: [{ text: 'three weeks ago', value: '2026-02-09', precision: 'week' }] },
  { sentence: 'A year earlier, the two had quarrelled.', published: MT, expected: [{ text: 'A year earlier', value: null, precision: null, relative: true }] },

  // --- dates with a day
  { sentence: 'The strike happened on March 5.', published: LG, expected: [{ text: 'March 5', value: '2026-03-05', precision: 'day', relative: true }] },
  { sentence: 'It was announced on 5 March 2026.', published: LG, expected: [{ text: '5 March 2026', value: '2026-03-05', precision: 'day', relative: false }] },
  { sentence: 'Published March 07, 2026 in Moscow.', published: LG, expected: [{ text: 'March 07, 2026', value: '2026-03-07', precision: 'day', relative: false }] },
  { sentence: 'The call took place on Wednesday, March 4, officials said.', published: MT, expected: [{ text: 'Wednesday, March 4', value: '2026-03-04', precision: 'day' }] },
  { sentence: 'The report is dated 2026-03-08.', published: LG, expected: [{ text: '2026-03-08', value: '2026-03-08', precision: 'day', relative: false }] },
  { sentence: 'Talks ran from March 3 to March 5, 2026 in Doha.', published: LG, expected: [{ text: 'March 3 to March 5, 2026', value: '2026-03-03', precision: 'day', relative: false, end_value: '2026-03-05' }] },
  { sentence: 'A December 5 deadline was set.', published: MT, expected: [{ text: 'December 5', value: '2025-12-05', precision: 'day' }] },

  // --- times of day
  { sentence: 'The blast was heard at 3 p.m. near the port.', published: MT, expected: [{ text: '3 p.m.', value: '2026-03-07T15:00', precision: 'hour', relative: true }] },
  { sentence: 'The blast was heard at 3:30 p.m. near the port.', published: MT, expected: [{ text: '3:30 p.m.', value: '2026-03-07T15:30', precision: 'minute' }] },
  { sentence: 'Trump spoke with Putin on Friday at 3 p.m.', published: MT, expected: [{ text: 'Friday at 3 p.m.', value: '2026-03-06T15:00', precision: 'hour' }] },

  // --- false positives chrono produces in news text
  { sentence: 'The extent of what Moscow may be receiving in exchange remains unclear.', published: LG, expected: [] },
  { sentence: 'Thousands joined a protest march through the capital.', published: LG, expected: [] },
  { sentence: 'The March on Washington drew thousands.', published: LG, expected: [] },
  { sentence: 'May God protect them, he said.', published: LG, expected: [] },
  { sentence: 'Two people were killed and 12 others sustained injuries in the incident.', published: LG, expected: [] },
  { sentence: 'It resulted in the deaths of six US service members.', published: LG, expected: [] },
  { sentence: 'Inflation reached 26.5% as 2 people were arrested.', published: LG, expected: [] },
  { sentence: 'The Sun reported that Satellite images showed a Sunni mosque.', published: LG, expected: [] },
  { sentence: 'Sat on the fence, the envoy said nothing. The Sunday Times disagreed.', published: LG, expected: [] },
  { sentence: 'The death toll stood at 10, he said, citing John 3:16 and 24/7 patrols.', published: LG, expected: [] },
  { sentence: 'The ceasefire will last for 2 years.', published: LG, expected: [] },
  { sentence: 'Since the Good Friday Agreement, violence fell.', published: LG, expected: [] },

  // --- without a publication date
  { sentence: 'The envoy arrived on Friday.', published: null, expected: [{ text: 'Friday', value: null, precision: null, relative: true }] },
  { sentence: 'The envoy arrived this week.', published: null, expected: [{ text: 'this week', value: null, precision: null, relative: true }] },
  { sentence: 'The envoy arrived at 3 p.m.', published: null, expected: [{ text: '3 p.m.', value: null, precision: null, relative: true }] },
  { sentence: 'The envoy arrived on March 07, 2026.', published: null, expected: [{ text: 'March 07, 2026', value: '2026-03-07', precision: 'day', relative: false }] },
  { sentence: 'In 2025, the envoy arrived in December 2025.', published: null, expected: [
    { text: '2025', value: '2025', precision: 'year', relative: false },
    { text: 'December 2025', value: '2025-12', precision: 'month', relative: false },
  ] },
  // A timestamp works as the publication date; its calendar day is the reference.
  { sentence: 'The envoy arrived on Friday.', published: '2026-03-07T18:45:00Z', expected: [{ text: 'Friday', value: '2026-03-06', precision: 'day' }] },
];

function pick(m: TimeMention, e: Expect): Expect {
  return {
    text: m.text,
    value: m.value,
    precision: m.precision,
    ...(e.relative !== undefined ? { relative: m.relative } : {}),
    ...(e.end_value !== undefined ? { end_value: m.end_value } : {}),
  };
}

function assertOffsets(text: string, mentions: readonly TimeMention[]): void {
  let last = -1;
  for (const m of mentions) {
    assert.equal(text.slice(m.start, m.end), m.text, `offsets of ${JSON.stringify(m)}`);
    assert.ok(m.start >= last, 'sorted and non-overlapping');
    last = m.end;
  }
}

for (const row of rows) {
  test(`resolveTimes: ${JSON.stringify(row.sentence)} (published ${row.published ?? 'null'})`, () => {
    const got = resolveTimes(row.sentence, { published: row.published });
    assertOffsets(row.sentence, got);
    assert.deepEqual(
      got.map((m, i) => pick(m, row.expected[i] ?? { text: '', value: null, precision: null })),
      row.expected,
    );
  });
}

test('offsets hold on every table sentence embedded in a longer text', () => {
  const prefix = 'Lead paragraph.\n\n';
  for (const row of rows) {
    const text = prefix + row.sentence + '\n\nTrailer.';
    const got = resolveTimes(text, { published: row.published });
    assertOffsets(text, got);
    assert.deepEqual(
      got.map((m) => m.start - prefix.length),
      resolveTimes(row.sentence, { published: row.published }).map((m) => m.start),
    );
  }
});

test('empty text and an unparseable publication date', () => {
  assert.deepEqual(resolveTimes('', { published: MT }), []);
  const got = resolveTimes('They met on Friday in 2019.', { published: 'not a date' });
  assert.deepEqual(
    got.map((m) => [m.text, m.value, m.relative]),
    [
      ['Friday', null, true],
      ['2019', '2019', false],
    ],
  );
});

function readSeed(name: string): string {
  return readFileSync(join(process.cwd(), 'examples', 'seeds', name), 'utf8');
}

function assertSeed(text: string, published: string, key: readonly Expect[], context: readonly string[]): TimeMention[] {
  const got = resolveTimes(text, { published });
  assertOffsets(text, got);
  key.forEach((e, i) => {
    const ctx = context[i]!;
    const at = text.indexOf(ctx);
    assert.ok(at >= 0, `seed contains ${ctx}`);
    const m = got.find((x) => x.start >= at && x.end <= at + ctx.length);
    assert.ok(m, `a mention inside ${JSON.stringify(ctx)}`);
    assert.deepEqual(pick(m, e), e, ctx);
  });
  for (const m of got) {
    assert.notEqual(m.text.toLowerCase(), 'may', 'no "may" verb');
    if (/^[\d\s.,%]+$/.test(m.text)) assert.equal(m.precision, 'year', `bare number ${m.text} must be a year`);
    assert.ok(!/^(?:\d+\s+(?:others|people)|six)/i.test(m.text), m.text);
  }
  return got;
}

test('Moscow Times seed: key mentions resolved against Saturday 2026-03-07', () => {
  const text = readSeed('moscow-times-putin-pezeshkian.md');
  const got = assertSeed(
    text,
    MT,
    [
      { text: 'late Friday', value: '2026-03-06', precision: 'day' },
      { text: 'This week', value: '2026-03-02', precision: 'week' },
      { text: '2025', value: '2025', precision: 'year' },
      { text: 'December 2025', value: '2025-12', precision: 'month' },
      { text: 'Friday', value: '2026-03-06', precision: 'day' },
      { text: 'Friday', value: '2026-03-06', precision: 'day' },
      { text: 'this week', value: '2026-03-02', precision: 'week' },
      { text: 'March 07, 2026', value: '2026-03-07', precision: 'day' },
    ],
    [
      'the Kremlin [said](#) late Friday',
      'This week, it condemned',
      'In 2025, the two countries signed',
      'in Turkmenistan in December 2025',
      'sources told The Washington Post on Friday',
      'Hegseth said Friday',
      'said this week that',
      'March 07, 2026',
    ],
  );
  // The date inside the trailing URL is not a mention.
  const urlAt = text.indexOf('https://');
  assert.ok(got.every((m) => m.start < urlAt));
});

test('Legit.ng seed: key mentions resolved against Tuesday 2026-03-10', () => {
  const text = readSeed('legit-ng-putin-pezeshkian.txt');
  const got = assertSeed(
    text,
    LG,
    [
      { text: 'Sunday', value: '2026-03-08', precision: 'day' },
      { text: 'recent days', value: null, precision: null },
    ],
    ['Saudi authorities confirmed on Sunday', 'in recent days'],
  );
  const texts = got.map((m) => m.text);
  assert.ok(!texts.includes('12'), 'not "12 others"');
  assert.ok(!texts.some((t) => /six|Two/.test(t)));
});
