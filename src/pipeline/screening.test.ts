import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createScreeningDetector, trackQuery } from './screening.js';
import { Screener } from '../screen/matcher.js';
import type { Entity } from '../screen/model.js';
import type { LookoutEvent } from '../detect/event.js';
import type { Track } from '../track/types.js';
import type { DetectorContext } from '../detect/detector.js';

const listed: Entity[] = [
  { id: 'v1', schema: 'Vessel', caption: 'RYONG GANG 2', properties: { name: ['RYONG GANG 2'], previousName: ['TAN CHON'], imoNumber: ['7640378'] }, datasets: ['us_ofac_sdn'] },
  { id: 'v1:s', schema: 'Sanction', caption: 'S', properties: { entity: ['v1'], authority: ['US OFAC'], program: ['DPRK'] }, datasets: ['us_ofac_sdn'] },
];

function setup(): { events: LookoutEvent[]; det: ReturnType<ReturnType<typeof createScreeningDetector>> } {
  const events: LookoutEvent[] = [];
  const ctx = { refdata: {} as DetectorContext['refdata'], emit: (e: LookoutEvent) => events.push(e) } as DetectorContext;
  return { events, det: createScreeningDetector(new Screener(listed))(ctx) };
}

const track = (identity: Partial<Track['identity']>, time: number): Track => ({
  track_id: '636000001', mmsi: 636000001, identity: { mmsi: 636000001, ...identity }, last: { time, lat: 39, lon: 125 }, first_seen: 0, last_seen: time, fixes: 1,
});

test('a vessel with a listed IMO raises sanctions_hit when first seen, once', () => {
  const { events, det } = setup();
  const t = track({ imo: 7640378, name: 'RYONG GANG 2' }, 1_700_000_000_000);
  det.position(t, t.last!);
  det.position(t, { ...t.last!, time: 1_700_000_060_000 });
  assert.equal(events.length, 1);
  const e = events[0];
  assert.equal(e.type, 'sanctions_hit');
  assert.equal(e.start, new Date(1_700_000_000_000).toISOString(), 'time comes from the fix');
  assert.equal(e.confidence, 1);
  assert.equal(e.details['decision'], 'match');
  assert.equal(e.details['partial'], false);
  assert.deepEqual(e.details['lists'], ['us_ofac_sdn']);
  assert.deepEqual(e.details['programs'], ['DPRK']);
  assert.ok((e.details['matched_fields'] as string[]).includes('imo'));
});

test('an identity change is screened again: a former name on another IMO is a partial, lower-confidence hit', () => {
  const { events, det } = setup();
  const t = track({ imo: 9187629, name: 'OCEAN STAR' }, 1000);
  det.position(t, t.last!);
  assert.equal(events.length, 0);
  const renamed = track({ imo: 9187629, name: 'TAN CHON' }, 2000);
  det.identity!(renamed, { time: 2000, field: 'name', before: 'OCEAN STAR', after: 'TAN CHON' });
  assert.equal(events.length, 1);
  assert.equal(events[0].details['decision'], 'review');
  assert.equal(events[0].details['partial'], true);
  assert.ok(events[0].confidence < 0.8);
  assert.equal(events[0].details['screened_on'], 'identity_change');
});

test('a listed IMO under a new name raises a match flagged as partial', () => {
  const { events, det } = setup();
  const t = track({ imo: 7640378, name: 'NEW NAME', flag: 'SL' }, 1000);
  det.position(t, t.last!);
  assert.equal(events[0]?.details['decision'], 'match');
  assert.equal(events[0]?.details['partial'], true);
  assert.equal(events[0]?.confidence, 0.95);
});

test('the track query carries MMSI, IMO, name, call sign and flag', () => {
  const q = trackQuery(track({ imo: 7640378, name: ' X ', callsign: 'HMAB', flag: 'KP' }, 0));
  assert.deepEqual(q.properties, { mmsi: ['636000001'], imoNumber: ['7640378'], name: ['X'], callSign: ['HMAB'], flag: ['KP'] });
});
