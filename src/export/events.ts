/**
 * Event exports: JSON Lines (the JSON contract), CSV (one row per event), and the GDELT 2.0
 * Events + Mentions tab-separated layouts so existing GDELT tooling can read our output. Pure:
 * records in, text out. Article text never reaches a spreadsheet formula or a TSV column break.
 */
import { createRequire } from 'node:module';
import { loadDataJson } from '../data/load.js';
import type { EventLocation, EventRecord } from '../events/types.js';

/** What the GDELT geography columns need: FIPS 10-4 codes and country centroids, by ISO alpha-3. */
export interface GdeltGeo {
  readonly fips: ReadonlyMap<string, string>;
  readonly centroid: ReadonlyMap<string, { name: string; lat: number; lon: number }>;
}

let geoCache: GdeltGeo | null = null;

/** data/geo/fips.json (GeoNames, CC BY 4.0) and world-countries' centroids; loaded on first use. */
export function defaultGdeltGeo(): GdeltGeo {
  if (geoCache) return geoCache;
  const fips = loadDataJson<{ countries: Record<string, string> }>('geo/fips.json').countries;
  const countries = createRequire(import.meta.url)('world-countries') as { cca3: string; name: { common: string }; latlng: [number, number] }[];
  geoCache = {
    fips: new Map(Object.entries(fips)),
    centroid: new Map(countries.filter((c) => c.cca3 !== 'UNK').map((c) => [c.cca3, { name: c.name.common, lat: c.latlng[0], lon: c.latlng[1] }])),
  };
  return geoCache;
}

export const GDELT_EVENT_COLUMNS = [
  'GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate',
  'Actor1Code', 'Actor1Name', 'Actor1CountryCode', 'Actor1KnownGroupCode', 'Actor1EthnicCode', 'Actor1Religion1Code', 'Actor1Religion2Code', 'Actor1Type1Code', 'Actor1Type2Code', 'Actor1Type3Code',
  'Actor2Code', 'Actor2Name', 'Actor2CountryCode', 'Actor2KnownGroupCode', 'Actor2EthnicCode', 'Actor2Religion1Code', 'Actor2Religion2Code', 'Actor2Type1Code', 'Actor2Type2Code', 'Actor2Type3Code',
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale', 'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  'Actor1Geo_Type', 'Actor1Geo_FullName', 'Actor1Geo_CountryCode', 'Actor1Geo_ADM1Code', 'Actor1Geo_ADM2Code', 'Actor1Geo_Lat', 'Actor1Geo_Long', 'Actor1Geo_FeatureID',
  'Actor2Geo_Type', 'Actor2Geo_FullName', 'Actor2Geo_CountryCode', 'Actor2Geo_ADM1Code', 'Actor2Geo_ADM2Code', 'Actor2Geo_Lat', 'Actor2Geo_Long', 'Actor2Geo_FeatureID',
  'ActionGeo_Type', 'ActionGeo_FullName', 'ActionGeo_CountryCode', 'ActionGeo_ADM1Code', 'ActionGeo_ADM2Code', 'ActionGeo_Lat', 'ActionGeo_Long', 'ActionGeo_FeatureID',
  'DATEADDED', 'SOURCEURL',
] as const;

export const GDELT_MENTION_COLUMNS = [
  'GLOBALEVENTID', 'EventTimeDate', 'MentionTimeDate', 'MentionType', 'MentionSourceName', 'MentionIdentifier', 'SentenceID',
  'Actor1CharOffset', 'Actor2CharOffset', 'ActionCharOffset', 'InRawText', 'Confidence', 'MentionDocLen', 'MentionDocTone',
  'MentionDocTranslationInfo', 'Extras',
] as const;

export const CSV_COLUMNS = [
  'id', 'date', 'date_precision', 'source_name', 'source_code', 'source_country', 'source_role', 'target_name', 'target_code', 'target_country', 'target_role',
  'cameo', 'cameo_root', 'cameo_name', 'plover_type', 'plover_mode', 'quad_class', 'goldstein', 'location_country', 'location_name', 'location_lat', 'location_lon',
  'negated', 'hedged', 'confidence', 'mentions', 'articles', 'outlets',
] as const;

export function eventsJsonl(events: readonly EventRecord[]): string {
  return events.map((e) => `${JSON.stringify(e)}\n`).join('');
}

/** A CSV cell (RFC 4180); text that a spreadsheet would run as a formula is prefixed with '. */
function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

type CsvColumn = (typeof CSV_COLUMNS)[number];
type Cell = string | number | boolean | null;

