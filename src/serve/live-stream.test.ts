import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MovedCells, columnarSnapshot, liveVessel } from './live-stream.js';
import { inBBox } from './live-picture.js';
import type { BBox, VesselRecord } from '../store/store.js';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => (a = (Math.imul(a, 1664525) + 1013904223) >>> 0) / 4294967296;
}

test('a commit\'s positions selected by cells are exactly the vessels inside each viewport', () => {
  const r = rng(11);
  const moved: VesselRecord[] = Array.from({ length: 4000 }, (_, i) => ({
    mmsi: 200_000_000 + i, first_seen: 0, last_seen: 0, fixes: 1, fix_time: i,
    lat: -90 + r() * 180, lon: -180 + r() * 360, ...(i % 3 ? { name: `V "${i}"` } : {}),
  }));
  // Edges, cell borders, out-of-range positions and a vessel without a position.
  for (const [lat, lon] of [[90, 180], [-90, -180], [0, 0], [10, 10], [-10, 170], [45, -180], [95, 10], [10, 190], [Number.NaN, 0]]) {
    moved.push({ mmsi: 100 + moved.length, first_seen: 0, last_seen: 0, fixes: 1, lat, lon, fix_time: 1 });
  }
  moved.push({ mmsi: 99, first_seen: 0, last_seen: 0, fixes: 1 });
  const cells = new MovedCells(moved);
  const boxes: (BBox | undefined)[] = [undefined, [-180, -90, 180, 90], [0, 0, 10, 10], [-10, -10, 30, 20], [170, -40, -170, 40], [5.5, -5, 5.2, 5], [179.5, 89, 180, 90], [-180, -90, -179, -89], [10, 10, 10, 10]];
  for (let k = 0; k < 200; k++) {
    const w = -180 + r() * 360;
    const s = -90 + r() * 170;
    boxes.push([w, s, r() < 0.2 ? -180 + r() * 360 : Math.min(180, w + r() * 120), Math.min(90, s + r() * 60)]);
  }
  for (const b of boxes) {
    const expected = moved.filter((v) => v.lat !== undefined && v.lon !== undefined && (!b || inBBox(v.lat, v.lon, b))).map((v) => JSON.stringify(liveVessel(v))).sort();
    const text = cells.select(b);
    const got = text === '' ? [] : (JSON.parse(`[${text}]`) as unknown[]).map((x) => JSON.stringify(x)).sort();
    assert.deepEqual(got, expected, `bbox ${b?.join(',') ?? 'none'}`);
  }
});

test('the columnar snapshot holds the same vessels and fields as the object form (positions to 1e-5°)', () => {
  const r = rng(23);
  const vessels: VesselRecord[] = Array.from({ length: 3000 }, (_, i) => ({
    mmsi: 300_000_000 + i, first_seen: 0, last_seen: 0, fixes: 1, fix_time: 1_764_000_000_000 + i,
    lat: -90 + r() * 180, lon: -180 + r() * 360,
    ...(i % 2 ? { speed: Math.round(r() * 300) / 10, course: Math.round(r() * 3600) / 10 } : {}),
    ...(i % 5 ? { heading: i % 360, ship_type: 70 + (i % 20), status: i % 9 } : {}),
    ...(i % 3 ? { name: `V "${i}" é`, flag: 'NO', class: 'A' as const } : {}),
  }));
  vessels.push({ mmsi: 99, first_seen: 0, last_seen: 0, fixes: 1 });
  for (const bbox of [undefined, [-20, -30, 60, 40] as BBox, [170, -40, -170, 40] as BBox]) {
    const m = JSON.parse(columnarSnapshot(vessels, bbox, 7)) as Record<string, unknown[]> & { type: string; cursor: number; format: string; count: number };
    assert.equal(m.type, 'snapshot');
    assert.equal(m.cursor, 7);
    assert.equal(m.format, 'columns');
    const expected = vessels.filter((v) => v.lat !== undefined && v.lon !== undefined && (!bbox || inBBox(v.lat, v.lon, bbox))).map(liveVessel);
    assert.equal(m.count, expected.length);
    const fields = ['mmsi', 'lat', 'lon', 'time', 'speed', 'course', 'heading', 'ship_type', 'status', 'name', 'flag', 'class'];
    for (const f of fields) assert.equal(m[f].length, m.count, f);
    const got = m.mmsi.map((_, i) => {
      const o: Record<string, unknown> = {};
      for (const f of fields) if (m[f][i] !== null) o[f] = m[f][i];
      return o;
    });
    const round = (o: Record<string, unknown>): Record<string, unknown> => ({ ...o, lat: Math.round((o.lat as number) * 1e5) / 1e5, lon: Math.round((o.lon as number) * 1e5) / 1e5 });
    assert.deepEqual(got, expected.map(round));
    assert.ok(m.count > 0);
  }
  assert.equal((JSON.parse(columnarSnapshot(vessels, undefined, 0, 10)) as { count: number }).count, 10);
});
