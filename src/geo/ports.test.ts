import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PortIndex } from './ports.js';
import { destination, haversineM } from './distance.js';
import type { Port } from './types.js';

const port = (id: string, lat: number, lon: number, radius_m: number, tags: string[] = []): Port => ({ id, name: id, lat, lon, radius_m, tags, source: 'test' });

test('overlapping ports: the one whose centre is nearest relative to its radius comes first', () => {
  const big = port('big', 10, 20, 10_000);
  const small = port('small', 10, 20.02, 2_000);
  const idx = new PortIndex([big, small]);
  // 500 m from the small port's centre (score 0.25), ~1.7 km from the big one (0.17): big wins.
  const p1 = destination(10, 20.02, 270, 500);
  assert.deepEqual(idx.portsAt(p1.lat, p1.lon).map((p) => p.id), ['big', 'small']);
  // At the small port's centre it wins (score 0).
  assert.deepEqual(idx.portsAt(10, 20.02).map((p) => p.id), ['small', 'big']);
  // Outside both.
  assert.deepEqual(idx.portsAt(10, 20.2), []);
});

test('equal matches go to the port listed first', () => {
  const a = port('first', 0, 0, 1000), b = port('second', 0, 0, 1000);
  assert.equal(new PortIndex([a, b]).portsAt(0, 0.001)[0].id, 'first');
  assert.equal(new PortIndex([b, a]).portsAt(0, 0.001)[0].id, 'second');
});

test('a port area across the antimeridian is found from both sides', () => {
  const idx = new PortIndex([port('dateline', -16.8, 179.99, 5000)]);
  assert.equal(idx.portsAt(-16.8, -179.98).length, 1);
  assert.equal(idx.portsAt(-16.8, 179.97).length, 1);
  assert.equal(idx.nearestPort(-16.8, -179.9, 20_000)?.port.id, 'dateline');
  const d = idx.nearestPort(-16.8, -179.99, 20_000)?.distance_m ?? -1;
  assert.ok(d > 2000 && d < 2200, `distance ${d}`);
});

test('ports near a pole are found whatever the longitude', () => {
  const idx = new PortIndex([port('north', 89.99, 100, 3000)]);
  assert.equal(idx.portsAt(89.995, -80).length, 1);
  assert.equal(idx.nearestPort(90, 0, 5000)?.port.id, 'north');
});

test('nearestPort finds the nearest within the limit and nothing beyond it', () => {
  const idx = new PortIndex([port('a', 50, 0, 1000), port('b', 50, 1, 1000), port('c', 51, 3, 1000)]);
  assert.equal(idx.nearestPort(50, 0.4, 100_000)?.port.id, 'a');
  assert.equal(idx.nearestPort(50, 0.6, 100_000)?.port.id, 'b');
  assert.equal(idx.nearestPort(50, 0.4, 10_000), undefined);
  assert.equal(idx.nearestPort(51, 2, 1_000_000)?.port.id, 'c');
  assert.equal(idx.nearestPort(50, 0, 0)?.distance_m, 0);
});

test('an empty port list and bad coordinates answer nothing', () => {
  const idx = new PortIndex([]);
  assert.deepEqual(idx.portsAt(0, 0), []);
  assert.equal(idx.nearestPort(0, 0, 1e6), undefined);
  const one = new PortIndex([port('a', 0, 0, 1000)]);
  assert.deepEqual(one.portsAt(Number.NaN, 0), []);
  assert.equal(one.nearestPort(0, Number.NaN, 1e6), undefined);
});

test('portsAt and nearestPort agree with a scan of every port, anywhere (grid, poles, antimeridian)', () => {
  let seed = 5;
  const rand = (): number => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const ports: Port[] = [];
  for (let i = 0; i < 600; i++) {
    const lat = i % 10 === 0 ? 89.9 + rand() * 0.1 : i % 10 === 1 ? -89.95 : (rand() - 0.5) * 20 + (i % 3) * 30;
    const lon = i % 7 === 0 ? 179.95 + rand() * 0.1 - (rand() < 0.5 ? 360 : 0) : (rand() - 0.5) * 8;
    // Duplicated centres (ties go to the lower index) and a spread of radii.
    ports.push(port(`p${i}`, i % 50 === 3 ? ports[i - 1].lat : lat, i % 50 === 3 ? ports[i - 1].lon : Math.max(-180, Math.min(180, lon)), 500 + rand() * 12_000));
  }
  const idx = new PortIndex(ports);
  for (let q = 0; q < 3000; q++) {
    const base = ports[Math.floor(rand() * ports.length)];
    const lat = Math.max(-90, Math.min(90, base.lat + (rand() - 0.5) * 0.4));
    let lon = base.lon + (rand() - 0.5) * 0.6;
    if (lon >= 180) lon -= 360;
    else if (lon < -180) lon += 360;
    const within = ports.map((p, i) => ({ p, i, d: haversineM(lat, lon, p.lat, p.lon) })).filter((h) => h.d <= h.p.radius_m);
    within.sort((a, b) => a.d / a.p.radius_m - b.d / b.p.radius_m || a.i - b.i);
    assert.deepEqual(idx.portsAt(lat, lon).map((p) => p.id), within.map((h) => h.p.id), `portsAt ${lat},${lon}`);
    const max = [1_000, 20_000, 60_800, 500_000][q % 4];
    let best: { p: Port; d: number } | undefined;
    for (const p of ports) {
      const d = haversineM(lat, lon, p.lat, p.lon);
      if (d <= max && (!best || d < best.d)) best = { p, d };
    }
    const got = idx.nearestPort(lat, lon, max);
    assert.equal(got?.port.id, best?.p.id, `nearestPort ${lat},${lon} within ${max}`);
    assert.equal(got?.distance_m, best?.d);
  }
});
