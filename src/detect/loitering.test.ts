import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { FIXTURES } from '../../test/support/paths.js';
import { Feeder, compareWithExpected, literalRefData, runCase, scenarioCases, type FixRecord } from '../../test/support/movement.js';
import type { Track } from '../track/types.js';
import type { LookoutEvent } from './event.js';
import { createLoiteringDetector, LOITERING_DEFAULTS } from './loitering.js';

for (const dir of scenarioCases(join(FIXTURES, 'scenarios', 'loitering'))) {
  test(`loitering golden case ${basename(dir)} raises exactly the expected events`, () => {
    const { events, expected } = runCase(dir, createLoiteringDetector);
    assert.deepEqual(compareWithExpected(events, expected), []);
  });
}

const SCENARIOS = join(FIXTURES, 'scenarios', 'loitering');

test('loitering evidence gives duration, distance, average speed, shore distance, context and thresholds', () => {
  const [e] = runCase(join(SCENARIOS, 'offshore_drift'), createLoiteringDetector).events;
  assert.ok(e);
  const d = e.details;
  assert.equal(d.context, 'offshore');
  assert.equal(d.duration_hours, 8);
  assert.ok((d.avg_speed_knots as number) < 2);
  assert.ok((d.avg_shore_distance_nm as number) >= LOITERING_DEFAULTS.minShoreDistanceNm);
  assert.ok(d.start_position && d.end_position);
  assert.deepEqual(d.params, { maxSpeedKnots: 2, minDurationHours: 4, minShoreDistanceNm: 20, anchoragePortDistanceM: 20_000 });
  assert.ok(e.confidence >= 0.8);
});

test('Miller 2018 settings (8 h) drop a 6 h nearshore drift, and nearshore reporting can be switched off', () => {
  const dir = join(SCENARIOS, 'nearshore');
  assert.equal(runCase(dir, createLoiteringDetector).events.length, 1);
  assert.equal(runCase(dir, (ctx) => createLoiteringDetector(ctx, { minDurationHours: 8 })).events.length, 0);
  assert.equal(runCase(dir, (ctx) => createLoiteringDetector(ctx, { reportNearshore: false })).events.length, 0);
});

test('offshore loitering outranks anchorage waiting in confidence', () => {
  const offshore = runCase(join(SCENARIOS, 'offshore_drift'), createLoiteringDetector).events[0];
  const anchorage = runCase(join(SCENARIOS, 'anchorage_queue'), createLoiteringDetector).events[0];
  assert.ok(offshore && anchorage);
  assert.ok(offshore.confidence > anchorage.confidence);
});

test('a silence longer than maxSilenceHours splits slow periods instead of bridging them', () => {
  const t0 = Date.UTC(2024, 0, 1);
  const recs: FixRecord[] = [];
  for (let i = 0; i <= 60; i++) recs.push({ time: t0 + i * 300_000, mmsi: 5, lat: 20, lon: 140 + i * 1e-5 });
  for (let i = 0; i <= 60; i++) recs.push({ time: t0 + 12 * 3_600_000 + i * 300_000, mmsi: 5, lat: 20, lon: 140 + i * 1e-5 });
  const events = new Feeder(literalRefData()).add((ctx) => createLoiteringDetector(ctx)).feed(recs).finish();
  assert.equal(events.length, 2);
  assert.ok(events.every((e) => (e.details.duration_hours as number) <= 5.1));
});

test('a loitering run whose track falls silent is reported on a later tick, before the end of input', () => {
  const t0 = Date.UTC(2024, 0, 1);
  const events: LookoutEvent[] = [];
  const det = createLoiteringDetector({ refdata: literalRefData(), emit: (e) => events.push(e) });
  const track: Track = { track_id: '6', mmsi: 6, identity: { mmsi: 6 }, last: undefined, first_seen: t0, last_seen: t0, fixes: 0 };
  for (let i = 0; i <= 72; i++) det.position(track, { time: t0 + i * 300_000, lat: 20, lon: 140 + i * 1e-5 });
  det.tick?.(t0 + 8 * 3_600_000);
  assert.equal(events.length, 0, 'not yet: the silence is shorter than maxSilenceHours');
  det.tick?.(t0 + 13 * 3_600_000);
  assert.equal(events.length, 1);
  det.finish();
  assert.equal(events.length, 1, 'emitted once');
});
