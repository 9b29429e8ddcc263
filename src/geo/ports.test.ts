import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PortIndex } from './ports.js';
import { destination } from './distance.js';
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
