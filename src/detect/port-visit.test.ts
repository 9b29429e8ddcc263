import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { FIXTURES, NEEDS_SHARED, SHARED_DATA } from '../../test/support/paths.js';
import { Feeder, bundledRefData, compareWithExpected, literalRefData, readGfwRegr, runCase, scenarioCases, type FixRecord } from '../../test/support/movement.js';
import { createRefData } from '../geo/refdata.js';
import type { Port } from '../geo/types.js';
import { createPortVisitDetector, PORT_VISIT_DEFAULTS } from './port-visit.js';
import { haversineM } from './spatial-grid.js';

for (const dir of scenarioCases(join(FIXTURES, 'scenarios', 'port_visit'))) {
  test(`port_visit golden case ${basename(dir)} raises exactly the expected events`, () => {
    const { events, expected } = runCase(dir, createPortVisitDetector);
    assert.deepEqual(compareWithExpected(events, expected), []);
  });
}

const REGR = join(SHARED_DATA, 'tracks', 'decoded', 'gfw_gpsdio_segment');

test('GFW regression track regr_416070900 (9 days alongside in Kaohsiung) is one port visit in Kaohsiung', { skip: NEEDS_SHARED }, async () => {
  const refdata = await bundledRefData();
  const events = new Feeder(refdata).add((ctx) => createPortVisitDetector(ctx)).feed(readGfwRegr(join(REGR, 'regr_416070900.json'), { tracks: 'mmsi' })).finish();
  assert.equal(events.length, 1, events.map((e) => `${e.start} ${String(e.details.port)}`).join('; '));
  const [visit] = events;
  assert.ok(visit);
  assert.equal(visit.details.country, 'TW');
  assert.match(String(visit.details.port_name), /^Kaoh?siung$/);
  assert.ok((visit.details.duration_hours as number) > 200);
  assert.equal(visit.details.entry_observed, false);
  const port = refdata.ports.find((p) => p.id === visit.details.port);
  assert.ok(port && haversineM(visit.lat, visit.lon, port.lat, port.lon) <= port.radius_m * PORT_VISIT_DEFAULTS.exitRadiusFactor);
});

test('the Baltic feeder regr_209515000 makes port visits only in real ports, Rotterdam and Kiel among them', { skip: NEEDS_SHARED }, async () => {
  const refdata = await bundledRefData();
  const events = new Feeder(refdata).add((ctx) => createPortVisitDetector(ctx)).feed(readGfwRegr(join(REGR, 'regr_209515000.json'), { tracks: 'mmsi' })).finish();
  assert.ok(events.length >= 3, `${events.length} visits`);
  for (const e of events) {
    const port = refdata.ports.find((p) => p.id === e.details.port);
    assert.ok(port, `unknown port ${String(e.details.port)}`);
    assert.ok(haversineM(e.lat, e.lon, port.lat, port.lon) <= port.radius_m * PORT_VISIT_DEFAULTS.exitRadiusFactor, `${port.name}: visit position outside the port`);
  }
  const names = events.map((e) => String(e.details.port_name));
  assert.ok(names.includes('Rotterdam') && names.includes('Kiel'), names.join(', '));
  // One stay is one visit: visits of one track never overlap in time.
  const sorted = [...events].sort((a, b) => (a.start < b.start ? -1 : 1));
  for (let i = 1; i < sorted.length; i++) assert.ok((sorted[i]?.start ?? '') >= (sorted[i - 1]?.end ?? ''), 'overlapping visits');
});

test('hysteresis keeps one visit while the vessel swings between the entry and exit radius', () => {
  const refdata = literalRefData({ ports: [{ id: 'P', name: 'P', lat: 0, lon: 0, radius_m: 3000 }] });
  const t0 = Date.UTC(2024, 0, 1);
  const recs: FixRecord[] = [];
  let t = t0;
  const at = (metresNorth: number, speed: number, n: number): void => {
    for (let i = 0; i < n; i++, t += 600_000) recs.push({ time: t, mmsi: 7, lat: metresNorth / 111_195, lon: 0, speed });
  };
  at(10_000, 10, 3);
  at(2_500, 0, 12); // in port, stopped
  at(3_500, 0.1, 6); // beyond 3 km, within 4 km: still in port
  at(2_500, 0, 12);
  at(10_000, 10, 3);
  const one = new Feeder(refdata).add((ctx) => createPortVisitDetector(ctx)).feed(recs).finish();
  assert.equal(one.length, 1);
  assert.equal(one[0]?.details.gfw_confidence, 4);
  const two = new Feeder(refdata).add((ctx) => createPortVisitDetector(ctx, { exitRadiusFactor: 1 })).feed(recs).finish();
  assert.equal(two.length, 2, 'without hysteresis the swing splits the stay');
});

test('a port transit is reported only when the minimum confidence level is lowered to 1', () => {
  const dir = join(FIXTURES, 'scenarios', 'port_visit', 'passing_by');
  assert.equal(runCase(dir, createPortVisitDetector).events.length, 0);
  const { events } = runCase(dir, (ctx) => createPortVisitDetector(ctx, { minConfidenceLevel: 1, minStayMinutes: 0 }));
  assert.equal(events.length, 1);
  assert.equal(events[0]?.confidence, 0.25);
});

test('a user port over the bundled Kaohsiung ports wins where it matches best, and the stay stays one visit', { skip: NEEDS_SHARED }, async () => {
  const bundled = await bundledRefData();
  const user: Port = { id: 'user-kaohsiung-fishing', name: 'Kaohsiung Fishing Harbour', lat: 22.5674, lon: 120.3143, radius_m: 1500, tags: ['user'], source: 'user' };
  const refdata = createRefData({ ports: [user, ...bundled.ports] });
  const events = new Feeder(refdata).add((ctx) => createPortVisitDetector(ctx)).feed(readGfwRegr(join(REGR, 'regr_416070900.json'), { tracks: 'mmsi' })).finish();
  assert.equal(events.length, 1);
  assert.equal(events[0]?.details.port, 'user-kaohsiung-fishing');
  assert.ok((events[0]?.details.other_ports as string[]).length > 0, 'the bundled definitions are named as the other ports');
});
