import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeEvent, type EventType, type LookoutEvent } from '../detect/event.js';
import { formatTable, matchQuality, parseEvents, score, vesselKey } from './score.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 2, 2);

function ev(type: EventType, mmsi: number, startH: number, endH: number, other?: number): LookoutEvent {
  return makeEvent({ type, mmsi, other_mmsi: other, start: T0 + startH * H, end: T0 + endH * H, lat: 30, lon: 124, confidence: 1, details: {} });
}

const truth = [
  ev('gap', 1, 2, 10),
  ev('gap', 2, 5, 12),
  ev('encounter', 3, 4, 9, 4),
  ev('port_visit', 5, 1, 20),
  ev('zone_entry', 6, 3, 3),
];

test('a perfect prediction scores 1 everywhere with zero timing error', () => {
  const r = score(truth, truth);
  assert.equal(r.total.precision, 1);
  assert.equal(r.total.recall, 1);
  assert.equal(r.total.f1, 1);
  for (const t of r.types) {
    assert.equal(t.medianStartErrorMin, 0);
    assert.equal(t.medianEndErrorMin, 0);
  }
});

test('a missing event lowers recall of its type only', () => {
  const r = score(truth, truth.filter((e) => !(e.type === 'gap' && e.mmsi === 2)));
  const gap = r.types.find((t) => t.type === 'gap');
  assert.equal(gap?.recall, 0.5);
  assert.equal(gap?.precision, 1);
  assert.equal(r.types.find((t) => t.type === 'encounter')?.recall, 1);
  assert.equal(r.missed.length, 1);
  assert.equal(r.missed[0]?.mmsi, 2);
});

test('an extra event lowers precision, and a wrong vessel does not match', () => {
  const r = score(truth, [...truth, ev('gap', 99, 2, 10), ev('loitering', 1, 2, 6)]);
  assert.equal(r.types.find((t) => t.type === 'gap')?.precision, 2 / 3);
  const loit = r.types.find((t) => t.type === 'loitering');
  assert.equal(loit?.precision, 0);
  assert.equal(loit?.recall, undefined);
  assert.equal(r.extra.length, 2);
});

test('shifted events still match while they overlap, and report the shift as timing error', () => {
  const shifted = truth.map((e) => {
    const s = Date.parse(e.start) + 0.5 * H;
    const en = Date.parse(e.end) + (e.start === e.end ? 0.5 * H : 1 * H);
    return makeEvent({ type: e.type, mmsi: e.mmsi, other_mmsi: e.other_mmsi, start: s, end: en, lat: 0, lon: 0, confidence: 1, details: {} });
  });
  const r = score(truth, shifted);
  assert.equal(r.total.recall, 1, 'the instantaneous zone_entry shifted by exactly 30 min is within the (inclusive) tolerance');
  assert.equal(r.types.find((t) => t.type === 'gap')?.medianStartErrorMin, 30);
  assert.equal(r.types.find((t) => t.type === 'gap')?.medianEndErrorMin, 60);
  const far = score(truth, [ev('gap', 1, 11, 14)]);
  assert.equal(far.total.matched, 0, 'no overlap, no match');
});

test('instantaneous events match within 30 minutes and not beyond', () => {
  assert.equal(score([ev('zone_entry', 6, 3, 3)], [ev('zone_entry', 6, 3.4, 3.4)]).total.matched, 1);
  assert.equal(score([ev('zone_entry', 6, 3, 3)], [ev('zone_entry', 6, 3.6, 3.6)]).total.matched, 0);
  assert.equal(matchQuality({ s: 0, e: 0 }, { s: 10, e: 20 }, 30), -10);
});

test('encounters match on the unordered vessel pair', () => {
  assert.equal(vesselKey(ev('encounter', 4, 0, 1, 3)), vesselKey(ev('encounter', 3, 0, 1, 4)));
  const r = score([ev('encounter', 3, 4, 9, 4)], [ev('encounter', 4, 5, 8, 3)]);
  assert.equal(r.total.matched, 1);
});

test('matching is one to one: two predictions for one true event leave one extra', () => {
  const r = score([ev('gap', 1, 2, 10)], [ev('gap', 1, 2, 10), ev('gap', 1, 3, 9)]);
  assert.equal(r.total.matched, 1);
  assert.equal(r.total.precision, 0.5);
  assert.equal(Date.parse(r.extra[0]?.start ?? ''), T0 + 3 * H, 'the better-overlapping prediction is kept');
});

test('bad lines are reported, not fatal, and the table lists every type', () => {
  const text = truth.map((e) => JSON.stringify(e)).join('\n') + '\nnot json\n{"type":"gap"}\n';
  const parsed = parseEvents(text);
  assert.equal(parsed.events.length, truth.length);
  assert.deepEqual(parsed.errors.map((e) => e.line), [6, 7]);
  const table = formatTable(score(parsed.events, parsed.events));
  for (const type of ['gap', 'encounter', 'port_visit', 'zone_entry', 'all']) assert.match(table, new RegExp(`^${type} `, 'm'));
});

test('an IMO conflict matches whichever of the two claimants it is reported under', () => {
  const t = makeEvent({ type: 'identity_anomaly', mmsi: 10, start: T0, end: T0, lat: 0, lon: 0, confidence: 1, details: { other_mmsi: 20 } });
  const p = makeEvent({ type: 'identity_anomaly', mmsi: 20, start: T0 + 0.2 * H, end: T0 + 0.2 * H, lat: 0, lon: 0, confidence: 1, details: { kind: 'imo_conflict', other_mmsi: 10 } });
  assert.equal(score([t], [p]).total.matched, 1);
  const placeholder = makeEvent({ type: 'identity_anomaly', mmsi: 20, start: T0, end: T0, lat: 0, lon: 0, confidence: 1, details: { kind: 'placeholder_mmsi' } });
  assert.equal(score([t], [placeholder]).total.matched, 0);
});
