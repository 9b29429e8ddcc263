import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AisMessage } from '../ais/types.js';
import { StaticReport } from './identity.js';
import { Tracker } from './tracker.js';
import type { Identity } from './types.js';

const T0 = Date.UTC(2024, 0, 1);

/** Every property the tracker reads of a static message, recorded through a Proxy. */
function fieldsRead(m: AisMessage): Set<string> {
  const read = new Set<string>();
  const spy = new Proxy(m, {
    get(target, key, receiver) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  new Tracker({}, {}).process(spy, T0);
  return read;
}

/** The identity a tracker builds from one message. */
function identityOf(m: AisMessage): Identity {
  const t = new Tracker({}, {});
  t.process(m, T0);
  const track = t.tracksOf(m.mmsi)[0];
  assert.ok(track !== undefined);
  return { ...track.identity };
}

const staticMessages: AisMessage[] = [
  // Type 5 with every field.
  { type: 5, repeat: 0, mmsi: 440123456, imo: 9074729, callsign: 'D7AB', shipname: 'SAMPLE STAR', ship_type: 80, to_bow: 150, to_stern: 30, to_port: 12, to_starboard: 20, draught: 9.6, destination: 'NAMPO', epfd: 1, month: 3, day: 4, hour: 5, minute: 6, dte: false, ais_version: 0 },
  // Type 24 part A and part B.
  { type: 24, repeat: 0, mmsi: 273123456, partno: 0, shipname: 'KAPITAN' },
  { type: 24, repeat: 0, mmsi: 273123456, partno: 1, ship_type: 37, vendorid: 'ABC', model: 1, serial: 2, callsign: 'UBCD', to_bow: 5, to_stern: 7, to_port: 2, to_starboard: 2 },
  // A CSV export's static row: length, beam and a declared flag instead of dimension fields.
  { type: 5, repeat: 0, mmsi: 636012345, shipname: 'OCEAN TRADER', imo: 9321483, length: 183, beam: 32, draught: 11.2, flag: 'LR' },
];

test('a StaticReport carries every field the tracker reads of a static message', () => {
  for (const m of staticMessages) {
    const report = new StaticReport(m);
    for (const key of fieldsRead(m)) assert.ok(Object.hasOwn(report, key), `type ${m.type}: the tracker reads '${key}', which StaticReport does not copy`);
    assert.deepEqual(identityOf(report), identityOf(m));
  }
  // The check itself sees what it should: the tracker reads the name and the CSV's flag.
  const read = fieldsRead(staticMessages[3]);
  assert.ok(read.has('shipname') && read.has('flag') && read.has('length'));
  assert.equal(identityOf(staticMessages[3]).declared_flag, 'LR');
});