/** One event as the flat row the CSV and Parquet exports share (null where the record has no value). */
function eventRow(e: EventRecord): Record<CsvColumn, Cell> {
  return {
    id: e.id, date: e.date, date_precision: e.date_precision,
    source_name: e.source?.name ?? null, source_code: e.source?.code ?? null, source_country: e.source?.country ?? null, source_role: e.source?.role ?? null,
    target_name: e.target?.name ?? null, target_code: e.target?.code ?? null, target_country: e.target?.country ?? null, target_role: e.target?.role ?? null,
    cameo: e.cameo, cameo_root: e.cameo_root, cameo_name: e.cameo_name, plover_type: e.plover.type, plover_mode: e.plover.mode,
    quad_class: e.quad_class, goldstein: e.goldstein, location_country: e.location?.country ?? null, location_name: e.location?.name ?? null,
    location_lat: e.location?.lat ?? null, location_lon: e.location?.lon ?? null, negated: e.negated, hedged: e.hedged, confidence: e.confidence,
    mentions: e.mentions.length, articles: new Set(e.mentions.map((m) => m.article_id)).size,
    outlets: [...new Set(e.mentions.map((m) => m.outlet ?? ''))].filter(Boolean).join('; '),
  };
}

export function eventsCsv(events: readonly EventRecord[]): string {
  const rows = events.map((e) => {
    const r = eventRow(e);
    return CSV_COLUMNS.map((c) => csvCell(r[c])).join(',');
  });
  return [CSV_COLUMNS.join(','), ...rows].map((l) => `${l}\r\n`).join('');
}

/** GDELT wants integer ids: the first 13 hex digits of ours (52 bits, exact in a double). */
export function gdeltId(id: string): number {
  return parseInt(id.replace(/^ev/, '').slice(0, 13), 16);
}

const tsvCell = (v: unknown) => (v === null || v === undefined ? '' : String(v).replace(/[\t\r\n]+/g, ' '));
const ymd = (d: string | null) => (d ? d.slice(0, 10).replace(/-/g, '') : '');
const stamp = (d: string | null) => {
  if (!d) return '';
  const day = ymd(d);
  const time = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(d);
  return `${day}${time ? `${time[1]}${time[2]}${time[3] ?? '00'}` : '000000'}`;
};

function fractionDate(d: string | null): string {
  if (!d) return '';
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return (y + (m * 30 + day) / 365).toFixed(4);
}

/**
 * The 8 GDELT geography cells (Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long,
 * FeatureID) of a located event. Types: 1 country, 2 US state, 3 US city, 4 world city, 5 world
 * state. Country and ADM1 codes are FIPS 10-4 as in GDELT; FeatureID is the GeoNames id of a city
 * (GDELT's is the GNS/GNIS id: same places, another numbering), the ADM1 code of a region and the
 * FIPS code of a country.
 */
export function geoCols(loc: EventLocation | null, geo: GdeltGeo): unknown[] {
  if (!loc) return [0, '', '', '', '', '', '', ''];
  const fips = loc.country ? geo.fips.get(loc.country) ?? '' : '';
  const us = loc.country === 'USA';
  const adm1 = fips && loc.adm1 ? `${fips}${loc.adm1}` : '';
  const country = loc.kind === 'country';
  const region = loc.kind === 'region';
  const type = country ? 1 : region ? (us ? 2 : 5) : us ? 3 : 4;
  const countryName = loc.country ? geo.centroid.get(loc.country)?.name ?? loc.country : '';
  const fullName = country || !countryName ? loc.name : `${loc.name}, ${countryName}`;
  const featureId = country ? fips : region ? adm1 : (loc.geoname_id ?? '');
  return [type, fullName, fips, country ? '' : adm1, '', loc.lat ?? '', loc.lon ?? '', featureId];
}

/** Actor geography: wirescope does not place actors in the text, so an actor with a country is given at country level. */
function actorGeoCols(a: EventRecord['source'], geo: GdeltGeo): unknown[] {
  const c = a?.country ? geo.centroid.get(a.country) : undefined;
  if (!a?.country || !c) return geoCols(null, geo);
  return geoCols({ country: a.country, name: c.name, lat: c.lat, lon: c.lon, kind: 'country' }, geo);
}

/** GDELT's MentionSourceName: the web domain the document came from ("reuters.com"), else the outlet's name. */
export function sourceName(url: string | null, outlet: string | null): string {
  if (url) {
    try {
      const host = new URL(url).hostname.replace(/^www\./, '');
      if (host) return host;
    } catch {
      // not a URL: fall through to the outlet
    }
  }
  return outlet ?? '';
}

function actorCols(a: EventRecord['source']): unknown[] {
  if (!a) return ['', '', '', '', '', '', '', '', '', ''];
  const igo = a.code.startsWith('IGO') ? a.code.slice(3) : '';
  return [a.code, a.name.toUpperCase(), a.country ?? '', igo, '', '', '', a.role ?? '', '', ''];
}

/**
 * GDELT 2.0 Events rows (with the header row of the column-label file when `header`). Fields we
 * do not compute are left empty (ethnic/religion codes, ADM2) and AvgTone is 0; ActionGeo has the
 * event's location (FIPS country and ADM1 codes, coordinates, GeoNames feature id); Actor1Geo and
 * Actor2Geo the actor's country at country level. SOURCEURL is the first report's URL, empty when
 * the article has none.
 */
