import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { cliSync as cli, repoPath, scratch } from './helpers.js';


test('export --format parquet and geojson (issue #11): a Parquet file a reader opens with every event, and a FeatureCollection of the located ones', async (t) => {
  const s = scratch(t);
  const db = ['--db', s.db];
  for (const step of [['ingest', repoPath('examples'), '--quiet'], ['annotate'], ['code']]) assert.equal(cli([...db, ...step]).code, 0);
  const events = JSON.parse(cli([...db, 'events', '--json', '--limit', '100000']).out) as { id: string; cameo: string; location: { lat: number | null; lon: number | null; name: string } | null }[];
  assert.ok(events.length > 10);

  const out = join(s.dir, 'events.parquet');
  const pq = cli([...db, 'export', '--events', '--format', 'parquet', '--out', out]);
  assert.equal(pq.code, 0, pq.err);
  const bytes = readFileSync(out);
  const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }) as Record<string, unknown>[];
  assert.equal(rows.length, events.length);
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  for (const e of events) {
    const r = byId.get(e.id)!;
    assert.equal(r.cameo, e.cameo);
    assert.equal(r.location_lat ?? null, e.location?.lat ?? null);
    // A JSON column holding the record itself (DuckDB's record->>'$.id' reads it), not a JSON string of it.
    assert.equal(typeof r.record, 'object');
    assert.equal((r.record as { id: string }).id, e.id, 'the whole record rides along as JSON');
  }
  assert.equal(cli([...db, 'export', '--events', '--format', 'parquet']).code, 2, 'binary output needs --out');

  const gj = cli([...db, 'export', '--events', '--format', 'geojson']);
  assert.equal(gj.code, 0, gj.err);
  const fc = JSON.parse(gj.out) as { type: string; features: { id: string; geometry: { type: string; coordinates: [number, number] }; properties: { place: string } }[] };
  assert.equal(fc.type, 'FeatureCollection');
  const located = events.filter((e) => e.location?.lat !== null && e.location?.lat !== undefined);
  assert.ok(located.length > 0, 'the examples have located events (the Kuwait and Al-Kharj strikes)');
  assert.deepEqual(fc.features.map((f) => f.id).sort(), located.map((e) => e.id).sort());
  for (const f of fc.features) {
    const e = located.find((x) => x.id === f.id)!;
    assert.deepEqual(f.geometry, { type: 'Point', coordinates: [e.location!.lon, e.location!.lat] }, 'RFC 7946 order: longitude first');
    assert.equal(f.properties.place, e.location!.name);
  }
});
