import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Checks an export's column headers against GDELT's official column-label files
 * (../shared/datasets/gdelt-samples, from gdeltPyR's utils/schema_csvs):
 * GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv (CSV: tableId,dataType,Empty,Description;
 * 61 columns GLOBALEVENTID … SOURCEURL) and GDELT_2.0_eventMentions_Column_Labels_Header_Row_Sep2016.tsv
 * (TSV: an index column, then tableId,dataType,Empty,Description; 16 columns). Names and order
 * must match exactly.
 */

export const GDELT_EVENTS_LABELS = join('gdelt-samples', 'GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv');
export const GDELT_MENTIONS_LABELS = join('gdelt-samples', 'GDELT_2.0_eventMentions_Column_Labels_Header_Row_Sep2016.tsv');

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Column names from the Events label file: first field of every row after the header. */
export function eventsLabels(csv: string): string[] {
  return parseCsv(csv.replace(/^\uFEFF/, ''))
    .slice(1)
    .map((r) => (r[0] ?? '').trim())
    .filter((name) => name !== '');
}

/** Column names from the Mentions label file: second field of every row after the header. */
export function mentionsLabels(tsv: string): string[] {
  return tsv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(1)
    .map((line) => (line.split('\t')[1] ?? '').trim())
    .filter((name) => name !== '');
}

/**
 * Lines naming each difference between the expected and actual header, empty when they agree:
 * names missing or unexpected, then position by position (the first `limit` positions).
 */
export function compareColumns(expected: readonly string[], actual: readonly string[], limit = 12): string[] {
  const out: string[] = [];
  const have = new Set(actual);
  const want = new Set(expected);
  const missing = expected.filter((n) => !have.has(n));
  const extra = actual.filter((n) => !want.has(n));
  if (missing.length) out.push(`    missing: ${missing.join(', ')}`);
  if (extra.length) out.push(`    unexpected: ${extra.join(', ')}`);
  const positions: string[] = [];
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e === a) continue;
    if (a === undefined) positions.push(`    column ${i + 1}: expected ${JSON.stringify(e)}, got nothing`);
    else if (e === undefined) positions.push(`    column ${i + 1}: expected nothing, got ${JSON.stringify(a)}`);
    else positions.push(`    column ${i + 1}: expected ${JSON.stringify(e)}, got ${JSON.stringify(a)}`);
  }
  out.push(...positions.slice(0, limit));
  if (positions.length > limit) out.push(`    … ${positions.length - limit} more positions differ`);
  return out;
}

/** Compare both headers with the label files; null when the label files are absent. */
export function checkGdeltColumns(datasetsDir: string, eventsHeader: string[], mentionsHeader: string[]): { ok: boolean; lines: string[] } | null {
  const ev = join(datasetsDir, GDELT_EVENTS_LABELS);
  const me = join(datasetsDir, GDELT_MENTIONS_LABELS);
  if (!existsSync(ev) || !existsSync(me)) return null;
  const lines: string[] = [];
  let ok = true;
  for (const [label, expected, actual] of [
    ['GDELT 2.0 Events', eventsLabels(readFileSync(ev, 'utf8')), eventsHeader],
    ['GDELT 2.0 Mentions', mentionsLabels(readFileSync(me, 'utf8')), mentionsHeader],
  ] as const) {
    const diff = compareColumns(expected, actual);
    if (diff.length) ok = false;
    lines.push(`  ${label}: ${actual.length} columns against ${expected.length} official ones, ${diff.length ? 'names or order differ' : 'names and order match'}`);
    lines.push(...diff);
  }
  return { ok, lines };
}
