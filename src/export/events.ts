/**
 * Event exports: JSON Lines (the JSON contract), CSV (one row per event), and the GDELT 2.0
 * Events + Mentions tab-separated layouts so existing GDELT tooling can read our output. Pure:
 * records in, text out. Article text never reaches a spreadsheet formula or a TSV column break.
 */
import type { EventRecord } from '../events/types.js';

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

export function eventsCsv(events: readonly EventRecord[]): string {
  const rows = events.map((e) => {
    const r: Record<(typeof CSV_COLUMNS)[number], unknown> = {
      id: e.id, date: e.date, date_precision: e.date_precision,
      source_name: e.source?.name, source_code: e.source?.code, source_country: e.source?.country, source_role: e.source?.role,
      target_name: e.target?.name, target_code: e.target?.code, target_country: e.target?.country, target_role: e.target?.role,
      cameo: e.cameo, cameo_root: e.cameo_root, cameo_name: e.cameo_name, plover_type: e.plover.type, plover_mode: e.plover.mode,
      quad_class: e.quad_class, goldstein: e.goldstein, location_country: e.location?.country, location_name: e.location?.name,
      location_lat: e.location?.lat, location_lon: e.location?.lon, negated: e.negated, hedged: e.hedged, confidence: e.confidence,
      mentions: e.mentions.length, articles: new Set(e.mentions.map((m) => m.article_id)).size,
      outlets: [...new Set(e.mentions.map((m) => m.outlet ?? ''))].filter(Boolean).join('; '),
    };
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

function actorCols(a: EventRecord['source']): unknown[] {
  if (!a) return ['', '', '', '', '', '', '', '', '', ''];
  const igo = a.code.startsWith('IGO') ? a.code.slice(3) : '';
  return [a.code, a.name.toUpperCase(), a.country ?? '', igo, '', '', '', a.role ?? '', '', ''];
}

/**
 * GDELT 2.0 Events rows (with the header row of the column-label file). Fields we do not compute
 * are left empty (ethnic/religion codes, actor geography, ADM codes, FIPS country codes, feature
 * ids) and AvgTone is 0; ActionGeo has the event's location with its coordinates.
 */
export function eventsGdelt(events: readonly EventRecord[], header = false): string {
  const lines = events.map((e) => {
    const first = e.mentions[0];
    const loc = e.location;
    const geoType = !loc ? 0 : loc.kind === 'country' ? 1 : loc.country === 'USA' ? 3 : 4;
    const geoName = loc ? (loc.kind === 'country' || !loc.country ? loc.name : `${loc.name}, ${loc.country}`) : '';
    const row: unknown[] = [
      gdeltId(e.id), ymd(e.date), e.date ? e.date.slice(0, 7).replace('-', '') : '', e.date ? e.date.slice(0, 4) : '', fractionDate(e.date),
      ...actorCols(e.source), ...actorCols(e.target),
      e.mentions.some((m) => m.sentence === 0) ? 1 : 0, e.cameo, e.cameo.slice(0, 3), e.cameo_root, e.quad_class, e.goldstein,
      e.mentions.length, new Set(e.mentions.map((m) => m.outlet)).size, new Set(e.mentions.map((m) => m.article_id)).size, 0,
      0, '', '', '', '', '', '', '',
      0, '', '', '', '', '', '', '',
      geoType, geoName, '', '', '', loc?.lat ?? '', loc?.lon ?? '', '',
      stamp(first?.published ?? e.date), first?.url ?? (first ? `wirescope:article/${first.article_id}` : ''),
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
        gdeltId(e.id), stamp(e.date), stamp(m.published), 1, m.outlet ?? '', m.url ?? `wirescope:article/${m.article_id}`, m.sentence + 1,
        m.source ? m.source.start : -1, m.target ? m.target.start : -1, m.start, 1, Math.round(m.confidence * 100), docLength(m.article_id) ?? '', 0, '', '',
      ];
      lines.push(row.map(tsvCell).join('\t'));
    }
  }
  return [...(header ? [GDELT_MENTION_COLUMNS.join('\t')] : []), ...lines].map((l) => `${l}\n`).join('');
}
