import { loadDataJson } from '../data/load.js';

/** The smallest population data/geo/cities.json holds (scripts/build-cities.ts). */
export const CITY_FILE_MIN_POPULATION = 100_000;

/** [GeoNames id, name, ISO 3166-1 alpha-2 country, GeoNames admin-1 code, population, latitude, longitude] */
export type CityRow = [number, string, string, string, number, number, number];

export interface CityFile {
  readonly version: number;
  readonly min_population: number;
  readonly cities: readonly CityRow[];
}

export interface City {
  readonly cityId: number;
  readonly name: string;
  /** ISO 3166-1 alpha-2 */
  readonly country: string;
  readonly adminCode: string;
  readonly population: number;
  readonly lat: number;
  readonly lon: number;
}

/** The packaged gazetteer cities, in the file's order (checked: rows of the right shape, populations at or above the file's floor). */
export function loadCities(file: CityFile = loadDataJson<CityFile>('geo/cities.json')): City[] {
  if (file.version !== 1 || !Array.isArray(file.cities)) throw new Error('geo/cities.json: not a version 1 city file');
  return file.cities.map((r, i) => {
    const [cityId, name, country, adminCode, population, lat, lon] = r;
    const ok = Number.isInteger(cityId) && typeof name === 'string' && name.length > 0 && /^[A-Z]{2}$/.test(country) && typeof adminCode === 'string'
      && population >= file.min_population && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
    if (!ok) throw new Error(`geo/cities.json: row ${i + 1} is malformed: ${JSON.stringify(r)}`);
    return { cityId, name, country, adminCode, population, lat, lon };
  });
}
