import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32 as rng } from './prng.js';
import { bearingDeg, boxDegrees, deltaLon, destination, fastDistanceM, haversineM, METRES_PER_DEGREE, wrapLon } from './distance.js';


/** Vincenty's formula on the sphere: an independent exact great-circle reference. */
function vincentySphereM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const p1 = lat1 * r, p2 = lat2 * r, dl = (lon2 - lon1) * r;
  const y = Math.hypot(Math.cos(p2) * Math.sin(dl), Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl));
  const x = Math.sin(p1) * Math.sin(p2) + Math.cos(p1) * Math.cos(p2) * Math.cos(dl);
  return Math.atan2(y, x) * 6_371_008.8;
}

test('haversine gives one degree of latitude as 111.2 km and London–Paris as 343.9 km', () => {
  assert.ok(Math.abs(haversineM(0, 0, 1, 0) - 111_195) < 1);
  assert.ok(Math.abs(haversineM(51.5074, -0.1278, 48.8566, 2.3522) - 343_900) < 1000);
});

test('haversine agrees with an independent exact formula to a millimetre per kilometre', () => {
  const r = rng(1);
  for (let i = 0; i < 2000; i++) {
    const a = [r() * 180 - 90, r() * 360 - 180], b = [r() * 180 - 90, r() * 360 - 180];
    const h = haversineM(a[0], a[1], b[0], b[1]), v = vincentySphereM(a[0], a[1], b[0], b[1]);
    assert.ok(Math.abs(h - v) <= 1e-6 * v + 0.01, `${a.join(",")} ${b.join(",")}: ${h} vs ${v}`);
  }
});

test('the fast local distance stays within its stated error bounds against haversine', () => {
  const r = rng(2);
  let worst100 = 0, worst500 = 0;
  for (let i = 0; i < 20000; i++) {
    const near = i % 2 === 0;
    const lat = (r() * 2 - 1) * (near ? 80 : 70);
    const lon = r() * 360 - 180;
    const p = destination(lat, lon, r() * 360, r() * (near ? 100_000 : 500_000));
    if (Math.abs(p.lat) > (near ? 80 : 70)) continue;
    const h = haversineM(lat, lon, p.lat, p.lon);
    if (h < 1) continue;
    const err = Math.abs(fastDistanceM(lat, lon, p.lat, p.lon) - h) / h;
    if (near) worst100 = Math.max(worst100, err); else worst500 = Math.max(worst500, err);
  }
  assert.ok(worst100 < 0.001, `worst relative error up to 100 km: ${worst100}`);
  assert.ok(worst500 < 0.005, `worst relative error up to 500 km: ${worst500}`);
});

test('distances across the antimeridian take the short way round', () => {
  assert.ok(Math.abs(haversineM(0, 179.9, 0, -179.9) - 0.2 * METRES_PER_DEGREE) < 1);
  assert.ok(Math.abs(fastDistanceM(0, 179.9, 0, -179.9) - 0.2 * METRES_PER_DEGREE) < 1);
  assert.equal(deltaLon(179, -179), 2);
  assert.equal(deltaLon(-179, 179), -2);
  assert.equal(wrapLon(190), -170);
  assert.equal(wrapLon(-190), 170);
  assert.equal(wrapLon(180), -180);
});

test('zero-length and pole-ward distances are finite and right', () => {
  assert.equal(haversineM(12.3, 45.6, 12.3, 45.6), 0);
  assert.equal(fastDistanceM(12.3, 45.6, 12.3, 45.6), 0);
  // At the pole every longitude is the same point.
  assert.ok(haversineM(90, 0, 90, 123) < 1e-6);
  assert.ok(Math.abs(haversineM(90, 0, 89, 123) - 111_195) < 1);
});

test('destination and bearing invert each other', () => {
  const p = destination(35, 129, 45, 100_000);
  assert.ok(Math.abs(haversineM(35, 129, p.lat, p.lon) - 100_000) < 0.01);
  assert.ok(Math.abs(bearingDeg(35, 129, p.lat, p.lon) - 45) < 1e-6);
  const q = destination(0, 179.5, 90, 111_195);
  assert.ok(Math.abs(q.lon - -179.5) < 1e-6);
});

test('a search box covers every point of the circle, and the whole parallel near a pole', () => {
  const r = rng(3);
  for (let i = 0; i < 2000; i++) {
    const lat = r() * 170 - 85, radius = r() * 800_000;
    const { dLat, dLon } = boxDegrees(lat, radius);
    const p = destination(lat, 0, r() * 360, radius * r());
    assert.ok(Math.abs(p.lat - lat) <= dLat + 1e-9 && Math.abs(deltaLon(0, p.lon)) <= dLon + 1e-9);
  }
  assert.equal(boxDegrees(89.9, 50_000).dLon, 180);
});
