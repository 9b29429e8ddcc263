import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PointGrid, bearingDeg, compassName, destination, haversineM, oppositeCompass } from './spatial-grid.js';

test('haversine distances are correct across the antimeridian and along a meridian', () => {
  assert.ok(Math.abs(haversineM(0, 179.9, 0, -179.9) - 22_239) < 5);
  assert.ok(Math.abs(haversineM(0, 0, 1, 0) - 111_195) < 5);
  const p = destination(45, 179.9, 90, 20_000);
  assert.ok(p.lon < -179 && p.lon > -180);
  assert.ok(Math.abs(haversineM(45, 179.9, p.lat, p.lon) - 20_000) < 1);
});

test('compass names and their opposites name the sense of a bearing', () => {
  assert.equal(compassName(bearingDeg(10, 0, 9, 0)), 'south');
  assert.equal(compassName(44), 'north-east');
  assert.equal(oppositeCompass('north-east'), 'south-west');
});

test('the point grid finds neighbours across the antimeridian and forgets moved keys', () => {
  const item = (lat: number, lon: number): { lat: number; lon: number; cell: number } => ({ lat, lon, cell: -1 });
  const g = new PointGrid<{ lat: number; lon: number; cell: number }>(0.02);
  const a = item(52, 179.999);
  const b = item(52, -179.999);
  g.set('a', a);
  g.set('b', b);
  g.set('c', item(52, -179.9));
  assert.deepEqual(g.near(52, 179.999, 500).map((n) => n.key), ['a', 'b']);
  b.lat = 10;
  b.lon = 10;
  g.set('b', b);
  assert.deepEqual(g.near(52, 179.999, 500).map((n) => n.key), ['a']);
  assert.equal(g.size, 3);
  g.delete('a', a);
  assert.equal(g.size, 2);
});

test('nearInto and candidatesInto find exactly the items within the radius, wherever they are and however they moved', () => {
  type Item = { lat: number; lon: number; cell: number; id: number };
  let seed = 99;
  const rand = (): number => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  for (const cellDeg of [0.05, 0.5, 0.02]) {
    const g = new PointGrid<Item>(cellDeg);
    const items: Item[] = [];
    // Clusters near the antimeridian, a pole, the equator, plus invalid latitudes (kept aside).
    const centres = [[52, 179.99], [89.95, 10], [-89.97, -170], [0.01, -0.01], [60, 5]];
    const place = (it: Item): void => {
      const [clat, clon] = centres[Math.floor(rand() * centres.length)];
      it.lat = Math.max(-90, Math.min(90, clat + (rand() - 0.5) * 0.2));
      it.lon = ((clon + (rand() - 0.5) * 0.4 + 540) % 360) - 180;
      if (rand() < 0.02) it.lat = 95 + rand();
    };
    for (let i = 0; i < 400; i++) {
      const it: Item = { lat: 0, lon: 0, cell: -1, id: i };
      place(it);
      items.push(it);
      g.set(String(i), it);
    }
    const found: Item[] = [];
    const dist: number[] = [];
    for (let round = 0; round < 30; round++) {
      for (let k = 0; k < 40; k++) {
        const it = items[Math.floor(rand() * items.length)];
        if (rand() < 0.2) g.delete(String(it.id), it);
        else {
          place(it);
          g.set(String(it.id), it);
        }
      }
      for (let q = 0; q < 20; q++) {
        const probe: Item = { lat: 0, lon: 0, cell: -1, id: -1 };
        place(probe);
        const radius = [500, 3852, 20_000][q % 3];
        const n = g.nearInto(probe.lat, probe.lon, radius, found, dist);
        const got = found.slice(0, n).map((x) => x.id).sort((a, b) => a - b);
        const want = items.filter((x) => x.cell !== -1 && haversineM(probe.lat, probe.lon, x.lat, x.lon) <= radius).map((x) => x.id).sort((a, b) => a - b);
        assert.deepEqual(got, want, `cell ${cellDeg}, query ${probe.lat},${probe.lon} r ${radius}`);
        for (let i = 0; i < n; i++) assert.equal(dist[i], haversineM(probe.lat, probe.lon, found[i].lat, found[i].lon));
        assert.deepEqual(g.near(probe.lat, probe.lon, radius).map((x) => x.item.id).sort((a, b) => a - b), want);
        // candidatesInto: the same items once filtered by the exact distance (a superset, no repeats).
        const m = g.candidatesInto(probe, radius, found);
        const cands = found.slice(0, m);
        assert.equal(new Set(cands).size, m);
        assert.deepEqual(cands.filter((x) => haversineM(probe.lat, probe.lon, x.lat, x.lon) <= radius).map((x) => x.id).sort((a, b) => a - b), want);
      }
    }
    assert.equal(g.size, items.filter((x) => x.cell !== -1).length);
  }
});
