import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliParam, eventFilter, httpParam, parseCount, parseDateOption, summarizeEvents } from '../src/app/queries.js';
import { WirescopeError } from '../src/errors.js';
import type { EventRecord } from '../src/events/types.js';

const usage = (re: RegExp) => (e: unknown) => e instanceof WirescopeError && e.code === 'USAGE' && re.test(e.message);

test('app: parameters are checked once for every face, and named as that face names them', () => {
  assert.equal(parseDateOption('2026-03', 'end'), '2026-03-31');
  assert.equal(parseDateOption('2026', 'start'), '2026-01-01');
  assert.throws(() => parseDateOption('2026-13', 'start', '--since'), usage(/--since "2026-13": no such month/));
  assert.throws(() => parseDateOption('last week', 'start', 'since'), usage(/^invalid since "last week"/));
  assert.equal(parseCount(undefined, 'limit'), undefined);
  assert.equal(parseCount('20', 'limit', 500), 20);
  assert.throws(() => parseCount('0', 'limit'), usage(/limit "0"/));
  assert.throws(() => parseCount('501', 'limit', 500), usage(/from 1 to 500/));
  assert.throws(() => eventFilter({ dyad: 'RUSSIA' }, cliParam), usage(/^invalid --dyad/));
  assert.throws(() => eventFilter({ dyad: 'RUSSIA' }, httpParam), usage(/^invalid dyad/));
  assert.throws(() => eventFilter({ actor: "RUS' OR 1=1" }), usage(/actor/));
  assert.deepEqual(eventFilter({ dyad: 'RUS-IRN', since: '2026-03', limit: '5' }), { actor: undefined, dyad: 'RUS-IRN', cameo: undefined, plover: undefined, since: '2026-03-01', until: undefined, outlet: undefined, limit: 5 });
});

function ev(id: string, date: string | null, quad: number, src: string | null, tgt: string | null, extra: Partial<EventRecord> = {}): EventRecord {
  const actor = (c: string | null) => (c ? ({ code: c, name: c, country: c } as EventRecord['source']) : null);
  return { id, date, quad_class: quad, negated: false, location: null, source: actor(src), target: actor(tgt), ...extra } as EventRecord;
}

test('app: the explorer summary counts every live event once, on a time axis without holes', () => {
  const s = summarizeEvents([
    ev('a', '2026-03-01', 1, 'RUS', 'IRN'),
    ev('b', '2026-03-03', 4, 'IRN', 'RUS', { location: { name: 'Tehran', country: 'IRN', lat: 35.7, lon: 51.4 } as EventRecord['location'] }),
    ev('c', null, 3, 'USA', 'IRN'),
    ev('d', '2026-03-02', 4, 'USA', 'IRN', { negated: true }),
    ev('e', '2026-03-03', 2, 'RUS', 'RUS'),
  ]);
  assert.equal(s.total, 4, 'the negated event is not counted');
  assert.equal(s.undated, 1);
  assert.equal(s.period, 'day');
  assert.deepEqual(s.periods.map((p) => [p.period, p.quad]), [['2026-03-01', [1, 0, 0, 0]], ['2026-03-02', [0, 0, 0, 0]], ['2026-03-03', [0, 1, 0, 1]]]);
  assert.deepEqual(s.places.map((p) => [p.name, p.events]), [['Tehran', 1]]);
  assert.deepEqual(s.dyads, [{ a: 'IRN', b: 'RUS', events: 2 }, { a: 'IRN', b: 'USA', events: 1 }], 'either way round, same-country pairs left out');
  const long = summarizeEvents([ev('a', '2025-01-15', 1, null, null), ev('b', '2026-03-10', 1, null, null)]);
  assert.equal(long.period, 'month');
  assert.equal(long.periods.length, 15, 'January 2025 to March 2026, every month');
  assert.deepEqual(summarizeEvents([]).periods, []);
});
