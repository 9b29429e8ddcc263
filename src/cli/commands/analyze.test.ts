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

test('a satellite log arriving in passes: late messages are explained, and --reorder-minutes auto keeps them', () => {
  // The AMSA exactEarth log: satellite passes delivered out of order, up to ~96 min behind.
  const log = join(FIXTURES, 'nmea', 'amsa_exactearth_augmented_20120131.txt');
  const fixed = lookout('--no-progress', '-o', join(mkdtempSync(join(tmpdir(), 'lookout-analyze-')), 'e.jsonl'), log);
  assert.equal(fixed.status, 0, fixed.stderr);
  const late = /rejected messages\s+.*late ([\d,]+)/.exec(fixed.stderr);
  assert.ok(late !== null, fixed.stderr);
  assert.ok(Number(late[1].replace(/,/g, '')) > 1000, 'most of the late passes are lost with the 5-minute window');
  const hint = /late messages\s+[\d,]+ were up to ([\d.]+) min behind newer ones, beyond the 5-min reorder window: --reorder-minutes (\d+) \(or auto\) keeps them/.exec(fixed.stderr);
  assert.ok(hint !== null, fixed.stderr);
  assert.ok(Number(hint[1]) > 60 && Number(hint[2]) >= Number(hint[1]), fixed.stderr);
  const positions = (stderr: string): number => Number((/positions\s+([\d,]+) accepted/.exec(stderr) as RegExpExecArray)[1].replace(/,/g, ''));

  const auto = lookout('--no-progress', '--reorder-minutes', 'auto', '-o', join(mkdtempSync(join(tmpdir(), 'lookout-analyze-')), 'e.jsonl'), log);
  assert.equal(auto.status, 0, auto.stderr);
  assert.doesNotMatch(auto.stderr, /late/, 'no message is late with the measured window');
  assert.match(auto.stderr, new RegExp(`reorder window\\s+${hint[2]} min \\(auto: a first pass found messages up to ${hint[1].replace('.', '\\.')} min behind newer ones\\)`));
  assert.ok(positions(auto.stderr) > positions(fixed.stderr) * 1.5, `${positions(auto.stderr)} vs ${positions(fixed.stderr)}`);

  // The window given explicitly gives the same events as auto.
  const dir = mkdtempSync(join(tmpdir(), 'lookout-analyze-'));
  const a = lookout('--no-progress', '--quiet', '--reorder-minutes', 'auto', '-o', join(dir, 'auto.jsonl'), log);
  const b = lookout('--no-progress', '--quiet', '--reorder-minutes', hint[2], '-o', join(dir, 'given.jsonl'), log);
  assert.deepEqual([a.status, b.status], [0, 0]);
  assert.equal(readFileSync(join(dir, 'auto.jsonl'), 'utf8'), readFileSync(join(dir, 'given.jsonl'), 'utf8'));
  // auto needs to read its inputs twice.
  assert.equal(lookout('--reorder-minutes', 'auto', '-').status, 2);
});
