import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventId, makeEvent } from './event.js';

test('event ids are deterministic and independent of encounter order', () => {
  assert.equal(eventId('encounter', 1, 1000, 2), eventId('encounter', 2, 1000, 1));
  assert.equal(eventId('gap', 1, 1000), eventId('gap', 1, 1000));
  assert.notEqual(eventId('gap', 1, 1000), eventId('gap', 1, 1001));
  assert.notEqual(eventId('zone_entry', 1, 1000, undefined, 'a'), eventId('zone_entry', 1, 1000, undefined, 'b'));
});

test('makeEvent renders the contract with ISO times and clamped confidence', () => {
  const e = makeEvent({ type: 'gap', mmsi: 123456789, start: 0, end: 3_600_000, lat: 1.23456789, lon: -2, confidence: 1.4, details: { hours: 1 } });
  assert.deepEqual(Object.keys(e), ['id', 'type', 'mmsi', 'start', 'end', 'lat', 'lon', 'confidence', 'details']);
  assert.equal(e.start, '1970-01-01T00:00:00.000Z');
  assert.equal(e.end, '1970-01-01T01:00:00.000Z');
  assert.equal(e.lat, 1.234568);
  assert.equal(e.confidence, 1);
});
