import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IsoFormatter, isoTime, trackLineFeature } from './format.js';

test('the ISO formatter writes the same text as Date.prototype.toISOString', () => {
  const f = new IsoFormatter();
  const times = [0, 1, 999, 59_999, 3_599_999, 3_600_000, Date.UTC(2026, 0, 1), Date.UTC(2024, 1, 29, 23, 59, 59, 999), 253_402_300_799_999, -1, -86_400_001, 1.5, 253_402_300_800_000];
  for (let t = Date.UTC(2026, 5, 30, 22); t < Date.UTC(2026, 6, 1, 2); t += 7_919) times.push(t);
  for (const t of times) assert.equal(f.format(t), new Date(t).toISOString(), String(t));
});

test('isoTime writes the same text as Date.prototype.toISOString', () => {
  let a = 12345;
  const next = (): number => (a = (Math.imul(a, 1664525) + 1013904223) >>> 0) / 4294967296;
  const times = [0, 1, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, 253_402_300_799_999, 253_402_300_800_000, -1, -62_135_596_800_001, 0.25, NaN];
  for (let i = 0; i < 20_000; i++) times.push(Math.floor(next() * 253_402_300_800_000));
  for (const t of times) {
    if (Number.isNaN(t)) assert.throws(() => isoTime(t), RangeError);
    else assert.equal(isoTime(t), new Date(t).toISOString(), String(t));
  }
});

test('a track line feature is written byte for byte as JSON.stringify writes the same object', () => {
  const n = 50;
  const line = { time: new Float64Array(n), lat: new Float64Array(n), lon: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    line.time[i] = Date.UTC(2026, 0, 1) + i * 61_001;
    line.lat[i] = -33.123456789 + i / 7;
    line.lon[i] = i % 2 ? 179.99 - i / 3 : -0.5 + i * 1e-9;
  }
  const props = { mmsi: 257_000_001, name: 'SEA "QUOTE" \\ ÆØÅ', imo: undefined, from: 'a', to: 'b', points: 3, stored_points: n, level: 'full' };
  const iso = (t: number): string => new Date(t).toISOString();
  for (const segs of [[], [[0, 3, 7, 49]], [[0, 1], [2, 10, 20], [30, 49]]]) {
    const coords = segs.map((s) => s.map((i) => [line.lon[i], line.lat[i]]));
    const times = segs.map((s) => s.map((i) => iso(line.time[i])));
    const geometry = segs.length === 1 ? { type: 'LineString', coordinates: coords[0] } : { type: 'MultiLineString', coordinates: coords };
    const expected = JSON.stringify({ type: 'Feature', geometry: segs.length === 0 ? null : geometry, properties: { ...props, coordinateProperties: { times: segs.length === 1 ? times[0] : times } } });
    assert.equal(trackLineFeature(props, segs, line), expected);
  }
  assert.equal(trackLineFeature({}, [[0]], line), JSON.stringify({ type: 'Feature', geometry: { type: 'LineString', coordinates: [[line.lon[0], line.lat[0]]] }, properties: { coordinateProperties: { times: [iso(line.time[0])] } } }));
});
