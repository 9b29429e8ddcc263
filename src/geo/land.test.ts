import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LandIndex } from './land.js';
import { mulberry32 } from './prng.js';

/** A jagged island around (cx, cy), as a flat lon/lat ring. */
function island(r: () => number, cx: number, cy: number, size: number, n: number): Float64Array {
  const ring = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const a = (i / n) * 2 * Math.PI;
    const rad = size * (0.5 + 0.5 * r());
    ring[2 * i] = cx + rad * Math.cos(a);
    ring[2 * i + 1] = cy + rad * Math.sin(a);
  }
  return ring;
}

test('repeated and evicted queries get the answers a fresh index gives (the answer caches are exact)', () => {
  const r = mulberry32(21);
  const rings = [island(r, 10, 50, 1, 300), island(r, 11.5, 50.5, 0.5, 200), island(r, -179.5, -17, 0.4, 100)];
  const index = new LandIndex(rings);
  const points: [number, number, number][] = [];
  for (let i = 0; i < 30_000; i++) {
    const [cx, cy] = i % 3 === 2 ? [-179.5, -17] : [10.5, 50.2];
    points.push([cy + (r() - 0.5) * 3, cx + (r() - 0.5) * 4, [1e6, 5e4][i % 2]]);
  }
  // The reference: another index asked once per (distinct) point, so every answer is computed.
  const fresh = new LandIndex(rings);
  const onLand = points.map(([lat, lon]) => fresh.isOnLand(lat, lon));
  const coast = points.slice(0, 3000).map(([lat, lon, max]) => fresh.distanceToCoastM(lat, lon, max));
  // Ask again and again, in an order that revisits points near and far apart in time.
  for (let round = 0; round < 3; round++) {
    for (let k = 0; k < points.length; k++) {
      const i = round === 1 ? (k * 7919) % points.length : k;
      const [lat, lon, max] = points[i];
      assert.equal(index.isOnLand(lat, lon), onLand[i], `isOnLand ${lat},${lon}`);
      if (i < 3000) assert.equal(index.distanceToCoastM(lat, lon, max), coast[i], `distanceToCoastM ${lat},${lon}`);
    }
  }
});
