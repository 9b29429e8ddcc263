import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { LookoutEvent } from '../../detect/event.js';
import { FIXTURES, REPO_ROOT } from '../../../test/support/paths.js';
import { formatEvents } from '../../pipeline/output.js';

const BIN = join(REPO_ROOT, 'bin', 'lookout.js');
const lookout = (...args: string[]) => spawnSync(process.execPath, [BIN, 'analyze', ...args], { encoding: 'utf8' });

test('lookout analyze reads NMEA and CSV inputs together and writes sorted events and a summary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-analyze-'));
  const out = join(dir, 'events.jsonl');
  const r = lookout(
    '--no-progress',
    '-o',
    out,
    join(FIXTURES, 'nmea', 'kystverket_ais1000lines_20190807.nm4'),
    join(FIXTURES, 'tracks', 'decoded', 'noaa_marinecadastre_20230111_1000rows.csv'),
  );
  assert.equal(r.status, 0, r.stderr);
  const events = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LookoutEvent);
  assert.ok(events.length > 10);
  for (let i = 1; i < events.length; i++) {
    const a = events[i - 1];
    const b = events[i];
    assert.ok(a.start < b.start || (a.start === b.start && a.id < b.id), `sorted at ${i}`);
  }
  assert.ok(events.some((e) => e.type === 'identity_anomaly' && e.details['kind'] === 'invalid_imo'));
  assert.match(r.stderr, /analysed \d[\d,]* messages/);
  assert.match(r.stderr, /inputs\s+1 NMEA \(1,000 lines\), 1 CSV \(1,000 rows/);
  assert.match(r.stderr, /events by type\s+.*identity_anomaly \d+/);
  assert.match(r.stderr, /rejected lines\s+.*bad_tag_block_checksum \d+/);
});

test('a bad --config is a usage error naming the parameter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-analyze-'));
  const cfg = join(dir, 'params.json');
  writeFileSync(cfg, JSON.stringify({ gap: { minGapHour: 3 } }));
  const r = lookout('--config', cfg, join(FIXTURES, 'nmea', 'kystverket_ais1000lines_20190807.nm4'));
  assert.equal(r.status, 2);
  assert.match(r.stderr, /"gap.minGapHour" is not a parameter/);
});

test('--print-config lists every parameter with its default', () => {
  const r = lookout('--print-config');
  assert.equal(r.status, 0);
  const cfg = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
  assert.equal(cfg['spoofing']?.['maxSpeedKnots'], 50);
  assert.equal(cfg['tracker']?.['maxSpeedKnots'], 25);
});

test('GeoJSON and CSV render the same events as JSON lines', () => {
  const e: LookoutEvent = {
    id: 'spoofing-0123456789abcdef',
    type: 'spoofing',
    mmsi: 244123401,
    name: 'A, "B"',
    start: '2024-03-01T00:00:00.000Z',
    end: '2024-03-01T01:00:00.000Z',
    lat: 12,
    lon: 51,
    confidence: 0.8,
    details: { kind: 'circle' },
  };
  const geo = JSON.parse(formatEvents([e, { ...e, id: 'spoofing-1' }], 'geojson')) as { features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[] };
  assert.equal(geo.features.length, 2);
  assert.deepEqual(geo.features[0].geometry.coordinates, [51, 12]);
  assert.equal(geo.features[0].properties['name'], 'A, "B"');
  const csv = formatEvents([e], 'csv').split('\n');
  assert.equal(csv[0], 'id,type,mmsi,other_mmsi,imo,name,start,end,lat,lon,confidence,details');
  assert.equal(csv[1], 'spoofing-0123456789abcdef,spoofing,244123401,,,"A, ""B""",2024-03-01T00:00:00.000Z,2024-03-01T01:00:00.000Z,12,51,0.8,"{""kind"":""circle""}"');
});
