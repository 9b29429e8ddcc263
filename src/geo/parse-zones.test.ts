import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseZonesGeoJson } from './parse-zones.js';

const square = [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]];
const feature = (properties: Record<string, unknown>, geometry: unknown = { type: 'Polygon', coordinates: square }, extra: Record<string, unknown> = {}): unknown => ({ type: 'Feature', properties, geometry, ...extra });
const collection = (...features: unknown[]): string => JSON.stringify({ type: 'FeatureCollection', features });

test('a valid zone keeps its id, name, kind, tags and gates', () => {
  const { zones, errors } = parseZonesGeoJson(collection(feature({ id: 'ts', name: 'Test Strait', kind: 'strait', tags: 'a;B', gates: [{ name: 'N', lat: 1, lon: 0.5 }, { name: 'S', lat: 0, lon: 0.5 }] })));
  assert.deepEqual(errors, []);
  assert.equal(zones[0].id, 'ts');
  assert.equal(zones[0].kind, 'strait');
  assert.deepEqual(zones[0].tags, ['a', 'b']);
  assert.equal(zones[0].gates?.[1].name, 'S');
  assert.equal(zones[0].source, 'user');
});

test('the feature id stands in for a missing id property, and kind defaults to user', () => {
  const { zones } = parseZonesGeoJson(collection(feature({ name: 'Mine' }, undefined, { id: 42 })));
  assert.equal(zones[0].id, '42');
  assert.equal(zones[0].kind, 'user');
});

test('bad features are reported by index and reason; the good ones load', () => {
  const { zones, errors } = parseZonesGeoJson(collection(
    feature({ id: 'ok', name: 'OK' }),
    feature({ name: 'no id' }),
    feature({ id: 'noname' }),
    feature({ id: 'k', name: 'K', kind: 'ocean' }),
    feature({ id: 'g', name: 'G' }, { type: 'Point', coordinates: [0, 0] }),
    feature({ id: 'r', name: 'R' }, { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] }),
    feature({ id: 'p', name: 'P' }, { type: 'Polygon', coordinates: [[[0, 0], [1, 95], [1, 1], [0, 0]]] }),
    feature({ id: 'ok', name: 'dup' }),
    feature({ id: 'gt', name: 'GT', gates: [{ name: 'only one', lat: 0, lon: 0 }] }),
    'not a feature',
  ));
  assert.deepEqual(zones.map((z) => z.id), ['ok']);
  assert.deepEqual(errors.map((e) => e.feature), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.match(errors[0].reason, /id is missing/);
  assert.match(errors[1].reason, /name is missing/);
  assert.match(errors[2].reason, /kind "ocean"/);
  assert.match(errors[3].reason, /not Polygon or MultiPolygon/);
  assert.match(errors[4].reason, /at least 4 positions/);
  assert.match(errors[5].reason, /bad position/);
  assert.match(errors[6].reason, /duplicate id/);
  assert.match(errors[7].reason, /gates/);
  assert.match(errors[8].reason, /not a Feature/);
});

test('a document that is not JSON or not a FeatureCollection is one error, not a crash', () => {
  assert.match(parseZonesGeoJson('{oops').errors[0].reason, /not JSON/);
  assert.match(parseZonesGeoJson('{"type":"Point"}').errors[0].reason, /not a GeoJSON FeatureCollection/);
});