export function eventsGdelt(events: readonly EventRecord[], header = false, geo: GdeltGeo = defaultGdeltGeo()): string {
  const lines = events.map((e) => {
    const first = e.mentions[0];
    const row: unknown[] = [
      gdeltId(e.id), ymd(e.date), e.date ? e.date.slice(0, 7).replace('-', '') : '', e.date ? e.date.slice(0, 4) : '', fractionDate(e.date),
      ...actorCols(e.source), ...actorCols(e.target),
      e.mentions.some((m) => m.sentence === 0) ? 1 : 0, e.cameo, e.cameo.slice(0, 3), e.cameo_root, e.quad_class, e.goldstein,
      e.mentions.length, new Set(e.mentions.map((m) => m.outlet)).size, new Set(e.mentions.map((m) => m.article_id)).size, 0,
      ...actorGeoCols(e.source, geo), ...actorGeoCols(e.target, geo), ...geoCols(e.location, geo),
      stamp(first?.published ?? e.date), first?.url ?? '',
    ];
    return row.map(tsvCell).join('\t');
  });
  return [...(header ? [GDELT_EVENT_COLUMNS.join('\t')] : []), ...lines].map((l) => `${l}\n`).join('');
}

/** GDELT 2.0 Mentions rows: one per article mention of each event. `docLength` gives MentionDocLen. */
export function mentionsGdelt(events: readonly EventRecord[], docLength: (articleId: string) => number | null = () => null, header = false): string {
  const lines: string[] = [];
  for (const e of events) {
    for (const m of e.mentions) {
      const row: unknown[] = [
        gdeltId(e.id), stamp(e.date), stamp(m.published), 1, sourceName(m.url, m.outlet), m.url ?? '', m.sentence + 1,
        m.source ? m.source.start : -1, m.target ? m.target.start : -1, m.start, 1, Math.round(m.confidence * 100), docLength(m.article_id) ?? '', 0, '', '',
      ];
      lines.push(row.map(tsvCell).join('\t'));
    }
  }
  return [...(header ? [GDELT_MENTION_COLUMNS.join('\t')] : []), ...lines].map((l) => `${l}\n`).join('');
}

/** Parquet types of the CSV columns; the rest are strings. */
const PARQUET_TYPES: Partial<Record<CsvColumn, 'INT32' | 'DOUBLE' | 'BOOLEAN'>> = {
  quad_class: 'INT32', goldstein: 'DOUBLE', location_lat: 'DOUBLE', location_lon: 'DOUBLE', negated: 'BOOLEAN', hedged: 'BOOLEAN',
  confidence: 'DOUBLE', mentions: 'INT32', articles: 'INT32',
};

/** The CSV columns as typed Parquet columns (one row per event), for pandas, DuckDB, Polars, Arrow or Spark. */
export async function eventsParquet(events: readonly EventRecord[]): Promise<Uint8Array> {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const rows = events.map(eventRow);
  const buffer = parquetWriteBuffer({
    columnData: [
      ...CSV_COLUMNS.map((c) => ({ name: c, data: rows.map((r) => r[c]), type: PARQUET_TYPES[c] ?? ('STRING' as const) })),
      { name: 'record', data: events.map((e) => e), type: 'JSON' as const }, // the JSON contract, whole (the writer serialises it)
    ],
  });
  return new Uint8Array(buffer);
}

/**
 * Located events as a GeoJSON FeatureCollection (RFC 7946: [longitude, latitude]) for QGIS,
 * kepler.gl or a web map; events without coordinates are left out. Properties are the CSV's.
 */
export function eventsGeojson(events: readonly EventRecord[]): string {
  const features = events
    .filter((e) => e.location && e.location.lat !== null && e.location.lon !== null)
    .map((e) => ({
      type: 'Feature',
      id: e.id,
      geometry: { type: 'Point', coordinates: [e.location!.lon, e.location!.lat] },
      properties: {
        id: e.id, date: e.date, date_precision: e.date_precision, cameo: e.cameo, cameo_name: e.cameo_name, plover_type: e.plover.type,
        quad_class: e.quad_class, goldstein: e.goldstein, source: e.source?.name ?? null, source_code: e.source?.code ?? null,
        target: e.target?.name ?? null, target_code: e.target?.code ?? null, place: e.location!.name, place_kind: e.location!.kind,
        country: e.location!.country, negated: e.negated, hedged: e.hedged, mentions: e.mentions.length,
        outlets: [...new Set(e.mentions.map((m) => m.outlet ?? ''))].filter(Boolean),
        urls: [...new Set(e.mentions.map((m) => m.url ?? ''))].filter(Boolean),
      },
    }));
  return `${JSON.stringify({ type: 'FeatureCollection', features })}\n`;
}
