import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AisMessage } from '../ais/types.js';
import { Tracker } from './tracker.js';
import type { Fix, IdentityChange, Track } from './types.js';

const T0 = Date.UTC(2024, 0, 1);
const MIN = 60_000;

function collect(params = {}) {
  const fixes: [string, Fix][] = [];
  const changes: [string, IdentityChange][] = [];
  const tracker = new Tracker(params, {
    fix: (t: Track, f: Fix) => fixes.push([t.track_id, f]),
    identity: (t: Track, c: IdentityChange) => changes.push([t.track_id, c]),
  });
  return { tracker, fixes, changes };
}

const pos = (mmsi: number, lat: number, lon: number, extra: Partial<AisMessage> = {}): AisMessage => ({
  type: 1,
  repeat: 0,
  mmsi,
  lat,
  lon,
  speed: 10,
  course: 0,
  ...extra,
});

test('positions with not-available or out-of-range coordinates are rejected by reason', () => {
  const { tracker } = collect();
  assert.equal(tracker.process({ type: 1, repeat: 0, mmsi: 1 }, T0), 'no_position');
  assert.equal(tracker.process(pos(1, 91, 10), T0), 'invalid_position');
  assert.equal(tracker.process(pos(1, 10, 181), T0), 'invalid_position');
  assert.equal(tracker.process(pos(1, 0, 0), T0), 'null_island');
  assert.equal(tracker.process({ type: 4, repeat: 0, mmsi: 2 }, T0), 'other');
});

test('noise speeds and invalid course or heading are removed from an accepted fix', () => {
  const { tracker, fixes } = collect();
  assert.equal(tracker.process(pos(244123456, 52, 4, { speed: 102.3, course: 360, heading: 511 }), T0), 'fix');
  assert.equal(tracker.process(pos(244123456, 52.01, 4, { speed: 51.2, course: 10, heading: 12 }), T0 + MIN), 'fix');
  assert.equal(JSON.stringify(fixes[0]?.[1]), JSON.stringify({ time: T0, lat: 52, lon: 4 }));
  assert.equal(fixes[1]?.[1].speed, undefined);
  assert.equal(fixes[1]?.[1].course, 10);
});

test('the same report heard by two receivers is one fix', () => {
  const { tracker, fixes } = collect();
  const m = pos(244123456, 52, 4, { second: 10 });
  assert.equal(tracker.process(m, T0, 'A'), 'fix');
  assert.equal(tracker.process({ ...m }, T0 + 4000, 'B'), 'duplicate');
  assert.equal(tracker.process(pos(244123456, 52.001, 4, { second: 20 }), T0 + 10_000, 'A'), 'fix');
  assert.equal(fixes.length, 2);
});

test('a type 27 position close in time to a normal one is noise', () => {
  const { tracker } = collect();
  tracker.process(pos(244123456, 52, 4), T0);
  assert.equal(tracker.process(pos(244123456, 52.1, 4, { type: 27 }), T0 + 30 * MIN), 'type27_redundant');
  assert.equal(tracker.process(pos(244123456, 52.3, 4, { type: 27 }), T0 + 2 * 60 * MIN), 'fix');
});

test('one MMSI used by two transmitters far apart becomes two tracks that never mix', () => {
  const { tracker, fixes } = collect();
  for (let i = 0; i < 20; i++) {
    tracker.process(pos(412331088, 36.9 + i * 0.002, 122.4), T0 + i * 3 * MIN);
    tracker.process(pos(412331088, -45 - i * 0.002, -60, { course: 180 }), T0 + i * 3 * MIN + 20_000);
  }
  const ids = [...tracker.tracks()].map((t) => t.track_id);
  assert.deepEqual(ids, ['412331088', '412331088#2']);
  for (const [id, f] of fixes) assert.equal(id === '412331088', f.lat > 0, `fix at ${f.lat} on ${id}`);
  const second = tracker.track('412331088#2');
  assert.equal(second?.origin?.from, '412331088');
  assert.ok((second?.origin?.implied_speed_kn ?? 0) > 1000);
  assert.equal(second?.peers?.length, 2);
  assert.equal(tracker.vesselCount, 1);
  assert.equal(tracker.trackCount, 2);
});

