import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Feeder, literalRefData, type FixRecord } from '../../test/support/movement.js';
import { createIdentityAnomalyDetector } from './identity-anomaly.js';

test('an IMO claimed by several MMSIs at once: each pair is reported once, also after a track leaves the IMO and comes back', () => {
  const t0 = Date.UTC(2024, 0, 1);
  const [imo1, imo2] = [9074729, 9176187];
  const recs: FixRecord[] = [];
  const at = (i: number, mmsi: number, imo: number): FixRecord => ({ time: t0 + i * 300_000, mmsi, lat: 10 + mmsi / 100, lon: 100 + i * 0.001, speed: 10, imo });
  // Three MMSIs claim imo1 for two hours; then 257000003 claims imo2 with 257000004 for two hours; then imo1 again.
  for (let i = 0; i < 24; i++) for (const m of [257000001, 257000002, 257000003]) recs.push(at(i, m, imo1));
  for (let i = 24; i < 48; i++) {
    for (const m of [257000001, 257000002]) recs.push(at(i, m, imo1));
    for (const m of [257000003, 257000004]) recs.push(at(i, m, imo2));
  }
  for (let i = 48; i < 72; i++) for (const m of [257000001, 257000002, 257000003]) recs.push(at(i, m, imo1));
  const events = new Feeder(literalRefData()).add((ctx) => createIdentityAnomalyDetector(ctx)).feed(recs).finish();
  const conflicts = events.filter((e) => e.details.kind === 'imo_conflict').map((e) => `${String(e.details.imo_reported)} ${e.mmsi}/${String(e.details.other_mmsi)}`);
  assert.deepEqual(conflicts.sort(), [
    `${imo1} 257000002/257000001`,
    `${imo1} 257000003/257000001`,
    `${imo1} 257000003/257000002`,
    `${imo2} 257000004/257000003`,
  ]);
});
