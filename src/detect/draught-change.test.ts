import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { FIXTURES } from '../../test/support/paths.js';
import { Feeder, compareWithExpected, literalRefData, runCase, scenarioCases, type FixRecord } from '../../test/support/movement.js';
import { createDraughtChangeDetector, DRAUGHT_CHANGE_DEFAULTS } from './draught-change.js';

for (const dir of scenarioCases(join(FIXTURES, 'scenarios', 'draught_change'))) {
  test(`draught_change golden case ${basename(dir)} raises exactly the expected events`, () => {
    const { events, expected } = runCase(dir, createDraughtChangeDetector);
    assert.deepEqual(compareWithExpected(events, expected), []);
  });
}

const SCENARIOS = join(FIXTURES, 'scenarios', 'draught_change');

test('a draught change carries before/after, position, the context before it and its thresholds', () => {
  const [e] = runCase(join(SCENARIOS, 'offshore_loading'), createDraughtChangeDetector).events;
  assert.ok(e);
  assert.equal(e.details.change_m, 4.6);
  assert.ok((e.details.stop as { hours: number }).hours > 8.9);
  assert.equal(e.details.reported_at, '2024-03-01T12:00:00.000Z');
  assert.deepEqual(e.details.params, { minChangeM: 0.5, persistHours: 1, portGraceHours: 24, minPortDistanceM: 10_000 });
  assert.ok(e.details.position);
  assert.ok(e.confidence >= 0.8);
});

test('the minimum change is configurable: 0.3 m counts when the threshold is 0.2 m', () => {
  const dir = join(SCENARIOS, 'small_change');
  assert.equal(runCase(dir, createDraughtChangeDetector).events.length, 0);
  const [e] = runCase(dir, (ctx) => createDraughtChangeDetector(ctx, { minChangeM: 0.2 })).events;
  assert.equal(e?.details.change_m, 0.3);
  assert.equal(e?.details.direction, 'loading');
  assert.equal(DRAUGHT_CHANGE_DEFAULTS.minChangeM, 0.5);
});

test('a discharge followed by a port call within the grace period is explained by the port', () => {
  const refdata = literalRefData({ ports: [{ id: 'P', name: 'P', lat: 10.5, lon: 100, radius_m: 3000 }] });
  const t0 = Date.UTC(2024, 0, 1);
  const recs: FixRecord[] = [];
  for (let i = 0; i < 30; i++) recs.push({ time: t0 + i * 1_800_000, mmsi: 3, lat: 10 + i * 0.0175, lon: 100, speed: 2, ...(i === 0 ? { draught: 12 } : i === 4 ? { draught: 8 } : {}) });
  assert.equal(new Feeder(refdata).add((ctx) => createDraughtChangeDetector(ctx)).feed(recs).finish().length, 0);
  assert.equal(new Feeder(literalRefData()).add((ctx) => createDraughtChangeDetector(ctx)).feed(recs).finish().length, 1);
});
