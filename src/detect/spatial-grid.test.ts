import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PointGrid, ReceptionGrid, bearingDeg, compassName, destination, haversineM, oppositeCompass } from './spatial-grid.js';

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

test('reception density counts others per hour inside the gap, leaves out the vessel itself, and prunes old hours', () => {
  const H = 3_600_000;
  const r = new ReceptionGrid(1, 24);
  for (let h = 0; h < 10; h++) {
    r.add(30.5, 124.5, h * H + 60_000, 111); // the vessel itself (another segment)
    if (h % 2 === 0) r.add(30.7, 125.5, h * H + 120_000, 222); // a neighbour in the next cell, every other hour
  }
  const d = r.density([{ lat: 30.5, lon: 124.5 }], 0, 10 * H, 111);
  assert.equal(d.hours, 9);
  assert.equal(d.hours_heard, 4);
  assert.equal(d.messages, 4);
  assert.equal(r.density([{ lat: 30.5, lon: 124.5 }], 0, 10 * H).messages, 13);
  r.add(0, 0, 100 * H, 333);
  assert.equal(r.density([{ lat: 30.5, lon: 124.5 }], 0, 10 * H).hours, 0, 'hours older than retention are gone');
});
