import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LivePicture, inBBox } from './live-picture.js';
import type { BBox, VesselRecord } from '../store/store.js';
import type { Track } from '../track/types.js';

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

test('fixes are read back as they were given, through every reading method, and older fixes do not move a vessel back', () => {
  const live = new LivePicture();
  live.load([{ mmsi: 1, first_seen: 0, last_seen: 5, fixes: 3, lat: 10, lon: 20, fix_time: 5, speed: 4, status: 7, name: 'ONE' }]);
  const track = (mmsi: number, fixes: number, lastSeen: number): Track => ({ mmsi, identity: { mmsi }, first_seen: 0, last_seen: lastSeen, fixes } as unknown as Track);
  live.fix(track(1, 4, 10), { time: 10, lat: 11, lon: 21, course: 90 });
  live.fix(track(2, 1, 12), { time: 12, lat: -5, lon: 100, speed: 1, course: 2, heading: 3, status: 0 });
  // Older than the vessel's latest: last_seen and fixes only.
  live.fix(track(2, 2, 12), { time: 11, lat: 50, lon: 50 });
  const one = live.get(1)!;
  assert.deepEqual([one.lat, one.lon, one.fix_time, one.speed, one.course, one.heading, one.status, one.last_seen, one.fixes, one.name], [11, 21, 10, undefined, 90, undefined, 7, 10, 4, 'ONE']);
  const two = live.query({ bbox: [99, -6, 101, -4], limit: 10 });
  assert.deepEqual(two.map((v) => [v.mmsi, v.lat, v.lon, v.fix_time, v.speed, v.course, v.heading, v.status, v.last_seen, v.fixes]), [[2, -5, 100, 12, 1, 2, 3, 0, 12, 2]]);
  assert.equal(live.query({ bbox: [9, 9, 12, 12], limit: 10 }).length, 0, 'vessel 1 left its old cell');
  assert.deepEqual(live.takeDirty().map((v) => [v.mmsi, v.lat]).sort(), [[1, 11], [2, -5]]);
  assert.equal(JSON.parse(live.jsonOf(live.get(2)!)).position.lat, -5);
  live.fix(track(2, 3, 20), { time: 20, lat: -6, lon: 101 });
  assert.deepEqual([...live.all()].map((v) => [v.mmsi, v.lat, v.speed, v.status]), [[1, 11, undefined, 7], [2, -6, undefined, 0]]);
});

test('the cached JSON follows fixes and identity changes; fixAt with a known slot equals fix; a reload replaces a slot', () => {
  const live = new LivePicture();
  const track = (mmsi: number, fixes: number, name?: string): Track => ({ mmsi, identity: name === undefined ? { mmsi } : { mmsi, name, class: 'A' }, first_seen: 0, last_seen: 0, fixes } as unknown as Track);
  live.fix(track(7, 1), { time: 1, lat: 1, lon: 1 });
  const k = live.lastSlot;
  const a = JSON.parse(live.jsonOf(live.get(7)!)) as { position: { lat: number }; name?: string };
  assert.equal(a.position.lat, 1);
  assert.equal(a.name, undefined);
  live.fixAt(k, track(7, 2, 'SEVEN'), { time: 2, lat: 2, lon: 1 });
  const b = JSON.parse(live.jsonOf(live.get(7)!)) as { position: { lat: number }; name?: string; fixes: number };
  assert.deepEqual([b.position.lat, b.name, b.fixes], [2, 'SEVEN', 2]);
  assert.equal(live.slotOf(7), k);
  assert.equal(live.slotOf(8), -1);
  live.identity({ ...track(7, 2), identity: { mmsi: 7, name: 'RENAMED' }, last_seen: 5 });
  const c = JSON.parse(live.jsonOf(live.get(7)!)) as { name: string; last_seen: string };
  assert.deepEqual([c.name, c.last_seen], ['RENAMED', new Date(5).toISOString()]);
  live.fix(track(7, 3), { time: 3, lat: 3, lon: 1 });
  live.load([{ mmsi: 7, first_seen: 0, last_seen: 9, fixes: 9, lat: 40, lon: 40, fix_time: 9 }]);
  const d = live.get(7)!;
  assert.deepEqual([d.lat, d.fix_time, d.fixes, d.name], [40, 9, 9, undefined]);
  assert.deepEqual(live.query({ bbox: [39, 39, 41, 41], limit: 5 }).map((v) => v.mmsi), [7]);
  assert.equal(live.query({ bbox: [0, 0, 4, 4], limit: 5 }).length, 0);
});

test('a late position lists a vessel heard only late, and moves a known vessel only when newer than its position', () => {
  const live = new LivePicture();
  const track = (mmsi: number, fixes: number, lastSeen: number): Track => ({ mmsi, identity: { mmsi }, first_seen: 100, last_seen: lastSeen, fixes } as unknown as Track);
  live.fix(track(1, 5, 100), { time: 100, lat: 10, lon: 20 });
  // Heard only in a satellite pass: listed, in the grid, no fix counted by the analysis.
  live.lateFix(2, { time: 50, lat: -30, lon: 60, speed: 12, course: 45 });
  // Vessel 1: an older late position does not move it back but widens first_seen.
  live.lateFix(1, { time: 40, lat: 11, lon: 21 });
  assert.deepEqual(live.query({ bbox: [59, -31, 61, -29], limit: 10 }).map((v) => [v.mmsi, v.lat, v.lon, v.speed, v.course, v.fix_time, v.first_seen, v.last_seen, v.fixes]), [[2, -30, 60, 12, 45, 50, 50, 50, 0]]);
  const one = live.get(1)!;
  assert.deepEqual([one.lat, one.lon, one.fix_time, one.first_seen, one.last_seen, one.fixes], [10, 20, 100, 40, 100, 5]);
  // A late position newer than what the vessel has (its live fixes are older) moves it.
  live.lateFix(2, { time: 70, lat: -31, lon: 61 });
  assert.deepEqual([live.get(2)!.lat, live.get(2)!.fix_time, live.get(2)!.last_seen], [-31, 70, 70]);
  assert.deepEqual(live.takeDirty().map((v) => v.mmsi).sort(), [1, 2]);
});
