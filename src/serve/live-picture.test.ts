import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LivePicture, inBBox } from './live-picture.js';
import type { BBox, VesselRecord } from '../store/store.js';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
}

test('viewport answers from the grid list the same vessels in the same order as a scan of every vessel', () => {
  const r = rng(5);
  const live = new LivePicture();
  const records: VesselRecord[] = Array.from({ length: 3000 }, (_, i) => {
    const v: VesselRecord = { mmsi: 200_000_000 + ((i * 7919) % 3000), first_seen: 0, last_seen: i, fixes: 1 };
    if (i % 50 !== 0) { v.lat = -90 + r() * 180; v.lon = -180 + r() * 360; }
    if (i === 1) { v.lat = 90; v.lon = 180; }
    if (i === 2) { v.lat = -90; v.lon = -180; }
    return v;
  });
  live.load(records);
  // Move a third of them (a second load replaces the records in place: the order stays).
  live.load(records.filter((_, i) => i % 3 === 0).map((v) => ({ ...v, lat: -80 + r() * 160, lon: -180 + r() * 360 })));
  const all = [...live.all()];
  const boxes: BBox[] = [[-10, -10, 30, 20], [170, -40, -170, 40], [179.5, 89, 180, 90], [-180, -90, -179, -89], [-180, -90, 180, 90], [5, 0, 6, 1], [100, -5, 140, 25]];
  for (let k = 0; k < 40; k++) { const w = -180 + r() * 360; const s = -90 + r() * 150; boxes.push([w, s, Math.min(180, w + r() * 60), s + r() * 30]); }
  for (const b of boxes) {
    const expected = all.filter((v) => v.lat !== undefined && v.lon !== undefined && inBBox(v.lat, v.lon, b)).map((v) => v.mmsi);
    assert.deepEqual(live.query({ bbox: b, limit: 100_000 }).map((v) => v.mmsi), expected, `bbox ${b.join(',')}`);
  }
  assert.ok(live.query({ bbox: [-10, -10, 30, 20], limit: 100_000 }).length > 0);
});