test('a vessel crossing the antimeridian stays on one track', () => {
  const { tracker } = collect();
  for (let i = 0; i < 30; i++) {
    let lon = 179.8 + i * 0.02;
    if (lon > 180) lon -= 360;
    tracker.process(pos(477293900, 45, lon, { speed: 18, course: 90 }), T0 + i * 2 * MIN);
  }
  assert.deepEqual([...tracker.tracks()].map((t) => t.track_id), ['477293900']);
});

test('a long silence does not split a track when the vessel could have made the distance', () => {
  const { tracker } = collect();
  tracker.process(pos(244123456, 50, 0, { speed: 12, course: 90 }), T0);
  tracker.process(pos(244123456, 50, 5, { speed: 12, course: 90 }), T0 + 30 * 60 * MIN);
  assert.equal(tracker.trackCount, 1);
});

test('identity is merged from messages 5, 24A, 24B and 19, with the flag from the MID', () => {
  const { tracker, changes } = collect();
  tracker.process(pos(244123456, 52, 4), T0);
  tracker.process({ type: 5, repeat: 0, mmsi: 244123456, shipname: 'NOORDZEE@@@@', callsign: 'PBAB', imo: 9074729, ship_type: 70, to_bow: 100, to_stern: 20, to_port: 10, to_starboard: 8, draught: 7.5, destination: 'ROTTERDAM  ' }, T0 + MIN);
  const t = tracker.track('244123456') as Track;
  assert.deepEqual(t.identity, {
    mmsi: 244123456,
    flag: 'NL',
    class: 'A',
    name: 'NOORDZEE',
    callsign: 'PBAB',
    imo: 9074729,
    ship_type: 70,
    length: 120,
    beam: 18,
    draught: 7.5,
    destination: 'ROTTERDAM',
  });
  assert.equal(changes.length, 8, 'first values are reported with before undefined');
  assert.ok(changes.every(([, c]) => c.before === undefined));

  const b = collect();
  b.tracker.process({ type: 18, repeat: 0, mmsi: 338123456, lat: 40, lon: -70, speed: 5, course: 10 }, T0);
  b.tracker.process({ type: 24, repeat: 0, mmsi: 338123456, partno: 0, shipname: 'SEA FOX' }, T0 + MIN);
  b.tracker.process({ type: 24, repeat: 0, mmsi: 338123456, partno: 1, callsign: 'WDA1234', ship_type: 37, to_bow: 5, to_stern: 5, to_port: 2, to_starboard: 2 }, T0 + 2 * MIN);
  b.tracker.process({ type: 19, repeat: 0, mmsi: 338123456, lat: 40.01, lon: -70, speed: 5, course: 10, shipname: 'SEA FOX' }, T0 + 3 * MIN);
  const bt = b.tracker.track('338123456') as Track;
  assert.equal(bt.identity.class, 'B');
  assert.equal(bt.identity.flag, 'US');
  assert.equal(bt.identity.name, 'SEA FOX');
  assert.equal(bt.identity.length, 10);
  assert.equal(bt.fixes, 2);
});

test('a new identity value counts only when repeated, and then enters the history with its first time', () => {
  const { tracker, changes } = collect();
  tracker.process(pos(244123456, 52, 4), T0);
  const st = (name: string, t: number): void => void tracker.process({ type: 5, repeat: 0, mmsi: 244123456, shipname: name }, t);
  st('ALPHA', T0 + MIN);
  st('ALPHQ', T0 + 7 * MIN); // one garbled message
  st('ALPHA', T0 + 13 * MIN);
  st('BRAVO', T0 + 19 * MIN);
  st('BRAVO', T0 + 25 * MIN);
  st('B R A V O', T0 + 31 * MIN); // same identity, spelt with spaces
  const t = tracker.track('244123456') as Track;
  assert.equal(t.identity.name, 'BRAVO');
  assert.deepEqual(t.history, [{ time: T0 + 19 * MIN, field: 'name', before: 'ALPHA', after: 'BRAVO' }]);
  assert.equal(changes.filter(([, c]) => c.before !== undefined).length, 1);
});

test('a declared flag from the data source is kept beside the MID flag', () => {
  const { tracker } = collect();
  tracker.process({ type: 5, repeat: 0, mmsi: 273555000, shipname: 'NEVA', flag: 'PA' }, T0);
  const t = tracker.track('273555000') as Track;
  assert.equal(t.identity.flag, 'RU');
  assert.equal(t.identity.declared_flag, 'PA');
  assert.equal(t.fixes, 0);
});
