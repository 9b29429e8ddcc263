import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReceptionGrid } from './reception-grid.js';

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

test('reception counts of different hours of one cell never mix, whatever their order', () => {
  const H = 3_600_000;
  // Count one cell in every hour for 60 hours through a 24-hour grid, a different number each
  // hour, and check each retained hour reads back its own count only.
  const r = new ReceptionGrid(1, 24);
  const t0 = 480_000 * H; // 2024: hours far from 0, as in real data
  for (let h = 0; h < 60; h++) for (let k = 0; k <= h % 7; k++) r.add(10.5, 20.5, t0 + h * H + k * 1000, 1000 + k);
  for (let h = 60 - 24; h < 60; h++) {
    const d = r.density([{ lat: 10.5, lon: 20.5 }], t0 + (h - 1) * H, t0 + (h + 1) * H);
    assert.deepEqual(d, { hours: 1, hours_heard: 1, messages: (h % 7) + 1 }, `hour ${h}`);
  }
  // Out-of-order counts for a retained hour land in that hour.
  r.add(10.5, 20.5, t0 + 40 * H, 9);
  assert.equal(r.density([{ lat: 10.5, lon: 20.5 }], t0 + 39 * H, t0 + 41 * H).messages, (40 % 7) + 2);
  assert.equal(r.density([{ lat: 10.5, lon: 20.5 }], t0 + 65 * H, t0 + 67 * H).messages, 0);
});

test('the reception table grows through a busy hour, drops expired hours when it rebuilds, and keeps every retained count', () => {
  const H = 3_600_000;
  const t0 = 480_000 * H;
  const r = new ReceptionGrid(0.1, 2);
  // Hour 0: 40,000 distinct cells (the table grows from 1,024 slots), two MMSIs in each.
  for (let k = 0; k < 40_000; k++) {
    const lat = -60 + Math.floor(k / 1000) * 0.3;
    const lon = -170 + (k % 1000) * 0.3;
    r.add(lat, lon, t0 + k, 1000 + k);
    r.add(lat, lon, t0 + k + 1, 2_000_000 + k);
  }
  assert.equal(r.size, 40_000);
  const at = (k: number): { lat: number; lon: number } => ({ lat: -60 + Math.floor(k / 1000) * 0.3, lon: -170 + (k % 1000) * 0.3 });
  // Hour 0's counts, without the vessel itself: its neighbour in the same cell only.
  for (const k of [0, 777, 39_999]) assert.deepEqual(r.density([at(k)], t0 - H, t0 + H, 1000 + k), { hours: 1, hours_heard: 1, messages: 1 }, `cell ${k}`);
  // Hours 1–9: 60 cells in a row, 10 messages each per hour, one MMSI; hour 0 leaves retention at
  // hour 3 (only hours 7–9 are retained at the end) and is dropped when the table is next rebuilt.
  for (let h = 1; h < 10; h++) for (let k = 0; k < 600; k++) r.add(10.05, 10.05 + (k % 60) * 0.1, t0 + h * H + k, 7);
  assert.equal(r.size, 3 * 60);
  assert.equal(r.density([at(0)], t0 - H, t0 + H).hours, 0, 'hour 0 is out of retention');
  // Around (10.05, 10.05): its own cell and the next one east hold counts, 10 each per hour.
  assert.deepEqual(r.density([{ lat: 10.05, lon: 10.05 }], t0 + 6 * H, t0 + 10 * H), { hours: 3, hours_heard: 3, messages: 3 * 20 });
  assert.deepEqual(r.density([{ lat: 10.05, lon: 10.05 }], t0 + 6 * H, t0 + 10 * H, 7), { hours: 3, hours_heard: 0, messages: 0 });
});
