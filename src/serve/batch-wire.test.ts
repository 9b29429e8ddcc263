import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IdentityRecord, VesselRecord, WriteBatch } from '../store/store.js';
import { fromWire, toWire, wireTransfers } from './batch-wire.js';

test('a batch survives its wire form: vessels and identity changes with every field present or absent, the rest untouched', () => {
  const full: VesselRecord = {
    mmsi: 257_000_001, imo: 9_000_001, name: 'FULL', callsign: 'LA1', ship_type: 70, length: 120.5, beam: 20, draught: 7.5, destination: 'BERGEN', flag: 'NO', class: 'A',
    first_seen: 1.7e12, last_seen: 1.7e12 + 5, lat: 60.1234567, lon: -5.25, speed: 0, course: 359.9, heading: 0, status: 0, fix_time: 1.7e12 + 4, fixes: 12,
  };
  const bare: VesselRecord = { mmsi: 1, first_seen: 0, last_seen: 0, fixes: 0 };
  // As the live picture hands them over: every key present, absent ones undefined.
  const holes = { ...bare, imo: undefined, name: undefined, lat: undefined, class: 'B' } as VesselRecord;
  const identities: IdentityRecord[] = [
    { mmsi: 1, time: 5, field: 'name', after: 'ONE' },
    { mmsi: 1, time: 6, field: 'imo', before: 9_000_001, after: 9_000_002 },
    { mmsi: 2, time: 7, field: 'destination', before: '' },
  ];
  const events = [{ id: 'gap-1' }] as unknown as WriteBatch['events'];
  const positionColumns = new Float64Array(16).fill(3);
  const batch: WriteBatch = { vessels: [full, bare, holes], identities, events, positionColumns, checkpoints: { a: 'b' } };
  const wire = toWire(batch);
  assert.equal(wireTransfers(wire).length, 3);
  const back = fromWire(structuredClone(wire));
  const defined = (v: object): object => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));
  assert.deepEqual(back.vessels, [full, bare, defined(holes)]);
  assert.deepEqual(back.identities, identities);
  assert.deepEqual(back.events, events);
  assert.deepEqual(back.positionColumns, positionColumns);
  assert.deepEqual(back.checkpoints, { a: 'b' });
  assert.equal(batch.vessels!.length, 3, 'the batch itself is not changed');
  assert.deepEqual(fromWire(toWire({ vessels: [], identities: [] })), {});
});
