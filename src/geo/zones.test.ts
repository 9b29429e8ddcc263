import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32 } from './prng.js';
import { ZoneIndex } from './zones.js';
import { createRefData, zonesAtWithinOf } from './refdata.js';
import type { Ring, Zone, ZoneGeometry } from './types.js';

const box = (x0: number, y0: number, x1: number, y1: number): Ring => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const zone = (id: string, geometry: ZoneGeometry): Zone => ({ id, name: id, kind: 'area', geometry, tags: [], source: 'test' });

test('a point is in every zone that contains it, and in no other', () => {
  const idx = new ZoneIndex([
    zone('a', { type: 'Polygon', coordinates: [box(0, 0, 10, 10)] }),
    zone('b', { type: 'Polygon', coordinates: [box(5, 5, 15, 15)] }),
  ]);
  assert.deepEqual(idx.zonesAt(7, 7).map((z) => z.id), ['a', 'b']);
  assert.deepEqual(idx.zonesAt(2, 2).map((z) => z.id), ['a']);
  assert.deepEqual(idx.zonesAt(12, 12).map((z) => z.id), ['b']);
  assert.deepEqual(idx.zonesAt(-1, -1), []);
});

test('holes and multipolygon parts are honoured', () => {
  const idx = new ZoneIndex([
    zone('donut', { type: 'Polygon', coordinates: [box(0, 0, 10, 10), box(4, 4, 6, 6)] }),
    zone('pair', { type: 'MultiPolygon', coordinates: [[box(20, 0, 21, 1)], [box(30, 0, 31, 1)]] }),
  ]);
  assert.equal(idx.zonesAt(5, 5).length, 0);
  assert.equal(idx.zonesAt(2, 2).length, 1);
  assert.equal(idx.zonesAt(0.5, 20.5)[0].id, 'pair');
  assert.equal(idx.zonesAt(0.5, 30.5)[0].id, 'pair');
  assert.equal(idx.zonesAt(0.5, 25).length, 0);
});

test('zones across the antimeridian work split (RFC 7946) or written past ±180', () => {
  const idx = new ZoneIndex([
    zone('split', { type: 'MultiPolygon', coordinates: [[box(170, -20, 180, -10)], [box(-180, -20, -170, -10)]] }),
    zone('unwrapped', { type: 'Polygon', coordinates: [box(170, 10, 190, 20)] }),
    zone('jumping', { type: 'Polygon', coordinates: [[[170, 30], [-170, 30], [-170, 40], [170, 40], [170, 30]]] }),
  ]);
  for (const lon of [175, 179.999, -180, -175]) {
    assert.deepEqual(idx.zonesAt(-15, lon).map((z) => z.id), ['split'], `split at ${lon}`);
    assert.deepEqual(idx.zonesAt(15, lon).map((z) => z.id), ['unwrapped'], `unwrapped at ${lon}`);
    assert.deepEqual(idx.zonesAt(35, lon).map((z) => z.id), ['jumping'], `jumping at ${lon}`);
  }
  assert.equal(idx.zonesAt(15, 165).length, 0);
  assert.equal(idx.zonesAt(35, -165).length, 0);
  assert.equal(idx.zonesAt(35, 0).length, 0);
});

test('a zone reaching a pole and out-of-range queries behave', () => {
  const idx = new ZoneIndex([zone('cap', { type: 'Polygon', coordinates: [box(-180, 80, 180, 90)] })]);
  assert.equal(idx.zonesAt(90, 0).length, 1);
  assert.equal(idx.zonesAt(85, 123).length, 1);
  assert.equal(idx.zonesAt(79, 0).length, 0);
  assert.equal(idx.zonesAt(91, 0).length, 0);
  assert.equal(idx.zonesAt(Number.NaN, 0).length, 0);
});

test('zonesAtWithin answers like zonesAt, and zonesAt agrees everywhere inside the box it reports', () => {
  // A jagged ring (many edges, many grid cells), a hole, overlapping and antimeridian zones.
  const jag: Ring = [];
  for (let k = 0; k <= 64; k++) {
    const a = (k / 64) * 2 * Math.PI;
    const r = 3 + (k % 2 === 0 ? 0.4 : -0.4);
    jag.push([20 + r * Math.cos(a), 10 + r * Math.sin(a)]);
  }
  jag[64] = jag[0];
  const idx = new ZoneIndex([
    zone('jag', { type: 'Polygon', coordinates: [jag] }),
    zone('donut', { type: 'Polygon', coordinates: [box(16, 6, 24, 14), box(19, 9, 21, 11)] }),
    zone('unwrapped', { type: 'Polygon', coordinates: [box(170, 10, 190, 20)] }),
  ]);
  const rand = mulberry32(7);
  const ids = (zs: readonly Zone[]): string => zs.map((z) => z.id).join(',');
  let cached = 0;
  for (let n = 0; n < 4000; n++) {
    const lat = n % 2 === 0 ? 4 + rand() * 12 : 8 + rand() * 14;
    const lon = n % 2 === 0 ? 14 + rand() * 12 : n % 4 === 1 ? 165 + rand() * 15 : -180 + rand() * 15;
    const b = { x: 0, y: 0, margin: 0 };
    const got = idx.zonesAtWithin(lat, lon, b);
    assert.equal(ids(got), ids(idx.zonesAt(lat, lon)), `same answer at ${lat},${lon}`);
    if (b.margin === 0) continue;
    cached++;
    for (let k = 0; k < 8; k++) {
      const dy = (rand() * 2 - 1) * b.margin * 0.999999;
      const dx = (rand() * 2 - 1) * b.margin * 0.999999;
      assert.equal(ids(idx.zonesAt(b.y + dy, b.x + dx)), ids(got), `inside the box of ${lat},${lon} (margin ${b.margin})`);
    }
  }
  assert.ok(cached > 1000, `most points away from boundaries get a box (${cached})`);
});

test('createRefData.setZones: zonesAt and zonesAtWithinOf answer from the new set, zones and zonesVersion follow', () => {
  const square = (id: string, w: number, s: number): Zone => ({
    id, name: id, kind: 'area', tags: [], source: 'test',
    geometry: { type: 'Polygon', coordinates: [[[w, s], [w + 1, s], [w + 1, s + 1], [w, s + 1], [w, s]]] },
  });
  const r = createRefData({ zones: [square('a', 0, 0)] });
  const within = zonesAtWithinOf(r)!;
  const box = { x: 0, y: 0, margin: 0 };
  assert.deepEqual(r.zonesAt(10.5, 10.5), []);
  const v0 = r.zonesVersion;
  r.setZones([square('a', 0, 0), square('b', 10, 10)]);
  assert.notEqual(r.zonesVersion, v0);
  assert.deepEqual(r.zonesAt(10.5, 10.5).map((z) => z.id), ['b']);
  assert.deepEqual(within(10.5, 10.5, box).map((z) => z.id), ['b'], 'the same function follows the new set');
  assert.deepEqual(r.zones.map((z) => z.id), ['a', 'b']);
  r.setZones([]);
  assert.deepEqual(r.zonesAt(0.5, 0.5), []);
});
