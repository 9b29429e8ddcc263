import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { FIXTURES, NEEDS_SHARED, SHARED_DATA } from '../../test/support/paths.js';
import { Feeder, boxZone, bundledRefData, compareWithExpected, literalRefData, readGfwRegr, runCase, scenarioCases, type FixRecord } from '../../test/support/movement.js';
import { bearingDeg, destination } from './spatial-grid.js';
import { createZoneDetector } from './zones.js';
import type { IndexedRefData } from '../geo/refdata.js';

for (const type of ['zone_entry', 'zone_exit', 'transit']) {
  for (const dir of scenarioCases(join(FIXTURES, 'scenarios', type))) {
    test(`zones golden case ${type}/${basename(dir)} raises exactly the expected events`, () => {
      const { events, expected } = runCase(dir, createZoneDetector);
      assert.deepEqual(compareWithExpected(events, expected), []);
    });
  }
}

test('CSCL SUMMER (GFW regr_477293900) transits Tsugaru Strait westbound and Korea Strait southwestbound, by their gates', { skip: NEEDS_SHARED }, async () => {
  const recs = readGfwRegr(join(SHARED_DATA, 'tracks', 'decoded', 'gfw_gpsdio_segment', 'regr_477293900.json'), { tracks: 'mmsi' });
  const events = new Feeder(await bundledRefData()).add((ctx) => createZoneDetector(ctx)).feed(recs).finish();
  const transits = new Map(events.filter((e) => e.type === 'transit').map((e) => [e.details.zone, e.details.direction]));
  assert.equal(transits.get('tsugaru-strait'), 'East (Pacific)→West (Sea of Japan)');
  assert.equal(transits.get('korea-strait'), 'Northeast (Sea of Japan)→Southwest (East China Sea)');
  // One voyage: no zone is entered twice (no flapping at boundaries or at the antimeridian).
  const entries = events.filter((e) => e.type === 'zone_entry').map((e) => String(e.details.zone));
  assert.equal(entries.length, new Set(entries).size, entries.join(', '));
  // Entries and exits alternate per zone and exits never precede their entries.
  for (const e of events.filter((x) => x.type === 'zone_exit' && x.details.entry_observed === true)) {
    assert.ok(String(e.details.entered) <= e.start);
  }
});

test('a southbound passage of the bundled Taiwan Strait is a transit North→South by its gates', async () => {
  const refdata = await bundledRefData();
  const recs: FixRecord[] = [];
  const t0 = Date.UTC(2024, 5, 1);
  let p = { lat: 25.6, lon: 120.8 };
  const bearing = bearingDeg(25.6, 120.8, 22.8, 117.9);
  for (let i = 0; i < 200; i++) {
    recs.push({ time: t0 + i * 600_000, mmsi: 416000001, lat: p.lat, lon: p.lon, speed: 14, course: bearing });
    p = destination(p.lat, p.lon, bearing, (14 * 1852) / 6);
  }
  const events = new Feeder(refdata).add((ctx) => createZoneDetector(ctx)).feed(recs).finish();
  const transit = events.find((e) => e.type === 'transit' && e.details.zone === 'taiwan-strait');
  assert.ok(transit, events.map((e) => `${e.type} ${String(e.details.zone)}`).join('; '));
  assert.equal(transit.details.direction, 'North (East China Sea)→South (South China Sea)');
  assert.ok((transit.details.mean_speed_knots as number) > 13);
});

test('one boundary crossing gives one entry even with identical fixes repeated (duplicates from several receivers)', () => {
  const refdata = literalRefData({ zones: [boxZone('z', 'Z', 0, 0, 1, 1)] });
  const t0 = Date.UTC(2024, 0, 1);
  const recs: FixRecord[] = [];
  for (let i = 0; i < 20; i++) {
    const fix = { time: t0 + i * 300_000, mmsi: 9, lat: 0.5, lon: -0.2 + i * 0.02 };
    recs.push(fix, { ...fix });
  }
  const events = new Feeder(refdata).add((ctx) => createZoneDetector(ctx)).feed(recs).finish();
  assert.deepEqual(events.map((e) => e.type), ['zone_entry']);
});

test('a zone added while tracks are live (setZones) is entered at once: cached zone answers are dropped', () => {
  const refdata = literalRefData({ zones: [boxZone('far', 'Far', 40, 40, 41, 41)] }) as IndexedRefData;
  const added = literalRefData({ zones: [boxZone('new', 'New', 5, 5, 6, 6)] }).zones;
  const t0 = Date.UTC(2024, 0, 1);
  const at = (i: number): FixRecord => ({ time: t0 + i * 300_000, mmsi: 7, lat: 5.5, lon: 5.2 + i * 0.01 });
  const feeder = new Feeder(refdata).add((ctx) => createZoneDetector(ctx));
  // Ten fixes inside what is still open sea: the detector caches "no zone here" for the track.
  feeder.feed(Array.from({ length: 10 }, (_, i) => at(i)));
  const before = refdata.zonesVersion;
  refdata.setZones([...refdata.zones, ...added]);
  assert.notEqual(refdata.zonesVersion, before);
  const events = feeder.feed(Array.from({ length: 10 }, (_, i) => at(10 + i))).finish();
  const entry = events.find((e) => e.type === 'zone_entry');
  assert.ok(entry, 'the vessel inside the new zone enters it');
  assert.equal(entry.details.zone, 'new');
  // The crossing is placed between the last fix seen under the old set and the first under the new.
  assert.ok(Date.parse(entry.start) >= t0 + 9 * 300_000 && Date.parse(entry.start) <= t0 + 10 * 300_000, entry.start);
});
