import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataJson } from '../src/data/load.js';
import { defaultGdeltGeo, geoCols, sourceName } from '../src/export/events.js';
import { defaultLexicon } from '../src/nlp/lexicon.js';
import { normKey } from '../src/nlp/lexicon.js';

test('data/geo/fips.json loads: FIPS 10-4 codes by ISO alpha-3, with its source and licence', () => {
  const d = loadDataJson<{ source: string; licence: string; countries: Record<string, string> }>('geo/fips.json');
  assert.match(d.source, /GeoNames/);
  assert.match(d.licence, /CC BY 4\.0/);
  assert.ok(Object.keys(d.countries).length > 240);
  // Where FIPS and ISO differ, which is why GDELT users need the table.
  assert.deepEqual(['DEU', 'GBR', 'RUS', 'CHN', 'IRN', 'ISR', 'KWT', 'PHL', 'USA'].map((c) => d.countries[c]), ['GM', 'UK', 'RS', 'CH', 'IR', 'IS', 'KU', 'RP', 'US']);
  for (const [iso, fips] of Object.entries(d.countries)) assert.match(`${iso} ${fips}`, /^[A-Z]{3} [A-Z]{2}$/);
});

test('GDELT geography cells: country, US city, world city with FIPS ADM1 and GeoNames id; none for no location (issue #11)', () => {
  const geo = defaultGdeltGeo();
  assert.deepEqual(geoCols(null, geo), [0, '', '', '', '', '', '', '']);
  assert.deepEqual(geoCols({ country: 'IRN', name: 'Iran', lat: 32, lon: 53, kind: 'country' }, geo), [1, 'Iran', 'IR', '', '', 32, 53, 'IR']);
  // Gazetteer cities carry their GeoNames id and admin code from the lexicon.
  const lex = defaultLexicon();
  const city = (name: string) => lex.names.get(normKey(name))!.find((e) => e.kind === 'city' || e.kind === 'capital')!;
  const houston = city('Houston');
  assert.equal(houston.adm1, 'TX');
  const h = geoCols({ country: 'USA', name: 'Houston', lat: houston.lat!, lon: houston.lon!, kind: 'city', geoname_id: houston.geonameId!, adm1: houston.adm1! }, geo);
  assert.deepEqual([h[0], h[1], h[2], h[3], h[7]], [3, 'Houston, United States', 'US', 'USTX', houston.geonameId]);
  const w = geoCols({ country: 'KWT', name: 'Kuwait City', lat: 29.37, lon: 47.98, kind: 'capital', geoname_id: 285787, adm1: '02' }, geo);
  assert.deepEqual([w[0], w[2], w[3], w[7]], [4, 'KU', 'KU02', 285787]);
});

test('MentionSourceName is the web domain as in GDELT, else the outlet; never a synthetic identifier', () => {
  assert.equal(sourceName('https://www.themoscowtimes.com/2026/03/07/a', 'The Moscow Times'), 'themoscowtimes.com');
  assert.equal(sourceName(null, 'Legit.ng'), 'Legit.ng');
  assert.equal(sourceName('not a url', 'Gulf Wire'), 'Gulf Wire');
  assert.equal(sourceName(null, null), '');
});
